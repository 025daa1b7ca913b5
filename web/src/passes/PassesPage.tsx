/**
 * Passes (出入证), a view of community admins and city staff: choose a compound, issue its passes
 * (residents, commuters pre-registered for the peak hours, vehicles, service staff), find them,
 * revoke them, and print their cards — one, or a building's sheet — from the print view
 * (/passes/print, PrintSheet.tsx), which the same route opens.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../styles/passes.css';
import { navigate, useRoute } from '../layout/navigation.ts';
import { useApi, useSession } from '../services.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { CompoundPicker } from './CompoundPicker.tsx';
import { useBuildings } from './data.ts';
import { PassForm } from './PassForm.tsx';
import { PassList } from './PassList.tsx';
import { printRequestOf } from './print-path.ts';
import { PrintSheet } from './PrintSheet.tsx';

export function PassesPage() {
  // The route re-renders this view on every change of the URL; the print view is read from it.
  useRoute();
  const print = printRequestOf(window.location.pathname, window.location.search);
  return print ? <PrintSheet request={print} /> : <PassesAdmin />;
}

function PassesAdmin() {
  const { t } = useTranslation();
  const { session } = useSession();
  const compoundId = new URLSearchParams(window.location.search).get('compound') ?? undefined;
  const api = useApi();
  const [issued, setIssued] = useState(0);
  const buildings = useBuildings(compoundId);
  const compound = useAsync(compoundId ? `pass-compound|${compoundId}` : null, (signal) => api.call('getCompound', { params: { id: compoundId ?? '' } }, { signal }));
  const compoundName = compound.data?.properties.name;
  const choose = (compound: { id: string } | undefined) => {
    navigate(compound ? `/passes?compound=${encodeURIComponent(compound.id)}` : '/passes', { replace: true });
  };

  return (
    <main id="main" className="passes-page">
      <header className="passes-header">
        <h1>{t('passes.title')}</h1>
        <p className="hint">{t('passes.intro')}</p>
      </header>
      <CompoundPicker role={session?.user.role ?? 'community'} compoundId={compoundId} onChoose={choose} />
      {compoundId ? (
        <div className="passes-work" data-compound-id={compoundId}>
          {compoundName && <h2 className="passes-compound">{compoundName}</h2>}
          <PassForm key={compoundId} compoundId={compoundId} buildings={buildings} onIssued={() => setIssued((n) => n + 1)} />
          <PassList key={`list-${compoundId}`} compoundId={compoundId} buildings={buildings} issued={issued} />
        </div>
      ) : (
        <p className="notice">{t('passes.chooseFirst')}</p>
      )}
    </main>
  );
}

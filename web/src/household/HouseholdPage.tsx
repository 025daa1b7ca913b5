/**
 * A household's own page (`/h/{token}`, 代购配送, issue 18), opened from the link or QR code the
 * grid worker printed on the door slip, with no sign-in: the household orders groceries, medicine
 * or other necessities, follows each order to the drop-off point, confirms what it collected and
 * withdraws what nobody has taken yet; below, the compound's notices. Chinese by default, made for
 * 360 px, and a chunk of its own: nothing of the map (Leaflet) or the staff screens is imported.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { chinaTime } from '../public/format.ts';
import { linkStateOf } from '../public/link-state.ts';
import { LinkRefused } from '../public/LinkRefused.tsx';
import { PageTop } from '../public/PageTop.tsx';
import { useApi } from '../services.tsx';
import { CompoundNotices } from './CompoundNotices.tsx';
import { HouseholdOrders } from './HouseholdOrders.tsx';
import { OrderForm } from './OrderForm.tsx';
import '../styles/public.css';
import '../styles/report.css';
import './household.css';

export function HouseholdPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const page = useAsync(token, async (signal) => ({
    ...(await api.call('getPublicOrders', { params: { token } }, { signal })),
    loadedAt: new Date().toISOString(),
  }));
  const [ordering, setOrdering] = useState(false);
  const [placed, setPlaced] = useState<string>();
  const reload = page.reload;
  // A phone left on the page and picked up later shows where the orders stand now, not then.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [reload]);

  const linkState = linkStateOf(page.error);
  if (linkState && linkState !== 'busy') {
    return <LinkRefused page="household-page" state={linkState} kicker={t('household.kicker')} title={t('household.title')} words={t(`household.link.${linkState}`)} />;
  }

  const data = page.data ?? page.latest;
  return (
    <main id="main" className="resident-page household-page" aria-busy={page.loading} data-state={data ? 'ready' : 'loading'}>
      <PageTop kicker={t('household.kicker')} title={t('household.title')} />
      <p className="household-address" data-testid="household-address">
        {data ? [data.compoundName, data.buildingName, data.room].filter(Boolean).join(' ') : '\u00a0'}
      </p>
      {page.error !== undefined ? (
        <ErrorNotice title={linkState === 'busy' ? t('household.link.busy') : t('household.loadFailed')} error={page.error} onRetry={page.reload} />
      ) : null}
      {data ? (
        <>
          <section className="resident-section household-order" aria-labelledby="household-order-heading">
            <h2 id="household-order-heading">{t('household.order.heading')}</h2>
            <div aria-live="polite">
              {placed ? <p className="report-done" role="status" data-testid="order-placed">{t('household.order.placed', { time: chinaTime(placed) })}</p> : null}
            </div>
            {ordering ? (
              <OrderForm
                token={token}
                points={data.dropOffPoints}
                onPlaced={() => {
                  setOrdering(false);
                  setPlaced(new Date().toISOString());
                  reload();
                }}
                onStored={reload}
                onClose={() => setOrdering(false)}
              />
            ) : (
              <button type="button" className="report-submit household-open" onClick={() => { setOrdering(true); setPlaced(undefined); }}>
                {t('household.order.open')}
              </button>
            )}
          </section>
          <HouseholdOrders token={token} orders={data.items} loadedAt={data.loadedAt} refreshing={page.loading} onChanged={reload} />
          <CompoundNotices compoundId={data.compoundId} />
        </>
      ) : page.error === undefined ? (
        <p className="list-note">{t('household.loading')}</p>
      ) : null}
    </main>
  );
}

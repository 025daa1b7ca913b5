/**
 * The print view (/passes/print): just the card of one pass, or the sheet of a building — every
 * pass of the building that admits now or will (revoked and expired ones are not printed), one A6
 * card per page. On screen a bar above says what will print, with the print button and the way
 * back; on paper only the cards remain (styles/passes.css).
 */
import { useTranslation } from 'react-i18next';
import type { Pass } from '#shared/schemas/pass.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { usePrintPaper } from '../hooks/usePrintPaper.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { navigate } from '../layout/navigation.ts';
import { useApi } from '../services.tsx';
import { allPasses } from './data.ts';
import type { PrintRequest } from './print-path.ts';
import { PrintCard } from './PrintCard.tsx';

/** The body's class while the print view is open: the print stylesheet then leaves only the cards. */
const PRINT_VIEW = 'pass-print-view';

/**
 * The paper while the print view is open: A6, no margins (the card has its own). Added to the
 * document only then, since @page cannot be scoped by a selector and the gate notice prints too.
 */
// In millimetres rather than the A6 keyword, which not every browser knows yet.
const A6_PAGE = '@page { size: 105mm 148mm; margin: 0; }';

const printable = (pass: Pass) => pass.status === 'active' || pass.status === 'not_yet_valid';

export function PrintSheet({ request }: { request: PrintRequest }) {
  const { t } = useTranslation();
  const api = useApi();
  const state = useAsync(`pass-print|${request.compound}|${request.pass ?? ''}|${request.building ?? ''}`, async (signal) => {
    const [compound, passes] = await Promise.all([
      api.call('getCompound', { params: { id: request.compound } }, { signal }),
      request.pass !== undefined
        ? allPasses(api, request.compound, { q: request.pass }, signal).then((found) => found.filter((p) => p.passId === request.pass))
        : allPasses(api, request.compound, { buildingId: request.building }, signal).then((found) => found.filter(printable)),
    ]);
    return { compoundName: compound.properties.name, passes };
  });

  usePrintPaper(A6_PAGE, PRINT_VIEW, 'passPrint');

  const data = state.data;
  const buildingName = request.building !== undefined ? data?.passes.find((p) => p.buildingName)?.buildingName ?? request.building : undefined;
  return (
    <main id="main" className="pass-print" data-state={state.loading ? 'loading' : 'ready'}>
      <div className="pass-print-bar">
        <button type="button" className="button button-quiet" onClick={() => navigate(`/passes?compound=${encodeURIComponent(request.compound)}`)}>{t('passes.print.back')}</button>
        <h1>
          {data === undefined
            ? t('passes.print.title')
            : buildingName !== undefined
              ? t('passes.print.sheetTitle', { compound: data.compoundName, building: buildingName, count: data.passes.length })
              : t('passes.print.cardTitle', { compound: data.compoundName })}
        </h1>
        <button type="button" className="button pass-print-button" disabled={!data || data.passes.length === 0} onClick={() => window.print()}>
          {t('passes.print.print')}
        </button>
      </div>
      {state.loading && <p role="status">{t('app.loading')}</p>}
      {state.error !== undefined && <ErrorNotice title={t('passes.print.failed')} error={state.error} onRetry={state.reload} />}
      {data && data.passes.length === 0 && <p className="notice" role="status">{t('passes.print.none')}</p>}
      {data && (
        <div className="pass-cards">
          {data.passes.map((pass) => (
            <PrintCard key={pass.passId} pass={pass} compoundName={data.compoundName} />
          ))}
        </div>
      )}
    </main>
  );
}

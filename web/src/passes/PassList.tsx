/**
 * A compound's passes: searched by the API (pass number, holder's name, plate), a page at a time,
 * each with its status in words (有效 / 尚未生效 / 已过期 / 已吊销), the holder masked as the API
 * gives it, a print link for its card and — while it admits or is still to — a revocation that
 * asks to be confirmed first. A sheet of a building's cards is printed from here too.
 */
import { useId, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pass } from '#shared/schemas/pass.ts';
import { LoadMore } from '../board/LoadMore.tsx';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { navigate } from '../layout/navigation.ts';
import { useApi } from '../services.tsx';
import { usePassList, type CompoundChoice } from './data.ts';
import { printPath, validityText } from './print-path.ts';

export function PassList({ compoundId, buildings, issued }: { compoundId: string; buildings: readonly CompoundChoice[]; issued: number }) {
  const { t } = useTranslation();
  const id = useId();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [sheetBuilding, setSheetBuilding] = useState('');
  const list = usePassList(compoundId, q, issued);

  const open = (event: MouseEvent<HTMLAnchorElement>, path: string) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(path);
  };

  return (
    <section className="card pass-list" aria-labelledby={`${id}-title`} data-state={list.loading ? 'loading' : 'ready'}>
      <h2 id={`${id}-title`}>{t('passes.list.title')}</h2>
      <form className="pass-search" role="search" onSubmit={(event) => { event.preventDefault(); setQ(typed.trim()); }}>
        <label htmlFor={`${id}-q`}>{t('passes.list.search')}</label>
        <input id={`${id}-q`} type="search" maxLength={50} value={typed} placeholder={t('passes.list.searchHint')} onChange={(e) => setTyped(e.target.value)} />
        <button type="submit" className="button">{t('passes.list.searchButton')}</button>
      </form>
      {buildings.length > 0 && (
        <div className="pass-sheet">
          <label htmlFor={`${id}-sheet`}>{t('passes.list.sheetBuilding')}</label>
          <select id={`${id}-sheet`} value={sheetBuilding} onChange={(e) => setSheetBuilding(e.target.value)}>
            <option value="">{t('passes.list.chooseBuilding')}</option>
            {buildings.map((b) => (
              <option key={b.id} value={b.id}>{b.name}</option>
            ))}
          </select>
          {sheetBuilding && (
            <a className="button" href={printPath({ compound: compoundId, building: sheetBuilding })} onClick={(e) => open(e, printPath({ compound: compoundId, building: sheetBuilding }))}>
              {t('passes.list.printSheet')}
            </a>
          )}
        </div>
      )}
      {list.error !== undefined && <ErrorNotice title={t('passes.list.failed')} error={list.error} onRetry={list.reload} />}
      <p className="pass-count" role="status">
        {list.loading ? t('app.loading') : q ? t('passes.list.found', { count: list.items.length, q, more: list.hasMore ? '+' : '' }) : t('passes.list.count', { count: list.items.length, more: list.hasMore ? '+' : '' })}
      </p>
      <ul className="card-list pass-items">
        {list.items.map((pass) => (
          <PassRow key={pass.passId} pass={pass} open={open} />
        ))}
      </ul>
      <LoadMore list={list} label={t('passes.list.more')} />
    </section>
  );
}

function PassRow({ pass, open }: { pass: Pass; open(event: MouseEvent<HTMLAnchorElement>, path: string): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  /** The pass as the revocation answered it: the row says so at once, without reloading the pages. */
  const [revoked, setRevoked] = useState<Pass>();
  const shown = revoked ?? pass;
  const print = printPath({ compound: pass.compoundId, pass: pass.passId });

  const revoke = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      setRevoked(await api.call('revokePass', { params: { id: pass.compoundId, passId: pass.passId } }));
      setConfirming(false);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="pass-item" data-pass-id={shown.passId} data-status={shown.status}>
      <div className="pass-item-head">
        <span className="pass-holder">{shown.name}</span>
        <span className={`pass-status pass-status-${shown.status}`}>{t(`passes.status.${shown.status}`)}</span>
      </div>
      <p className="pass-item-details">
        <span>{t(`gate.category.${shown.category}`)}</span>
        <span>{t('passes.list.idLast4', { last4: shown.idLast4 })}</span>
        {shown.plate && <span>{shown.plate}</span>}
        {shown.buildingName && <span>{shown.buildingName}</span>}
        <span className="pass-number">{t('passes.card.number', { passId: shown.passId })}</span>
      </p>
      <p className="pass-item-validity">{validityText(t, shown)}</p>
      <div className="pass-item-actions">
        <a className="button button-quiet pass-print" href={print} onClick={(e) => open(e, print)}>{t('passes.list.print')}</a>
        {shown.status !== 'revoked' && shown.status !== 'expired' && !confirming && (
          <button type="button" className="button button-quiet pass-revoke" onClick={() => setConfirming(true)}>{t('passes.list.revoke')}</button>
        )}
      </div>
      {confirming && (
        <div className="pass-confirm" role="group" aria-label={t('passes.list.confirmLabel', { passId: shown.passId })}>
          <p>{t('passes.list.confirm', { passId: shown.passId, name: shown.name })}</p>
          <button type="button" className="button pass-revoke-confirm" disabled={busy} onClick={() => void revoke()}>{t('passes.list.revokeConfirm')}</button>
          <button type="button" className="button button-quiet" disabled={busy} onClick={() => setConfirming(false)}>{t('passes.list.cancel')}</button>
        </div>
      )}
      {failure !== undefined && <ErrorNotice title={t('passes.list.revokeFailed')} error={failure} />}
    </li>
  );
}

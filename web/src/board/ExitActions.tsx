/**
 * The resolve actions of one exit, as its reasons call for them and the role may take them:
 * seal it (with how), confirm a sealing, restrict it to lockdown passage, post a duty rota, or
 * read its shifts and missed clock-ins. Each change goes through `onAct`, which takes the exit
 * off the board until the API says how it stands (and brings it back with the failure, if any).
 * A change is made from the version listed (If-Match): when someone else changed the exit
 * meanwhile, the API refuses it and the user is told so.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEALING_METHODS } from '#shared/schemas/exit.ts';
import { exitEtag } from '#shared/schemas/preconditions.ts';
import type { Role } from '#shared/roles.ts';
import { isStale } from '../api/errors.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi } from '../services.tsx';
import { actionsFor, type UnresolvedExit } from './grouping.ts';
import { RotaForm, type RotaRequest } from './RotaForm.tsx';
import { ShiftsPanel } from './ShiftsPanel.tsx';

type SealingMethod = (typeof SEALING_METHODS)[number];

export interface ExitActionsProps {
  readonly exit: UnresolvedExit;
  readonly role: Role;
  onAct(exitId: string, action: () => Promise<unknown>): Promise<void>;
  readonly failure: unknown;
}

export function ExitActions({ exit, role, onAct, failure }: ExitActionsProps) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const actions = actionsFor(exit, role);
  const [method, setMethod] = useState<SealingMethod>('fence');
  const [showShifts, setShowShifts] = useState(false);
  const [pending, setPending] = useState(false);

  // The card leaves the board while the action runs; `pending` only stops a double click.
  const run = (action: () => Promise<unknown>) => {
    setPending(true);
    void onAct(exit.id, action);
  };
  const params = { id: exit.id };
  const sealing = () => ({ method, confirmedAt: new Date().toISOString() });
  const version = exit.updatedAt === undefined ? {} : { ifMatch: exitEtag({ updatedAt: exit.updatedAt }) };
  const seal = () => run(() => api.call('patchExit', { params, body: { status: 'sealed', sealing: sealing() } }, version));
  const confirm = () => run(() => api.call('patchExit', { params, body: { sealing: sealing() } }, version));
  const restrict = () => run(() => api.call('patchExit', { params, body: { restricted: true } }, version));
  const addShifts = ({ person, days, shiftHours }: RotaRequest) => {
    const rotation = { from: new Date().toISOString(), days, shiftHours, people: [person] };
    run(() => api.call('createShifts', { params, body: { rotation } }));
  };

  if (actions.length === 0) return <p className="board-no-action">{t('board.actions.none')}</p>;
  const sealsOrConfirms = actions.includes('seal') || actions.includes('confirmSealing');
  return (
    <div className="board-actions" aria-busy={pending}>
      {isStale(failure) ? (
        <div className="notice notice-error" role="alert" data-testid="exit-stale">
          <p>{t('board.actions.stale')}</p>
        </div>
      ) : (
        failure !== undefined && <ErrorNotice title={t('board.actions.failed')} error={failure} />
      )}
      {sealsOrConfirms && (
        <div className="board-action-row">
          <label htmlFor={`${id}-method`}>{t('board.actions.method')}</label>
          <select id={`${id}-method`} value={method} onChange={(e) => setMethod(e.target.value as SealingMethod)} disabled={pending}>
            {SEALING_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`board.methods.${m}`)}
              </option>
            ))}
          </select>
          {actions.includes('confirmSealing') && (
            <button type="button" className="button board-primary" data-action="confirmSealing" disabled={pending} onClick={confirm}>
              {t('board.actions.confirmSealing')}
            </button>
          )}
          {actions.includes('seal') && (
            <button type="button" className="button board-primary" data-action="seal" disabled={pending} onClick={seal}>
              {t('board.actions.seal')}
            </button>
          )}
        </div>
      )}
      {actions.includes('restrict') && (
        <div className="board-action-row">
          <button type="button" className="button" data-action="restrict" disabled={pending} onClick={restrict}>
            {t('board.actions.restrict')}
          </button>
        </div>
      )}
      {actions.includes('addShifts') && <RotaForm exit={exit} pending={pending} onAdd={addShifts} />}
      {actions.includes('shifts') && (
        <div className="board-action-row">
          <button type="button" className="button button-quiet" aria-expanded={showShifts} data-action="shifts" onClick={() => setShowShifts((v) => !v)}>
            {showShifts ? t('board.actions.hideShifts') : t('board.actions.shifts')}
          </button>
        </div>
      )}
      {showShifts && <ShiftsPanel exitId={exit.id} />}
    </div>
  );
}

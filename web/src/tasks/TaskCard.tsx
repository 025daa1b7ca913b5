/**
 * One task in the list: where (compound, building), what kind, how far along, how long the
 * claim still holds — and the actions the worker may take on it from the list.
 */
import { useTranslation } from 'react-i18next';
import type { TaskSummary } from '#shared/schemas/task.ts';
import type { Unconfirmed } from './overlay.ts';
import { minutesLeft } from './time.ts';

export interface TaskCardProps {
  readonly task: TaskSummary;
  readonly mine: boolean;
  /** An action of the worker's the server has not confirmed yet (待确认). */
  readonly unconfirmed?: Unconfirmed;
  /** When the API answered (epoch ms), to count the lease down from its own count. */
  readonly answeredAt: number;
  readonly now: number;
  readonly distanceM?: number;
  readonly busy: boolean;
  onOpen(): void;
  onClaim(): void;
  onExtend(): void;
  onRelease(): void;
}

export const taskName = (task: Pick<TaskSummary, 'compoundName' | 'buildingName'>): string =>
  task.buildingName ? `${task.compoundName} ${task.buildingName}` : task.compoundName;

export function TaskCard({ task, mine, unconfirmed, answeredAt, now, distanceM, busy, onOpen, onClaim, onExtend, onRelease }: TaskCardProps) {
  const { t } = useTranslation();
  const left = mine ? minutesLeft(task.leaseSecondsLeft, answeredAt, now) : null;
  const name = taskName(task);
  return (
    // Focusable from script only: after a claim the view puts the focus on the claimed task.
    <li className="card task-card" tabIndex={-1} data-task-id={task.id} data-status={task.status} data-mine={mine || undefined}
      data-unconfirmed={unconfirmed}>
      <div className="task-card-main">
        <h3 className="task-name">{name}</h3>
        <p className="task-meta">
          <span className="task-kind" data-kind={task.kind}>{t(`tasks.card.kind.${task.kind}`)}</span>
          <span className="task-status" data-status={task.status}>{t(`tasks.card.status.${task.status}`)}</span>
          {unconfirmed && <span className="task-unconfirmed">{t(`tasks.card.unconfirmed.${unconfirmed}`)}</span>}
          {task.round && (
            <span className="task-round">
              {t('tasks.card.round', { slot: task.round.slot })} · {t(`tasks.card.target.${task.round.target}`)}
            </span>
          )}
          {task.overdue && <span className="task-overdue">{t('tasks.card.overdue')}</span>}
          {distanceM !== undefined && <span className="task-distance">{t('tasks.card.distance', { value: Math.round(distanceM) })}</span>}
        </p>
        {task.kind === 'sweep' && (
        <p className="task-progress">
          <progress max={Math.max(1, task.householdsTotal)} value={task.householdsVisited} aria-hidden="true" />
          <span>{t('tasks.card.progress', { visited: task.householdsVisited, total: task.householdsTotal })}</span>
        </p>
        )}
        {left !== null && (
          <p className="task-lease" data-lapsed={left === 0 || undefined}>
            {left > 0 ? t('tasks.card.leaseLeft', { minutes: left }) : t('tasks.card.leaseLapsed')}
          </p>
        )}
      </div>
      <div className="task-actions">
        <button type="button" className="button button-primary" aria-label={t('tasks.actions.openTask', { name })} onClick={onOpen}>
          {t('tasks.actions.view')}
        </button>
        {(task.status === 'open' || (mine && left === 0)) && (
          <button type="button" className="button" data-action="claim" disabled={busy} onClick={onClaim}>{t('tasks.actions.claim')}</button>
        )}
        {mine && (
          <>
            <button type="button" className="button" data-action="extend" disabled={busy} onClick={onExtend}>{t('tasks.actions.extend')}</button>
            <button type="button" className="button" data-action="release" disabled={busy} onClick={onRelease}>{t('tasks.actions.release')}</button>
          </>
        )}
      </div>
    </li>
  );
}

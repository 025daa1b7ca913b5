/**
 * One task's building, as the worker walks it: 单元 → 楼层 → 户, each household showing whether
 * it is visited and how (or that its visit waits in the outbox); a tap opens the visit form.
 * The holder claims, extends, releases and completes here; a 409 on complete lists the
 * households still unaccounted for. Every action goes through the outbox; the worker's unsent
 * ones are laid over what the API said (a claim made offline lets visits be recorded behind it).
 * What was loaded stays on screen when the network goes, and each task opened is kept on the
 * phone: opened offline, it shows that copy — or, for a task never opened, what the list knows.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/errors.ts';
import type { Task, TaskSummary } from '#shared/schemas/task.ts';
import type { VisitCreate } from '#shared/schemas/visit.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi } from '../services.tsx';
import { FeedbackLine } from './FeedbackLine.tsx';
import { buildingOf, leftToVisit, visitsOf, type HouseholdView } from './households.ts';
import { OfflineNote } from './OfflineNote.tsx';
import { LIST_READ, taskRead, type OfflineReads } from './offline-reads.ts';
import type { OutboxSync, SyncState } from './outbox-sync.ts';
import type { OutboxEntry } from './outbox.ts';
import { entriesOver, overlay } from './overlay.ts';
import { RoundForm } from './RoundForm.tsx';
import { taskName } from './TaskCard.tsx';
import { minutesLeft, useNow } from './time.ts';
import { useSavedRead } from './useSavedRead.ts';
import { useTaskAction, type ActionOutcome, type TaskAction } from './useTaskAction.ts';
import { VisitForm } from './VisitForm.tsx';
import { EnrolPrompt } from '../people/EnrolPrompt.tsx';

export interface TaskDetailProps {
  readonly taskId: string;
  readonly username: string;
  readonly sync: OutboxSync;
  readonly syncState: SyncState;
  /** Bumped whenever the outbox delivered a visit: the task is read again. */
  readonly sentCount: number;
  /** Entries the API answered lately, laid over the task until it is read again (overlay.ts). */
  readonly answered: readonly OutboxEntry[];
  /** Back to the list; `completed` when the task was just completed there ('queued': kept to send). */
  onBack(completed?: boolean | 'queued'): void;
}

/** A task as shown: `fromList` when only the list's copy was at hand (no households known). */
type ShownTask = Task & { readonly fromList?: boolean };

/** The list's copy of a task, for one never opened while online. */
async function fromSavedList(reads: OfflineReads, username: string, taskId: string) {
  const list = await reads.get<TaskSummary[]>(username, LIST_READ);
  const summary = list?.value.find((task) => task.id === taskId);
  if (!list || !summary) return undefined;
  return { value: { ...summary, households: [], visits: [], fromList: true } as ShownTask, at: list.at };
}

interface Unaccounted {
  readonly householdId: string;
  readonly reason: string;
}

/** The households a 409 on complete names (`households.1-3-302`, code task.household.no_answer | not_visited). */
function unaccountedOf(error: unknown): Unaccounted[] | undefined {
  if (!(error instanceof ProblemError) || error.status !== 409 || !error.problem.errors) return undefined;
  const listed = error.problem.errors
    .filter((e) => e.field.startsWith('households.'))
    // The code says why (task.household.no_answer | not_visited); the message is for people.
    .map((e) => ({ householdId: e.field.slice('households.'.length), reason: e.code?.replace('task.household.', '') ?? e.message }));
  return listed.length > 0 ? listed : undefined;
}

export function TaskDetail({ taskId, username, sync, syncState, sentCount, answered, onBack }: TaskDetailProps) {
  const { t } = useTranslation();
  const api = useApi();
  const now = useNow();
  const [visiting, setVisiting] = useState<HouseholdView>();
  const [saved, setSaved] = useState<string>();
  // The visit just saved, for the prompt to enrol someone it flags (people/EnrolPrompt.tsx).
  const [savedVisit, setSavedVisit] = useState<VisitCreate>();
  const [unaccounted, setUnaccounted] = useState<Unaccounted[]>();
  const refocus = useRef<string | undefined>(undefined);
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = useSavedRead<ShownTask>(
    `${taskId}:${sentCount}`, username, taskRead(taskId),
    (signal) => api.call('getTask', { params: { id: taskId } }, { signal }),
    async (reads) => (await reads.get<ShownTask>(username, taskRead(taskId))) ?? fromSavedList(reads, username, taskId),
  );
  const { busy, feedback, run } = useTaskAction(sync, (action: TaskAction, outcome: ActionOutcome) => {
    if (outcome.ok && action === 'complete') onBack(outcome.queued ? 'queued' : true);
    // An answered action is read again through the outbox's onSent (sentCount).
    else if (!outcome.ok || outcome.queued) loaded.reload();
  });
  // Keep showing the last answer for this task while it reloads, or when the network is gone.
  const current = loaded.data ?? (loaded.latest?.value.id === taskId ? loaded.latest : undefined);
  const settled = loaded.data !== undefined;
  const over = useMemo(() => entriesOver(syncState, answered, settled), [syncState, answered, settled]);
  const shown = useMemo(() => (current ? overlay(current.value, over, username) : undefined), [current, over, username]);
  const task = shown?.task;

  useEffect(() => heading.current?.focus(), []);
  // Back from the form, the focus returns to the household just recorded.
  useEffect(() => {
    if (visiting || !refocus.current) return;
    document.querySelector<HTMLElement>(`.household[data-household-id="${refocus.current}"]`)?.focus();
    refocus.current = undefined;
  }, [visiting]);

  const queued = useMemo(() => visitsOf(over, taskId), [over, taskId]);
  const units = useMemo(() => (task ? buildingOf(task.households, queued) : []), [task, queued]);
  // What the outbox still holds, not what was just answered and waits to be read again.
  const pendingHere = visitsOf(syncState.pending, taskId).length;
  // The line under a saved visit follows the outbox: 待同步 while the visit waits there, then 已同步.
  const savedSynced = savedVisit !== undefined && !syncState.pending.some((e) => e.id === savedVisit.visitId)
    && !syncState.failed.some((e) => e.id === savedVisit.visitId);

  if (!task) {
    return (
      <main id="main" className="tasks-page task-detail">
        <button type="button" className="button button-link back-link" onClick={() => onBack()}>← {t('tasks.actions.back')}</button>
        {loaded.error !== undefined ? <ErrorNotice title={t('tasks.loadFailed')} error={loaded.error} onRetry={loaded.reload} /> : <p role="status">{t('tasks.loading')}</p>}
      </main>
    );
  }

  const mine = task.status === 'claimed' && task.holder === username;
  const left = mine && current ? minutesLeft(task.leaseSecondsLeft, current.at, now) : null;
  const working = mine && left !== 0;
  const name = taskName(task);
  const remaining = leftToVisit(units);

  const labelOf = (householdId: string): string => {
    const h = task.households.find((x) => x.id === householdId);
    return h ? t('tasks.building.household', { unit: h.unit, room: h.room }) : householdId;
  };

  const words = task.kind === 'disinfection' ? 'rounds' : 'sweep';

  const save = async (visit: VisitCreate) => {
    await sync.enqueue({ id: visit.visitId, kind: 'visit', subject: task.id, body: visit, label: name });
    const household = visiting;
    refocus.current = household?.id;
    setSaved(household ? t('tasks.building.household', { unit: household.unit, room: household.room }) : visit.householdId);
    setSavedVisit(visit);
    setVisiting(undefined);
  };

  const complete = async () => {
    setUnaccounted(undefined);
    const outcome = await run('complete', task.id, name);
    setUnaccounted(unaccountedOf(outcome.error));
  };

  if (visiting) {
    return (
      <main id="main" className="tasks-page task-detail">
        <VisitForm
          householdId={visiting.id}
          householdLabel={t('tasks.building.household', { unit: visiting.unit, room: visiting.room })}
          onSave={save}
          onCancel={() => {
            refocus.current = visiting.id;
            setVisiting(undefined);
          }}
        />
      </main>
    );
  }

  return (
    <main id="main" className="tasks-page task-detail" data-task-id={task.id} data-status={task.status}>
      <button type="button" className="button button-link back-link" onClick={() => onBack()}>← {t('tasks.actions.back')}</button>
      <h1 ref={heading} tabIndex={-1}>{name}</h1>
      <p className="task-meta">
        <span className="task-kind" data-kind={task.kind}>{t(`tasks.card.kind.${task.kind}`)}</span>
        <span className="task-status" data-status={task.status}>{t(`tasks.card.status.${task.status}`)}</span>
        {shown.unconfirmed && <span className="task-unconfirmed">{t(`tasks.card.unconfirmed.${shown.unconfirmed}`)}</span>}
        {left !== null && <span className="task-lease">{left > 0 ? t('tasks.card.leaseLeft', { minutes: left }) : t('tasks.card.leaseLapsed')}</span>}
      </p>
      {current?.offline && <OfflineNote at={current.at} />}
      {task.fromList && <p className="hint" data-from-list="">{t('tasks.offline.fromList')}</p>}
      {loaded.error !== undefined && <ErrorNotice title={t('tasks.loadFailed')} error={loaded.error} onRetry={loaded.reload} />}
      {!unaccounted && <FeedbackLine feedback={feedback} words={words} />}
      {saved && (
        <p className="notice task-feedback" role="status" data-feedback="saved" data-synced={savedSynced ? '' : undefined}>
          {t(savedSynced ? 'tasks.visit.savedSynced' : 'tasks.visit.saved', { household: saved })}
        </p>
      )}
      {savedVisit && <EnrolPrompt key={savedVisit.visitId} visit={savedVisit} compoundId={task.compoundId} buildingId={task.buildingId} />}

      <div className="task-actions">
        {(task.status === 'open' || (mine && !working)) && (
          <button type="button" className="button button-primary" data-action="claim" disabled={busy !== undefined} onClick={() => void run('claim', task.id, name)}>
            {t('tasks.actions.claim')}
          </button>
        )}
        {working && (
          <>
            <button type="button" className="button" data-action="extend" disabled={busy !== undefined} onClick={() => void run('extend', task.id, name)}>
              {t('tasks.actions.extend')}
            </button>
            <button type="button" className="button" data-action="release" disabled={busy !== undefined} onClick={() => void run('release', task.id, name)}>
              {t('tasks.actions.release')}
            </button>
          </>
        )}
      </div>

      {task.kind === 'disinfection' ? (
        <RoundForm task={task} enabled={working} busy={busy !== undefined} onComplete={(completion) => void run('complete', task.id, name, completion)} />
      ) : (
        <section className="building" aria-label={t('tasks.building.label')}>
          {!working && task.status !== 'done' && <p className="hint">{t('tasks.building.notHolder')}</p>}
          <p className="building-left" data-left={remaining}>
            {remaining > 0 ? t('tasks.building.left', { count: remaining }) : t('tasks.building.allDone')}
          </p>
          {units.map((unit) => (
            <section key={unit.unit} className="unit" aria-labelledby={`unit-${unit.unit}`}>
              <h2 id={`unit-${unit.unit}`}>{t('tasks.building.unit', { unit: unit.unit })}</h2>
              {unit.floors.map((floor) => (
                <div key={floor.floor} className="floor" role="group" aria-label={t('tasks.building.floor', { floor: floor.floor })}>
                  <span className="floor-label" aria-hidden="true">{t('tasks.building.floor', { floor: floor.floor })}</span>
                  <ul className="households">
                    {floor.households.map((h) => (
                      <li key={h.id}>
                        <button
                          type="button"
                          className="household"
                          data-household-id={h.id}
                          data-mark={h.mark.kind}
                          data-outcome={h.mark.kind === 'none' ? undefined : h.mark.outcome}
                          disabled={!working}
                          onClick={() => {
                            setSaved(undefined);
                            setVisiting(h);
                          }}
                        >
                          <span className="household-room">{h.room}</span>
                          <span className="household-state">
                            {h.mark.kind === 'none' ? t('tasks.mark.none') : t(`tasks.outcome.${h.mark.outcome}`)}
                          </span>
                          {(h.mark.kind === 'pending' || h.mark.kind === 'failed') && (
                            <span className="household-sync">{t(`tasks.mark.${h.mark.kind}`)}</span>
                          )}
                        </button>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </section>
          ))}
          {working && (
            <div className="complete-box">
              {pendingHere > 0 && <p className="hint" data-pending={pendingHere}>{t('tasks.building.pendingBeforeComplete', { count: pendingHere })}</p>}
              {unaccounted && (
                <div className="notice notice-error" role="alert" data-testid="unaccounted">
                  <p>{t('tasks.building.unaccounted')}</p>
                  <ul>
                    {unaccounted.map((u) => (
                      <li key={u.householdId} data-household-id={u.householdId}>
                        {labelOf(u.householdId)} — {t(`tasks.building.reason.${u.reason === 'no_answer' ? 'no_answer' : 'not_visited'}`)}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              <button type="button" className="button button-primary button-wide" data-action="complete"
                disabled={busy !== undefined} onClick={() => void complete()}>
                {t('tasks.actions.complete')}
              </button>
            </div>
          )}
        </section>
      )}
    </main>
  );
}

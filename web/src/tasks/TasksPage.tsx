/**
 * The grid worker's (and disinfection staff's) home view, phone first: the outbox's sync state
 * in the view's header; the tasks I hold, with the claim's time left (or 待确认 while a claim
 * made offline waits for the server); my grid's open tasks in the API's walking order, or
 * nearest first when the phone may say where it is. Opening a task shows its building
 * (TaskDetail). Every action goes through the outbox and the list is kept on the phone, so the
 * view works offline.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../styles/tasks.css';
import type { TaskSummary } from '#shared/schemas/task.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi, useSession } from '../services.tsx';
import { FeedbackLine } from './FeedbackLine.tsx';
import { LIST_READ } from './offline-reads.ts';
import { OfflineNote } from './OfflineNote.tsx';
import type { OutboxSync, SyncState } from './outbox-sync.ts';
import type { OutboxEntry } from './outbox.ts';
import { entriesOver, overlayAll, type Unconfirmed } from './overlay.ts';
import { distanceM, nearestFirst, usePlace } from './place.ts';
import { OutboxBar } from './SyncStatus.tsx';
import { TaskCard, taskName } from './TaskCard.tsx';
import { TaskDetail } from './TaskDetail.tsx';
import { useNow } from './time.ts';
import { useOutboxSync } from './useOutboxSync.ts';
import { useOpenTask } from './useOpenTask.ts';
import { useSavedRead } from './useSavedRead.ts';
import { useTaskAction, type ActionOutcome, type Feedback, type TaskAction } from './useTaskAction.ts';

/** How many answered entries the view keeps to lay over reads still loading: more than a pass sends between two reads. */
const ANSWERED_KEPT = 200;

/** The view is only routed for a signed-in user; the shell makes sure. */
function useUser(): { username: string; disinfects: boolean } {
  const { session } = useSession();
  return { username: session?.user.username ?? '', disinfects: session?.user.role === 'disinfection' };
}

export function TasksPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { username, disinfects } = useUser();
  const [sent, setSent] = useState<{ readonly count: number; readonly answered: readonly OutboxEntry[] }>({ count: 0, answered: [] });
  const countSent = useCallback(
    (entry: OutboxEntry) => setSent((s) => ({ count: s.count + 1, answered: [...s.answered, entry].slice(-ANSWERED_KEPT) })),
    [],
  );
  const { sync, state } = useOutboxSync(api, username, countSent);
  const sentCount = sent.count;
  const { taskId: openTask, open, close } = useOpenTask();
  const [notice, setNotice] = useState<Feedback>();

  return (
    <div className="tasks-view">
      <OutboxBar title={t('tasks.title')} state={state} sync={sync} />
      {openTask ? (
        <TaskDetail
          key={openTask}
          taskId={openTask}
          username={username}
          sync={sync}
          syncState={state}
          sentCount={sentCount}
          answered={sent.answered}
          onBack={(completed) => {
            setNotice(completed ? { kind: completed === 'queued' ? 'queued' : 'done', action: 'complete' } : undefined);
            close();
          }}
        />
      ) : (
        <TaskList
          username={username}
          disinfects={disinfects}
          sync={sync}
          syncState={state}
          sentCount={sentCount}
          answered={sent.answered}
          notice={notice}
          onOpen={(id) => {
            setNotice(undefined);
            open(id);
          }}
        />
      )}
    </div>
  );
}

interface TaskListProps {
  readonly username: string;
  /** Disinfection staff see their compounds' rounds, not a grid's buildings. */
  readonly disinfects: boolean;
  readonly sync: OutboxSync;
  readonly syncState: SyncState;
  readonly sentCount: number;
  /** Entries the API answered lately, laid over the list until it is read again (overlay.ts). */
  readonly answered: readonly OutboxEntry[];
  /** What happened in the task just left (its completion), until the list has news of its own. */
  readonly notice: Feedback | undefined;
  onOpen(id: string): void;
}

interface Shown {
  readonly task: TaskSummary;
  readonly unconfirmed?: Unconfirmed;
}

function TaskList({ username, disinfects, sync, syncState, sentCount, answered, notice, onOpen }: TaskListProps) {
  const { t } = useTranslation();
  const api = useApi();
  const now = useNow();
  const { place, locate, forget } = usePlace();
  const loaded = useSavedRead(`tasks:${sentCount}`, username, LIST_READ, async (signal) =>
    (await api.call('listTasks', { query: { limit: 200 } }, { signal })).items);
  const reload = loaded.reload;
  // After a claim the task moves to 我的任务: bring it into view and put the focus on it.
  const claimed = useRef<string | undefined>(undefined);
  // An action the API answered is read again through the outbox's onSent (sentCount); the
  // others (kept offline, refused while watched) are read again here.
  const afterwards = useCallback((_action: TaskAction, outcome: ActionOutcome) => {
    if (!outcome.ok || outcome.queued) reload();
  }, [reload]);
  const { busy, feedback, run } = useTaskAction(sync, afterwards);
  const current = loaded.data ?? loaded.latest;

  const { mine, open } = useMemo(() => {
    const entries = entriesOver(syncState, answered, loaded.data !== undefined);
    const items = overlayAll(current?.value ?? [], entries, username);
    const isMine = ({ task }: Shown) => task.status === 'claimed' && task.holder === username;
    return { mine: items.filter(isMine), open: items.filter(({ task }) => task.status === 'open') };
  }, [current, syncState, answered, loaded.data, username]);
  const here = place.kind === 'located' ? place.at : undefined;
  const openSorted = useMemo(() => {
    const byId = new Map(open.map((shown) => [shown.task.id, shown]));
    return nearestFirst(open.map((s) => s.task), here).map((task) => byId.get(task.id) ?? { task });
  }, [open, here]);

  useEffect(() => {
    if (!claimed.current) return;
    const card = document.querySelector<HTMLElement>(`[data-section="mine"] .task-card[data-task-id="${CSS.escape(claimed.current)}"]`);
    if (!card) return;
    card.scrollIntoView({ block: 'center' });
    card.focus({ preventScroll: true });
    claimed.current = undefined;
  }, [mine]);

  const claim = async (task: TaskSummary) => {
    // Marked before the claim: the task may show under 我的任务 before the action returns (queued offline).
    claimed.current = task.id;
    const outcome = await run('claim', task.id, taskName(task));
    if (!outcome.ok) claimed.current = undefined;
  };

  const card = ({ task, unconfirmed }: Shown, isMine: boolean) => (
    <TaskCard
      key={task.id}
      task={task}
      mine={isMine}
      unconfirmed={unconfirmed}
      answeredAt={current?.at ?? now}
      now={now}
      distanceM={here ? distanceM(here, [task.location[0], task.location[1]]) : undefined}
      busy={busy !== undefined}
      onOpen={() => onOpen(task.id)}
      onClaim={() => void claim(task)}
      onExtend={() => void run('extend', task.id, taskName(task))}
      onRelease={() => void run('release', task.id, taskName(task))}
    />
  );

  const words = disinfects ? 'rounds' : 'sweep';
  return (
    <main id="main" className="tasks-page task-list">
      <h1 className="visually-hidden">{t('tasks.title')}</h1>
      <FeedbackLine feedback={feedback ?? notice} words={words} />
      {current?.offline && <OfflineNote at={current.at} />}
      {loaded.error !== undefined && (
        <ErrorNotice title={t('tasks.loadFailed')} error={loaded.error} onRetry={reload} />
      )}
      {loaded.error !== undefined && current && <p className="hint">{t('tasks.showingSaved')}</p>}
      {!current && loaded.loading && <p role="status">{t('tasks.loading')}</p>}
      {current && (
        <>
          <section className="task-section" aria-labelledby="tasks-mine" data-section="mine">
            <h2 id="tasks-mine">{t('tasks.mine')}</h2>
            {mine.length === 0 ? <p className="hint">{t(`tasks.mineNone.${words}`)}</p> : <ul className="card-list task-cards">{mine.map((shown) => card(shown, true))}</ul>}
          </section>
          <section className="task-section" aria-labelledby="tasks-open" data-section="open">
            <div className="section-head">
              <h2 id="tasks-open">{disinfects ? t('tasks.openRounds') : t('tasks.open')}</h2>
              <span className="section-count">{t('tasks.openCount', { count: open.length })}</span>
            </div>
            <div className="order-switch" role="group" aria-label={t(`tasks.order.label.${words}`)}>
              <button type="button" className="button" aria-pressed={!here} onClick={forget}>{t(`tasks.order.walking.${words}`)}</button>
              <button type="button" className="button" aria-pressed={!!here} onClick={locate}>{t('tasks.order.nearest')}</button>
            </div>
            {place.kind === 'locating' && <p className="hint" role="status">{t('tasks.order.locating')}</p>}
            {place.kind === 'unavailable' && <p className="hint" role="status">{t(`tasks.order.unavailable.${words}`)}</p>}
            {openSorted.length === 0 ? <p className="hint">{t('tasks.openNone')}</p> : <ul className="card-list task-cards">{openSorted.map((shown) => card(shown, false))}</ul>}
          </section>
          <button type="button" className="button" onClick={reload}>{t('tasks.reload')}</button>
        </>
      )}
    </main>
  );
}

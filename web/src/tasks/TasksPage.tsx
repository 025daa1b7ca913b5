/**
 * The grid worker's (and disinfection staff's) home view, phone first: the outbox's sync state
 * in the view's header; the tasks I hold, with the claim's time left; my grid's open tasks in
 * the API's walking order, or nearest first when the phone may say where it is. Opening a task
 * shows its building (TaskDetail). Visits go through the outbox, so the view works offline.
 */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../styles/tasks.css';
import type { TaskSummary } from '#shared/schemas/task.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi, useSession } from '../services.tsx';
import { FeedbackLine } from './FeedbackLine.tsx';
import { distanceM, nearestFirst, usePlace } from './place.ts';
import { FailedVisits, SyncStatus } from './SyncStatus.tsx';
import { TaskCard } from './TaskCard.tsx';
import { TaskDetail } from './TaskDetail.tsx';
import { useNow } from './time.ts';
import { useOutboxSync } from './useOutboxSync.ts';
import { useOpenTask } from './useOpenTask.ts';
import { useTaskAction, type Feedback } from './useTaskAction.ts';

/** The view is only routed for a signed-in user; the shell makes sure. */
function useUser(): { username: string; disinfects: boolean } {
  const { session } = useSession();
  return { username: session?.user.username ?? '', disinfects: session?.user.role === 'disinfection' };
}

export function TasksPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { username, disinfects } = useUser();
  const [sentCount, setSentCount] = useState(0);
  const countSent = useCallback(() => setSentCount((n) => n + 1), []);
  const { sync, state } = useOutboxSync(api, username, countSent);
  const { taskId: openTask, open, close } = useOpenTask();
  const [notice, setNotice] = useState<Feedback>();

  return (
    <div className="tasks-view">
      <div className="tasks-bar">
        <p className="tasks-bar-title">{t('tasks.title')}</p>
        <SyncStatus state={state} />
      </div>
      <FailedVisits state={state} sync={sync} />
      {openTask ? (
        <TaskDetail
          key={openTask}
          taskId={openTask}
          username={username}
          sync={sync}
          syncState={state}
          sentCount={sentCount}
          onBack={(completed) => {
            setNotice(completed ? { kind: 'done', action: 'complete' } : undefined);
            close();
          }}
        />
      ) : (
        <TaskList
          username={username}
          disinfects={disinfects}
          sentCount={sentCount}
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
  readonly sentCount: number;
  /** What happened in the task just left (its completion), until the list has news of its own. */
  readonly notice: Feedback | undefined;
  onOpen(id: string): void;
}

function TaskList({ username, disinfects, sentCount, notice, onOpen }: TaskListProps) {
  const { t } = useTranslation();
  const api = useApi();
  const now = useNow();
  const { place, locate, forget } = usePlace();
  const loaded = useAsync(`tasks:${sentCount}`, async (signal) => ({
    items: (await api.call('listTasks', { query: { limit: 200 } }, { signal })).items,
    at: Date.now(),
  }));
  const reload = loaded.reload;
  const { busy, feedback, run } = useTaskAction(api, useCallback(() => reload(), [reload]));
  const current = loaded.data ?? loaded.latest;

  const { mine, open } = useMemo(() => {
    const items = current?.items ?? [];
    const isMine = (task: TaskSummary) => task.status === 'claimed' && task.holder === username;
    return { mine: items.filter(isMine), open: items.filter((task) => task.status === 'open') };
  }, [current, username]);
  const here = place.kind === 'located' ? place.at : undefined;
  const openSorted = useMemo(() => nearestFirst(open, here), [open, here]);

  const card = (task: TaskSummary, isMine: boolean) => (
    <TaskCard
      key={task.id}
      task={task}
      mine={isMine}
      answeredAt={current?.at ?? now}
      now={now}
      distanceM={here ? distanceM(here, [task.location[0], task.location[1]]) : undefined}
      busy={busy !== undefined}
      onOpen={() => onOpen(task.id)}
      onClaim={() => void run('claim', task.id)}
      onExtend={() => void run('extend', task.id)}
      onRelease={() => void run('release', task.id)}
    />
  );

  return (
    <main id="main" className="tasks-page task-list">
      <h1 className="visually-hidden">{t('tasks.title')}</h1>
      <FeedbackLine feedback={feedback ?? notice} />
      {loaded.error !== undefined && (
        <ErrorNotice title={t('tasks.loadFailed')} error={loaded.error} onRetry={reload} />
      )}
      {loaded.error !== undefined && current && <p className="hint">{t('tasks.showingSaved')}</p>}
      {!current && loaded.loading && <p role="status">{t('tasks.loading')}</p>}
      {current && (
        <>
          <section className="task-section" aria-labelledby="tasks-mine" data-section="mine">
            <h2 id="tasks-mine">{t('tasks.mine')}</h2>
            {mine.length === 0 ? <p className="hint">{t('tasks.mineNone')}</p> : <ul className="task-cards">{mine.map((task) => card(task, true))}</ul>}
          </section>
          <section className="task-section" aria-labelledby="tasks-open" data-section="open">
            <div className="section-head">
              <h2 id="tasks-open">{disinfects ? t('tasks.openRounds') : t('tasks.open')}</h2>
              <span className="section-count">{t('tasks.openCount', { count: open.length })}</span>
            </div>
            <div className="order-switch" role="group" aria-label={t('tasks.order.walking')}>
              <button type="button" className="button" aria-pressed={!here} onClick={forget}>{t('tasks.order.walking')}</button>
              <button type="button" className="button" aria-pressed={!!here} onClick={locate}>{t('tasks.order.nearest')}</button>
            </div>
            {place.kind === 'locating' && <p className="hint" role="status">{t('tasks.order.locating')}</p>}
            {place.kind === 'unavailable' && <p className="hint" role="status">{t('tasks.order.unavailable')}</p>}
            {openSorted.length === 0 ? <p className="hint">{t('tasks.openNone')}</p> : <ul className="task-cards">{openSorted.map((task) => card(task, false))}</ul>}
          </section>
          <button type="button" className="button" onClick={reload}>{t('tasks.reload')}</button>
        </>
      )}
    </main>
  );
}

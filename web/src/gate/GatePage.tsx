/**
 * Duty staff's home view (卡口值守), phone first: the exit(s) the user holds, their shift there
 * and the big clock-in / clock-out button, registration of the people passing, and what the gate
 * has seen today (counts by hour, the latest entries). Clock-ins and entries go through the field
 * app's one outbox (kinds `clock-in`, `clock-out`, `gate-entry`), and every read is kept on the
 * phone, so the gate keeps working when the network drops.
 */
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../styles/tasks.css';
import '../styles/gate.css';
import type { ExitDetail } from '#shared/schemas/exit.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { useApi, useSession } from '../services.tsx';
import { OfflineNote } from '../tasks/OfflineNote.tsx';
import type { OutboxSync, SyncState } from '../tasks/outbox-sync.ts';
import { OutboxBar } from '../tasks/SyncStatus.tsx';
import { useNow } from '../tasks/time.ts';
import { useOutboxSync } from '../tasks/useOutboxSync.ts';
import { useSavedRead } from '../tasks/useSavedRead.ts';
import { ClockPanel, phonePosition, type Locate } from './ClockPanel.tsx';
import { EntryForm } from './EntryForm.tsx';
import type { EntryDraft } from './entry-draft.ts';
import { HourlyBars, RecentEntries } from './GateActivity.tsx';
import { PassPanel } from './PassPanel.tsx';
import { usePassKey } from './pass-keys.ts';
import { clockStanding, reliefShift } from './shift.ts';

/** How many of the day's entries are read for the latest ones. */
const ENTRIES_READ = 200;

export function GatePage({ locate = phonePosition }: { locate?: Locate } = {}) {
  const { t } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const username = session?.user.username ?? '';
  const exitIds = session?.user.jurisdiction.exitIds ?? [];
  // Each answered clock-in or entry reads the gate again (shift, counts, latest entries).
  const [sent, setSent] = useState(0);
  const countSent = useCallback(() => setSent((n) => n + 1), []);
  const { sync, state } = useOutboxSync(api, username, countSent);
  const exits = useSavedRead(`gate:exits:${exitIds.join(',')}`, username, 'gate:exits', (signal) =>
    Promise.all(exitIds.map((id) => api.call('getExit', { params: { id } }, { signal }))));
  const [chosen, setChosen] = useState<string>();
  const current = exits.data ?? exits.latest;
  const exit = current?.value.find((e) => e.id === chosen) ?? current?.value[0];

  return (
    <div className="tasks-view gate-view">
      <OutboxBar title={t('gate.title')} state={state} sync={sync} />
      <main id="main" className="gate-page">
        <h1 className="visually-hidden">{t('gate.title')}</h1>
        {exitIds.length === 0 && <p className="notice">{t('gate.noExits')}</p>}
        {current?.offline && <OfflineNote at={current.at} />}
        {exits.error !== undefined && !current && <ErrorNotice title={t('gate.loadFailed')} error={exits.error} onRetry={exits.reload} />}
        {exitIds.length > 0 && !current && exits.loading && <p role="status">{t('gate.loading')}</p>}
        {current && current.value.length > 1 && (
          <div className="gate-exit-choice" role="group" aria-label={t('gate.exitChoice')}>
            {current.value.map((e) => (
              <button key={e.id} type="button" className="button" aria-pressed={e.id === exit?.id} onClick={() => setChosen(e.id)}>{e.name}</button>
            ))}
          </div>
        )}
        {exit && <ExitGate key={exit.id} exit={exit} username={username} sync={sync} syncState={state} sent={sent} locate={locate} />}
      </main>
    </div>
  );
}

interface ExitGateProps {
  readonly exit: ExitDetail;
  readonly username: string;
  readonly sync: OutboxSync;
  readonly syncState: SyncState;
  readonly sent: number;
  readonly locate: Locate;
}

function ExitGate({ exit, username, sync, syncState, sent, locate }: ExitGateProps) {
  const { t } = useTranslation();
  const api = useApi();
  const now = useNow();
  const params = { params: { id: exit.id } };
  const shifts = useSavedRead(`gate:shifts:${exit.id}:${sent}`, username, `gate:shifts:${exit.id}`, (signal) => api.call('listShifts', params, { signal }));
  const counts = useSavedRead(`gate:counts:${exit.id}:${sent}`, username, `gate:counts:${exit.id}`, (signal) => api.call('getExitCounts', params, { signal }));
  const entries = useSavedRead(`gate:entries:${exit.id}:${sent}`, username, `gate:entries:${exit.id}`, (signal) =>
    api.call('listEntries', { ...params, query: { limit: ENTRIES_READ } }, { signal }));
  const shiftList = (shifts.data ?? shifts.latest)?.value;
  const standing = shiftList ? clockStanding(shiftList.items, username, now, syncState.pending, exit.id) : undefined;
  const relief = shiftList ? reliefShift(shiftList.items, username, now) : undefined;
  const exitName = `${exit.compoundName} ${exit.name}`;
  // Kept on the phone for checking passes offline (pass-keys.ts says when it is fetched again).
  const passKey = usePassKey(exit.id, username);
  // A pass holder with a fever is registered through the form's fever flow, started from the pass.
  const [handedOver, setHandedOver] = useState<{ draft: EntryDraft; n: number }>();
  const formPlace = useRef<HTMLDivElement>(null);
  const handOver = useCallback((draft: EntryDraft) => {
    setHandedOver((last) => ({ draft, n: (last?.n ?? 0) + 1 }));
    formPlace.current?.scrollIntoView({ block: 'start' });
  }, []);

  return (
    <>
      <h2 className="gate-exit-name" data-exit-id={exit.id}>{t('gate.exitLabel', { name: exitName })}</h2>
      {shifts.error !== undefined && !shiftList && <ErrorNotice title={t('gate.loadFailed')} error={shifts.error} onRetry={shifts.reload} />}
      <ClockPanel standing={standing} relief={relief} exitId={exit.id} exitName={exitName} sync={sync} locate={locate} />
      <PassPanel exitId={exit.id} exitName={exitName} username={username} sync={sync} passKey={passKey} onFever={handOver} />
      <div ref={formPlace}>
        <EntryForm key={handedOver?.n ?? 0} initial={handedOver?.draft} exitId={exit.id} exitName={exitName} sync={sync} />
      </div>
      <HourlyBars hours={(counts.data ?? counts.latest)?.value.hours ?? []} />
      <RecentEntries entries={(entries.data ?? entries.latest)?.value.items ?? []} />
    </>
  );
}

/**
 * /inbox (预警收件箱): every alert that reaches the signed-in user — fever at a gate, symptoms on
 * a visit, lockdown suggestions, missed clock-ins and rounds, missed reports, help requests —
 * open and most urgent first as the API orders them, filtered by status and kind, each acted on
 * where it stands; below, the notifications sent to the user. Opening the inbox marks the
 * notifications it lists read; one arriving while it is open (the feed polls) brings its alert
 * into the list without a reload and stays unread until its alert is acted on.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '#shared/roles.ts';
import { ALERT_KINDS, ALERT_STATUSES, type Alert, type AlertKind, type AlertStatus } from '#shared/schemas/alert.ts';
import { LoadMore } from '../board/LoadMore.tsx';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import { usePlaceNames } from '../people/places.ts';
import { useSession } from '../services.tsx';
import { useNow } from '../tasks/time.ts';
import { AlertCard, useKindLabel } from './AlertCard.tsx';
import { useInboxAlerts, type AlertFilter } from './data.ts';
import { NoticeOptOut } from './NoticeOptOut.tsx';
import { NotificationList } from './NotificationList.tsx';
import { useNotifications } from './notifications.ts';
import '../styles/inbox.css';

export function InboxPage() {
  const { session } = useSession();
  if (!session) return null;
  return <Inbox username={session.user.username} role={session.user.role} />;
}

function Inbox({ username, role }: { username: string; role: Role }) {
  const { t } = useTranslation();
  const id = useId();
  const now = useNow();
  const kindLabel = useKindLabel();
  const feed = useNotifications(username);
  const [filter, setFilter] = useState<AlertFilter>({ status: undefined, kind: undefined });
  const [said, setSaid] = useState<string>();
  const [marking, setMarking] = useState(false);
  const [markFailure, setMarkFailure] = useState<unknown>();
  // A new notification is the sign of a new alert (or one escalated to this user): load again.
  const alerts = useInboxAlerts(filter, feed.list?.items[0]?.id);
  const places = useMemo(() => alerts.items.map((a) => ({ compoundId: a.compoundId, buildingId: a.buildingId ?? '' })), [alerts.items]);
  const names = usePlaceNames(places);

  const markRead = useCallback(async (ids: readonly string[] | 'all') => {
    if (ids !== 'all' && ids.length === 0) return;
    setMarking(true);
    setMarkFailure(undefined);
    try {
      await feed.markRead(ids === 'all' ? { all: true } : { ids: [...ids] });
    } catch (error) {
      setMarkFailure(error);
    } finally {
      setMarking(false);
    }
  }, [feed]);

  // Opening the inbox reads what it lists: the notifications there when it first loaded.
  const openedWith = useRef<boolean>(false);
  useEffect(() => {
    if (openedWith.current || !feed.list) return;
    openedWith.current = true;
    void markRead(feed.list.items.filter((n) => !n.read).map((n) => n.id));
  }, [feed.list, markRead]);

  const changed = (alert: Alert, message: string) => {
    alerts.replace(alert);
    setSaid(message);
    // Acting on an alert reads what was sent about it.
    void markRead((feed.list?.items ?? []).filter((n) => !n.read && n.alertId === alert.id).map((n) => n.id));
  };

  return (
    <main id="main" className="inbox-page">
      <h1>{t('inbox.title')}</h1>
      <p className="inbox-intro">{t('inbox.intro')}</p>
      {said && <p className="notice" role="status">{said}</p>}
      {markFailure !== undefined && <ErrorNotice title={t('inbox.actions.failed')} error={markFailure} />}
      <form className="inbox-filters" aria-label={t('inbox.filters.label')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('inbox.filters.status')}</label>
          <select id={`${id}-status`} value={filter.status ?? ''}
            onChange={(e) => setFilter({ ...filter, status: (e.target.value || undefined) as AlertStatus | undefined })}>
            <option value="">{t('inbox.filters.anyStatus')}</option>
            {ALERT_STATUSES.map((s) => <option key={s} value={s}>{t(`inbox.statuses.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('inbox.filters.kind')}</label>
          <select id={`${id}-kind`} value={filter.kind ?? ''}
            onChange={(e) => setFilter({ ...filter, kind: (e.target.value || undefined) as AlertKind | undefined })}>
            <option value="">{t('inbox.filters.anyKind')}</option>
            {ALERT_KINDS.map((k) => <option key={k} value={k}>{kindLabel(k)}</option>)}
          </select>
        </div>
      </form>
      <section className="inbox-section" aria-labelledby={`${id}-alerts`} aria-busy={alerts.loading}>
        <h2 id={`${id}-alerts`} className="visually-hidden">{t('inbox.alertsTitle')}</h2>
        {alerts.error !== undefined && <ErrorNotice title={t('inbox.loadFailed')} error={alerts.error} onRetry={alerts.reload} />}
        {alerts.loading && <p className="list-note">{t('app.loading')}</p>}
        {!alerts.loading && alerts.items.length === 0 && alerts.error === undefined && <p className="list-note">{t('inbox.none')}</p>}
        <ul className="inbox-list" data-testid="inbox-alerts">
          {alerts.items.map((alert) => (
            <AlertCard key={alert.id} alert={alert} role={role} compoundName={names.get(alert.compoundId)} now={now} onChanged={changed} />
          ))}
        </ul>
        <LoadMore list={alerts} label={t('inbox.more')} />
      </section>
      <NotificationList list={feed.list} error={feed.error} now={now} busy={marking}
        onMarkAll={() => void markRead('all')} onRetry={() => void feed.refresh()} />
      <NoticeOptOut username={username} />
    </main>
  );
}

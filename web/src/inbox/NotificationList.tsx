/**
 * The user's notifications in the inbox: what was sent to them about alerts, on which channel
 * (in the app, SMS, e-mail), when, and whether they have read it — the same feed the header's
 * badge counts.
 */
import { useTranslation } from 'react-i18next';
import type { NotificationList as Notifications } from '#shared/schemas/notification.ts';
import { relativeTime } from '../board/relative-time.ts';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';

/** The newest this many are listed; the alerts above are what is acted on. */
const SHOWN = 20;

export interface NotificationListProps {
  readonly list: Notifications | undefined;
  readonly error: unknown;
  readonly now: number;
  readonly busy: boolean;
  onMarkAll(): void;
  onRetry(): void;
}

export function NotificationList({ list, error, now, busy, onMarkAll, onRetry }: NotificationListProps) {
  const { t, i18n } = useTranslation();
  return (
    <section className="inbox-section inbox-notifications" aria-labelledby="inbox-notifications-title">
      <h2 id="inbox-notifications-title">
        {t('inbox.notifications.title')} {list && <span className="count" data-unread={list.unread}>{list.unread}</span>}
      </h2>
      {error !== undefined && !list && <ErrorNotice title={t('inbox.notifications.loadFailed')} error={error} onRetry={onRetry} />}
      {list && list.items.length === 0 && <p className="list-note">{t('inbox.notifications.none')}</p>}
      {list && list.unread > 0 && (
        <button type="button" className="button" disabled={busy} onClick={onMarkAll}>{t('inbox.notifications.markAll')}</button>
      )}
      <ul className="inbox-notification-list">
        {list?.items.slice(0, SHOWN).map((n) => (
          <li key={n.id} className="inbox-notification" data-notification-id={n.id} data-read={n.read} data-alert-id={n.alertId}>
            <p>
              <span className="inbox-chip" data-channel={n.channel}>{t(`inbox.notifications.channels.${n.channel}`)}</span>{' '}
              {!n.read && <span className="inbox-chip inbox-chip-unread">{t('inbox.notifications.unread')}</span>}{' '}
              <time dateTime={n.at}>{relativeTime(n.at, now, i18n.language)}</time>
              {n.read && <span className="visually-hidden"> · {t('inbox.notifications.read')}</span>}
            </p>
            <p className="inbox-notification-text">{n.text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

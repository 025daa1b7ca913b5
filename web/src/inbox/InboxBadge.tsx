/**
 * The header's way into the alert inbox: a bell with the count of unread notifications, kept
 * current by the notification feed's polling (no reload). It is the inbox's only link in the
 * header, so the main navigation stays one line on a phone.
 */
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, pathOf } from '../layout/navigation.ts';
import { useNotifications } from './notifications.ts';
import '../styles/inbox.css';

export function InboxBadge({ username, current }: { username: string; current: boolean }) {
  const { t } = useTranslation();
  const { list } = useNotifications(username);
  const unread = list?.unread ?? 0;
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(pathOf('inbox'));
  };
  const label = unread > 0 ? t('inbox.badge.unread', { count: unread }) : t('inbox.badge.label');
  return (
    <a
      href={pathOf('inbox')}
      className="inbox-badge"
      data-testid="inbox-badge"
      data-unread={list ? unread : undefined}
      aria-label={label}
      title={label}
      aria-current={current ? 'page' : undefined}
      onClick={follow}
    >
      <svg className="inbox-bell" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16a.8.8 0 0 0 .7 1.2h14a.8.8 0 0 0 .7-1.2L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15.6a2.5 2.5 0 0 0 5 0Z" fill="currentColor" />
      </svg>
      {unread > 0 && <span className="inbox-count" aria-hidden="true">{unread > 99 ? '99+' : unread}</span>}
    </a>
  );
}

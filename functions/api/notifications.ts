/**
 * The caller's notifications: the inbox the header polls (an ETag of the answer, so a poll while
 * nothing changed is a 304 with no body) and marking notices read.
 */
import { notificationsRoutes } from '#shared/catalogue/routes/notifications.ts';
import { cacheable, httpHandler, Reply } from '../edge/http.ts';
import { inboxOf, markRead } from '../stores/notification-store.ts';

export const handler = httpHandler(notificationsRoutes, {
  listNotifications: async ({ caller }) => {
    const inbox = await inboxOf(caller.username);
    // The ETag of the body (as cacheable makes it), but private: it is the caller's own, and always revalidated.
    const { etag } = cacheable(inbox, 0).headers;
    return new Reply(inbox, { 'cache-control': 'private, no-cache', ...(etag ? { etag } : {}) });
  },

  readNotifications: async ({ body, caller }) => {
    const marked = await markRead(caller.username, body);
    const { unread } = await inboxOf(caller.username);
    return { unread, marked };
  },
});

/**
 * Routes over the caller's own notifications (the in-app outbox every alert notice lands in):
 * the unread count and list the header polls with If-None-Match, and marking read.
 */
import { NotificationList, NotificationsRead, NotificationsReadAnswer } from '#shared/schemas/notification.ts';
import { ROLES } from '#shared/roles.ts';
import { defineRoutes } from '../types.ts';

export const notificationsRoutes = defineRoutes({
  listNotifications: {
    method: 'GET', path: '/v1/notifications', resource: 'notifications', auth: 'jwt', roles: ROLES,
    summary: 'The caller\'s notifications, newest first, with the unread count',
    description: 'Answers an ETag (private, no-cache): poll with If-None-Match and get 304 with no body while nothing changed.',
    response: { status: 200, schema: NotificationList },
  },
  readNotifications: {
    method: 'POST', path: '/v1/notifications/read', resource: 'notifications', auth: 'jwt', roles: ROLES,
    summary: 'Mark the caller\'s notifications read: {ids} or {all: true}; ids not the caller\'s are ignored',
    body: { kind: 'json', schema: NotificationsRead }, response: { status: 200, schema: NotificationsReadAnswer },
  },
});

/**
 * Notifications (通知): what Cordon sent to a person about an alert — by SMS or e-mail in the cloud
 * (an SNS topic per community), and always in the app's own inbox. Each send is recorded per
 * recipient (who, when, channel) for accountability; the text names the kind, the compound and
 * the time, never a resident.
 */
import * as z from '../zod.ts';
import { DynamoNumber, Id, Timestamp } from './common.ts';
import { AlertKind, AlertLevel } from './alert.ts';

export const NOTIFICATION_CHANNELS = ['sms', 'email', 'app'] as const;
export const NotificationChannel = z.enum(NOTIFICATION_CHANNELS);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

/** Why a notification was sent: an alert raised, or one gone up a level nobody acknowledged. */
export const NOTIFICATION_REASONS = ['raised', 'escalated'] as const;

export const Notification = z.object({
  id: z.string(),
  alertId: z.optional(Id),
  kind: z.optional(AlertKind).register(z.globalRegistry, { description: 'The alert\'s kind' }),
  reason: z.optional(z.enum(NOTIFICATION_REASONS)),
  level: z.optional(AlertLevel).register(z.globalRegistry, { description: 'The level the alert was with when this was sent' }),
  compoundId: z.optional(Id),
  channel: NotificationChannel,
  at: Timestamp,
  read: z.boolean(),
  text: z.string().register(z.globalRegistry, { description: 'What was sent (Chinese, short): kind, compound name, time; no personal data' }),
}).register(z.globalRegistry, { id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationList = z.object({
  unread: DynamoNumber.check(z.int(), z.gte(0)),
  items: z.array(Notification).register(z.globalRegistry, { description: 'The caller\'s in-app notifications, newest first (at most 100)' }),
}).register(z.globalRegistry, { id: 'NotificationList', description: 'Answers with an ETag; send it back in If-None-Match to get 304 while nothing changed' });
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationsRead = z.union([
  z.strictObject({ ids: z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.minLength(1), z.maxLength(100)) }),
  z.strictObject({ all: z.literal(true) }),
]).register(z.globalRegistry, { id: 'NotificationsRead', description: '{ids:[…]} marks those read; {all:true} marks every one read' });
export type NotificationsRead = z.infer<typeof NotificationsRead>;

export const NotificationsReadAnswer = z.object({ unread: DynamoNumber.check(z.int(), z.gte(0)), marked: DynamoNumber.check(z.int(), z.gte(0)) });

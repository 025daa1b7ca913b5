/**
 * The notification port: how an alert's notice leaves the system for the people it concerns.
 * `notify({alert, recipients, text})` sends the text to them by whatever channels the adapter has
 * and answers each send made (who, which channel) so the caller records it for accountability.
 *
 * In the cloud the SNS adapter (notifications-sns.ts: a topic per community, SMS and e-mail
 * subscriptions from the directory) is installed on first use when NOTIFY_TOPIC_PREFIX names the
 * topics (set by the CDK app on the functions that notify). Locally the in-app inbox, written by
 * the caller for every recipient, is the outbox: the local adapter sends nothing further.
 */
import { config } from './config.ts';
import { LOCAL_NOTIFICATIONS, type NotificationPort, type NotifyInput, type Send } from './notifications-port.ts';
import { SnsNotificationPort } from './notifications-sns.ts';

export type { NoticeRecipient, NotificationPort, NotifyInput, Send } from './notifications-port.ts';
export { LOCAL_NOTIFICATIONS } from './notifications-port.ts';

let port: NotificationPort | undefined;

/** Tests and the local runtime install their adapter here (undefined: choose again from the environment). */
export function setNotificationPort(next: NotificationPort | undefined): void {
  port = next;
}

/** The installed port: SNS when NOTIFY_TOPIC_PREFIX names the topics, else the local outbox. */
export function notificationPort(): NotificationPort {
  const prefix = config().notifyTopicPrefix;
  port ??= prefix ? new SnsNotificationPort(prefix) : LOCAL_NOTIFICATIONS;
  return port;
}

export const notify = (input: NotifyInput): Promise<readonly Send[]> => notificationPort().notify(input);

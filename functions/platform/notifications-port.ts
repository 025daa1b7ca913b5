/**
 * The shapes of the notification port (notifications.ts), apart so its adapters
 * (notifications-sns.ts) and the port's chooser import them without a circle.
 */
import type { Alert } from '#shared/schemas/alert.ts';

export interface NoticeRecipient {
  readonly username: string;
  readonly phone?: string;
  /** Where e-mail notices go, when the directory entry has one. */
  readonly email?: string;
  /** false: the person opted out of SMS and e-mail (the in-app inbox still has the notice). */
  readonly notify?: boolean;
}

export interface Send {
  readonly username: string;
  readonly channel: 'sms' | 'email';
}

export interface NotifyInput {
  readonly alert: Pick<Alert, 'id' | 'kind' | 'communityId'>;
  readonly recipients: readonly NoticeRecipient[];
  /** What is sent: short, Chinese, no personal data (shared/domain/escalation.ts noticeText). */
  readonly text: string;
}

export interface NotificationPort {
  notify(input: NotifyInput): Promise<readonly Send[]>;
}

/** Locally: nothing leaves the machine; the inbox records are the outbox. */
export const LOCAL_NOTIFICATIONS: NotificationPort = { notify: async () => [] };


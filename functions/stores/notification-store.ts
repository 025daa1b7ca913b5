/**
 * Notices of alerts in the table, per recipient and channel (`ALERT#<id> / NOTICE#<level>#<username>#<channel>`):
 * the alert's record of who was told, when and how (accountability), and each person's inbox —
 * byParent `INBOX#<username>` newest first, and the sparse byStreet `UNREAD#<username>` while an
 * in-app notice is unread (the unread count reads only those). Keys are deterministic and every
 * write conditional, so a rerun of the alert job records nobody twice.
 */
import type { Alert, AlertLevel } from '#shared/schemas/alert.ts';
import type { Notification, NotificationChannel } from '#shared/schemas/notification.ts';
import { message } from '#shared/messages/message.ts';
import { indexKeys, indexSortKeys, keys } from '#shared/table.ts';
import { ConflictError } from '../platform/errors.ts';
import { withoutKeys } from '../platform/list-sources.ts';
import { putItem, queryAll, queryPage, updateItem, type Item } from '../platform/table.ts';

/** The marker a run puts before it sends an alert's notices for a level: the one that puts it sends. */
const SENT_MARKER = { username: '~run', channel: 'sent' } as const;

/** Claims the sending of an alert's notices at a level; false when another run claimed it already. */
export async function claimNotices(alertId: string, level: AlertLevel, at: string): Promise<boolean> {
  try {
    await putItem({ ...keys.alertNotice(alertId, level, SENT_MARKER.username, SENT_MARKER.channel), type: 'notice-claim', at }, { condition: 'attribute_not_exists(pk)', conflict: message('alert.changed-meanwhile', { id: alertId }) });
    return true;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
}

/** A notification's id names its item with the reader: `<alertId>.<level>.<channel>`. */
const noticeId = (alertId: string, level: string, channel: string): string => `${alertId}.${level}.${channel}`;

function noticeKey(id: string, username: string) {
  const [alertId, level, channel] = id.split('.');
  if (!alertId || !level || !channel) return undefined;
  return keys.alertNotice(alertId, level, username, channel);
}

export interface NoticeRecord {
  readonly alert: Pick<Alert, 'id' | 'kind' | 'compoundId'>;
  readonly level: AlertLevel;
  readonly reason: 'raised' | 'escalated';
  readonly username: string;
  readonly channel: NotificationChannel;
  readonly at: string;
  readonly text: string;
}

/**
 * Records one notice. An in-app notice starts unread; an SMS or e-mail is a record of a send,
 * read from the start. One already recorded stays as it was.
 */
export async function recordNotice(record: NoticeRecord): Promise<void> {
  const { alert, level, username, channel, at } = record;
  const unread = channel === 'app';
  const notification: Notification & { username: string } = {
    id: noticeId(alert.id, level, channel), alertId: alert.id, kind: alert.kind, reason: record.reason, level,
    compoundId: alert.compoundId, channel, at, read: !unread, text: record.text, username,
  };
  const sort = indexSortKeys.notice(at, alert.id, level, channel);
  try {
    await putItem(
      {
        ...keys.alertNotice(alert.id, level, username, channel), type: 'notice',
        gsi1pk: indexKeys.inbox(username), gsi1sk: sort,
        ...(unread ? { gsi3pk: indexKeys.unread(username), gsi3sk: sort } : {}),
        ...notification,
      },
      { condition: 'attribute_not_exists(pk)', conflict: message('alert.changed-meanwhile', { id: alert.id }) },
    );
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}

const notificationFromItem = (item: Item): Notification => {
  const { username: _u, ...rest } = withoutKeys<Notification & { username: string }>(item);
  return rest;
};

/** How many notices a person's inbox shows at most. */
export const INBOX_SIZE = 100;

/** A person's notices, newest first, and how many of the in-app ones are unread. */
export async function inboxOf(username: string): Promise<{ unread: number; items: Notification[] }> {
  const [page, unread] = await Promise.all([
    queryPage<Item>({ index: 'byParent', partition: indexKeys.inbox(username), newestFirst: true, limit: INBOX_SIZE }),
    queryAll<Item>({ index: 'byStreet', partition: indexKeys.unread(username) }),
  ]);
  return { unread: unread.length, items: page.items.map(notificationFromItem) };
}

/** The alerts a person was told of (any level), for tests and the accountability view. */
export async function noticesOfAlert(alertId: string): Promise<(Notification & { username: string })[]> {
  const items = await queryAll<Item>({ partition: keys.alert(alertId).pk, beginsWith: 'NOTICE#' });
  return items.filter((i) => i.type === 'notice').map((i) => withoutKeys<Notification & { username: string }>(i));
}

/** Marks a person's notices read (the ids named, or every unread one); answers how many changed. Ids not theirs change nothing. */
export async function markRead(username: string, which: { ids: readonly string[] } | { all: true }): Promise<number> {
  const targets = 'ids' in which
    ? which.ids.flatMap((id) => noticeKey(id, username) ?? [])
    : (await queryAll<Item>({ index: 'byStreet', partition: indexKeys.unread(username) })).map((i) => ({ pk: String(i.pk), sk: String(i.sk) }));
  let marked = 0;
  for (const key of targets) {
    try {
      await updateItem(
        {
          Key: key,
          UpdateExpression: 'SET #read = :true REMOVE gsi3pk, gsi3sk',
          ConditionExpression: 'attribute_exists(pk) AND #username = :me AND #read = :false',
          ExpressionAttributeNames: { '#read': 'read', '#username': 'username' },
          ExpressionAttributeValues: { ':true': true, ':false': false, ':me': username },
        },
        message('notification.not-yours'),
      );
      marked += 1;
    } catch (error) {
      // Not theirs, not there, or read already: nothing to mark.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return marked;
}

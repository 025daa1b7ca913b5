/**
 * The notification port's cloud adapter: one SNS topic per community (`<prefix><communityId>`,
 * the prefix `cordon-<stage>-community-`; CreateTopic answers the same topic when it exists), each
 * recipient subscribed once per channel (SMS to their phone, e-mail when the directory has one)
 * with a filter policy on their username, and one Publish per notice carrying the recipients'
 * usernames as a message attribute: SNS delivers only to them, so a street official subscribed
 * for an escalation does not get every later notice of the community. A person who opted out
 * (notify: false) is neither subscribed nor named. The text is the only content: no resident data.
 */
import {
  CreateTopicCommand, ListSubscriptionsByTopicCommand, PublishCommand, SNSClient, SubscribeCommand,
} from '@aws-sdk/client-sns';
import { UNASSIGNED } from '#shared/table.ts';
import type { NoticeRecipient, NotificationPort, NotifyInput, Send } from './notifications-port.ts';

/** The message attribute SNS filters on: the usernames a notice is for. */
export const RECIPIENT_ATTRIBUTE = 'recipient';

/** A phone as SNS takes it (E.164): a mainland number without a country code gets +86. */
export function e164(phone: string): string {
  const digits = phone.replace(/[\s-]/g, '');
  return digits.startsWith('+') ? digits : `+86${digits}`;
}

/** The topic of a community's notices (SNS names: letters, digits, "-" and "_", which ids are). */
export const topicName = (prefix: string, communityId: string | null): string => `${prefix}${communityId ?? UNASSIGNED}`;

interface Endpoint {
  readonly username: string;
  readonly protocol: 'sms' | 'email';
  readonly endpoint: string;
}

function endpointsOf(recipients: readonly NoticeRecipient[]): Endpoint[] {
  return recipients
    .filter((r) => r.notify !== false)
    .flatMap((r): Endpoint[] => [
      ...(r.phone ? [{ username: r.username, protocol: 'sms' as const, endpoint: e164(r.phone) }] : []),
      ...(r.email ? [{ username: r.username, protocol: 'email' as const, endpoint: r.email }] : []),
    ]);
}

export class SnsNotificationPort implements NotificationPort {
  private readonly client: SNSClient;
  private readonly prefix: string;

  constructor(prefix: string, client?: SNSClient) {
    this.prefix = prefix;
    this.client = client ?? new SNSClient({});
  }

  async notify({ alert, recipients, text }: NotifyInput): Promise<readonly Send[]> {
    const endpoints = endpointsOf(recipients);
    if (endpoints.length === 0) return [];
    const topic = await this.client.send(new CreateTopicCommand({ Name: topicName(this.prefix, alert.communityId) }));
    const topicArn = topic.TopicArn;
    if (!topicArn) throw new Error(`SNS answered no topic ARN for ${topicName(this.prefix, alert.communityId)}`);
    const subscribed = await this.subscribed(topicArn);
    for (const e of endpoints) {
      if (subscribed.has(`${e.protocol}|${e.endpoint}`)) continue;
      await this.client.send(new SubscribeCommand({
        TopicArn: topicArn, Protocol: e.protocol, Endpoint: e.endpoint, ReturnSubscriptionArn: true,
        Attributes: { FilterPolicy: JSON.stringify({ [RECIPIENT_ATTRIBUTE]: [e.username] }) },
      }));
    }
    const usernames = [...new Set(endpoints.map((e) => e.username))].sort();
    await this.client.send(new PublishCommand({
      TopicArn: topicArn, Message: text, Subject: 'Cordon',
      MessageAttributes: { [RECIPIENT_ATTRIBUTE]: { DataType: 'String.Array', StringValue: JSON.stringify(usernames) } },
    }));
    return endpoints.map((e) => ({ username: e.username, channel: e.protocol }));
  }

  /** The topic's subscriptions as `protocol|endpoint`, every page. */
  private async subscribed(topicArn: string): Promise<Set<string>> {
    const found = new Set<string>();
    let next: string | undefined;
    do {
      const page = await this.client.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken: next }));
      for (const s of page.Subscriptions ?? []) if (s.Protocol && s.Endpoint) found.add(`${s.Protocol}|${s.Endpoint}`);
      next = page.NextToken;
    } while (next);
    return found;
  }
}

/**
 * The notification port's SNS adapter against a mocked SNS endpoint (aws-sdk-client-mock): the
 * community's topic (CreateTopic, named cordon-<stage>-community-<id>), each recipient subscribed
 * once per channel with a filter on their username, those who opted out left out, and one Publish
 * with the text and the recipients' usernames — no resident data; and the adapter chosen from
 * NOTIFY_TOPIC_PREFIX.
 */
import {
  CreateTopicCommand, ListSubscriptionsByTopicCommand, PublishCommand, SNSClient, SubscribeCommand,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetConfig } from '#functions/platform/config.ts';
import { LOCAL_NOTIFICATIONS, notificationPort, setNotificationPort } from '#functions/platform/notifications.ts';
import { e164, SnsNotificationPort } from '#functions/platform/notifications-sns.ts';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws-cn:sns:cn-north-1:123456789012:cordon-dev-community-cm1';
const port = new SnsNotificationPort('cordon-dev-community-', new SNSClient({ region: 'cn-north-1' }));
const TEXT = '【Cordon】卡口发热预警：阳光花园，12-07 10:00。请及时签收处置。';
const alert = { id: 'al_1', kind: 'fever' as const, communityId: 'cm1' };

const sent = () => sns.calls().map((call) => {
  const command = call.args[0] as { constructor: { name: string }; input: unknown };
  return [command.constructor.name, command.input];
});

beforeEach(() => {
  sns.reset();
  sns.on(CreateTopicCommand).resolves({ TopicArn: TOPIC });
  sns.on(ListSubscriptionsByTopicCommand).resolves({
    Subscriptions: [{ Protocol: 'sms', Endpoint: '+8613800000001', SubscriptionArn: `${TOPIC}:s1` }],
  });
  sns.on(SubscribeCommand).resolves({ SubscriptionArn: `${TOPIC}:new` });
  sns.on(PublishCommand).resolves({ MessageId: 'm1' });
});

describe('SnsNotificationPort', () => {
  it('creates the community topic, subscribes the new endpoints with a filter, and publishes once to the recipients', async () => {
    const sends = await port.notify({
      alert, text: TEXT,
      recipients: [
        { username: 'community-cm1', phone: '138 0000 0001' },
        { username: 'community-cm1b', phone: '13800000002', email: 'cm1b@example.cn' },
        { username: 'community-quiet', phone: '13800000003', notify: false },
        { username: 'community-nophone' },
      ],
    });
    expect(sent()).toEqual([
      ['CreateTopicCommand', { Name: 'cordon-dev-community-cm1' }],
      ['ListSubscriptionsByTopicCommand', { TopicArn: TOPIC, NextToken: undefined }],
      ['SubscribeCommand', {
        TopicArn: TOPIC, Protocol: 'sms', Endpoint: '+8613800000002', ReturnSubscriptionArn: true,
        Attributes: { FilterPolicy: '{"recipient":["community-cm1b"]}' },
      }],
      ['SubscribeCommand', {
        TopicArn: TOPIC, Protocol: 'email', Endpoint: 'cm1b@example.cn', ReturnSubscriptionArn: true,
        Attributes: { FilterPolicy: '{"recipient":["community-cm1b"]}' },
      }],
      ['PublishCommand', {
        TopicArn: TOPIC, Message: TEXT, Subject: 'Cordon',
        MessageAttributes: { recipient: { DataType: 'String.Array', StringValue: '["community-cm1","community-cm1b"]' } },
      }],
    ]);
    expect(sends).toEqual([
      { username: 'community-cm1', channel: 'sms' },
      { username: 'community-cm1b', channel: 'sms' },
      { username: 'community-cm1b', channel: 'email' },
    ]);
  });

  it('sends nothing (no topic, no publish) when nobody can be reached', async () => {
    expect(await port.notify({ alert, text: TEXT, recipients: [{ username: 'a', phone: '13800000009', notify: false }, { username: 'b' }] })).toEqual([]);
    expect(sent()).toEqual([]);
  });

  it('writes mainland phones as E.164', () => {
    expect(e164('138-1234-5678')).toBe('+8613812345678');
    expect(e164('+852 9123 4567')).toBe('+85291234567');
  });
});

describe('choosing the adapter', () => {
  afterEach(() => {
    delete process.env.NOTIFY_TOPIC_PREFIX;
    resetConfig();
    setNotificationPort(undefined);
  });

  it('is SNS when NOTIFY_TOPIC_PREFIX names the topics, else the local outbox', () => {
    setNotificationPort(undefined);
    resetConfig();
    expect(notificationPort()).toBe(LOCAL_NOTIFICATIONS);
    setNotificationPort(undefined);
    process.env.NOTIFY_TOPIC_PREFIX = 'cordon-dev-community-';
    resetConfig();
    expect(notificationPort()).toBeInstanceOf(SnsNotificationPort);
  });
});

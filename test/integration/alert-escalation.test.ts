/**
 * Alerts that reach people, on DynamoDB Local with the clock injected: a fever entry raises an
 * alert in the community admin's inbox; the alert job tells them (in-app notice, and SMS through
 * the SNS adapter against a mocked SNS endpoint); not acknowledged in 15 minutes it goes to the
 * street, recorded and told; a rerun changes nothing; acknowledge, assign, close with their
 * refusals (403, 404, 400 naming body.to, 409); the unread count with ETag / 304; a grid's alert
 * for its grid worker.
 */
import { CreateTopicCommand, ListSubscriptionsByTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAlert } from '#shared/domain/alerts.ts';
import type { Alert } from '#shared/schemas/alert.ts';
import type { NotificationList } from '#shared/schemas/notification.ts';
import { escalateAlerts } from '#functions/jobs/escalate-alerts.ts';
import { setNotificationPort } from '#functions/platform/notifications.ts';
import { SnsNotificationPort } from '#functions/platform/notifications-sns.ts';
import { transactWrite } from '#functions/platform/table.ts';
import { alertOps } from '#functions/stores/alert-store.ts';
import { noticesOfAlert } from '#functions/stores/notification-store.ts';
import { putStaff } from '#functions/stores/staff-store.ts';
import { entry, expectStatus, startExitStack } from '../support/exit-fixture.ts';
import type { TestStack } from '../support/stack.ts';
import { scanTable, tableFingerprint } from '../support/table-scan.ts';

const START = Date.parse('2026-12-07T02:00:00.000Z');
let clock = START;
const iso = () => new Date(clock).toISOString();
const advance = (minutes: number) => {
  clock += minutes * 60_000;
};

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws-cn:sns:cn-north-1:123456789012:cordon-test-community-cm1';
const published = () => sns.commandCalls(PublishCommand).map((c) => c.args[0].input);

let stack: TestStack;
let alertId: string;

async function inbox(username: string): Promise<NotificationList> {
  return (await expectStatus(await (await stack.as(username)).get('/v1/notifications'), 200)) as unknown as NotificationList;
}

async function alertsOf(username: string, query = ''): Promise<Alert[]> {
  return ((await expectStatus(await (await stack.as(username)).get(`/v1/alerts${query}`), 200)) as unknown as { items: Alert[] }).items;
}

beforeAll(async () => {
  stack = await startExitStack(() => clock);
  // Phones in the directory, one person opted out of SMS.
  await putStaff([
    { username: 'community-cm1', name: '王府社区干部', role: 'community', jurisdiction: { streetId: 's1', communityId: 'cm1' }, phone: '13800000001' },
    { username: 'official-s1', name: '街道督查', role: 'official', jurisdiction: { streetId: 's1' }, phone: '13800000002' },
    { username: 'city', name: '市指挥部', role: 'city', jurisdiction: {}, phone: '13800000003', notify: false },
  ], iso(), 'system:test');
  sns.on(CreateTopicCommand).resolves({ TopicArn: TOPIC });
  sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
  sns.on(SubscribeCommand).resolves({ SubscriptionArn: `${TOPIC}:sub` });
  sns.on(PublishCommand).resolves({ MessageId: 'm' });
  setNotificationPort(new SnsNotificationPort('cordon-test-community-', new SNSClient({ region: 'cn-north-1' })));
});

afterAll(async () => {
  setNotificationPort(undefined);
  sns.restore();
  await stack.stop();
});

describe('a fever at the gate reaches people', () => {
  it('lands in the community admin\'s inbox at once, with the community', async () => {
    const duty = await stack.as('duty-a');
    const body = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-fever', {
      temperatureC: 38.4, outcome: 'refused', refusalReason: '体温异常', person: { name: '张三', phone: '13912345678' },
      escort: { hospital: '钟祥市人民医院', escortedBy: 'duty-a' },
    })), 201);
    alertId = String(body.alertId);
    const [alert] = await alertsOf('community-cm1');
    expect(alert).toMatchObject({ id: alertId, kind: 'fever', status: 'open', level: 'community', escalationDueAt: new Date(START + 15 * 60_000).toISOString() });
    expect(await alertsOf('community-cm2')).toEqual([]);
  });

  it('tells the community admins (in the app and by SMS) and records each send', async () => {
    expect(await escalateAlerts(iso())).toMatchObject({ escalated: 0 });
    const notices = await noticesOfAlert(alertId);
    expect(notices.map((n) => `${n.username}:${n.channel}:${n.level}`).sort()).toEqual(['community-cm1:app:community', 'community-cm1:sms:community']);
    expect(published()).toEqual([{
      TopicArn: TOPIC, Subject: 'Cordon', Message: '【Cordon】卡口发热预警：阳光花园，12-07 10:00。请及时签收处置。',
      MessageAttributes: { recipient: { DataType: 'String.Array', StringValue: '["community-cm1"]' } },
    }]);
    expect(JSON.stringify(sns.calls().map((c) => c.args[0].input))).not.toMatch(/张三|13912345678/);
    const mine = await inbox('community-cm1');
    expect(mine.unread).toBe(1);
    expect(mine.items.map((i) => [i.alertId, i.channel, i.read])).toEqual(expect.arrayContaining([[alertId, 'app', false], [alertId, 'sms', true]]));
    expect((await inbox('official-s1')).unread).toBe(0);
  });

  it('answers 304 to a poll while nothing changed', async () => {
    const client = await stack.as('community-cm1');
    const first = await client.get('/v1/notifications');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await client.request('GET', '/v1/notifications', { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
  });

  it('goes up to the street after 15 minutes unacknowledged, says so, and tells the street', async () => {
    advance(14);
    expect(await escalateAlerts(iso())).toMatchObject({ escalated: 0 });
    advance(1);
    expect(await escalateAlerts(iso())).toMatchObject({ escalated: 1 });
    const [alert] = await alertsOf('official-s1');
    expect(alert).toMatchObject({ id: alertId, level: 'street', escalatedTo: 'street', escalatedAt: iso(), status: 'open' });
    const street = await inbox('official-s1');
    expect(street.unread).toBe(1);
    const streetApp = street.items.find((i) => i.channel === 'app');
    expect(streetApp).toMatchObject({ alertId, reason: 'escalated', level: 'street', channel: 'app' });
    expect(streetApp?.text).toContain('已上报街道');
    expect(published()).toHaveLength(2);
    const audit = (await scanTable()).filter((i) => i.pk === `AUDIT#ALERT#${alertId}` && i.action === 'escalate');
    expect(audit).toHaveLength(1);
  });

  it('escalates nothing twice and tells nobody twice on a rerun', async () => {
    const before = (await noticesOfAlert(alertId)).length;
    expect(await escalateAlerts(iso())).toMatchObject({ escalated: 0, notices: 0 });
    expect(await escalateAlerts(iso())).toMatchObject({ escalated: 0, notices: 0 });
    expect((await noticesOfAlert(alertId)).length).toBe(before);
    expect(published()).toHaveLength(2);
  });
});

describe('acknowledge, assign, close', () => {
  it('refuses outside the jurisdiction (403) and unknown alerts (404) without writing', async () => {
    const before = await tableFingerprint();
    expect((await (await stack.as('community-cm2')).post(`/v1/alerts/${alertId}/acknowledge`)).status).toBe(403);
    expect((await (await stack.as('city')).post('/v1/alerts/al_nope/acknowledge')).status).toBe(404);
    expect((await (await stack.as('community-cm2')).post(`/v1/alerts/${alertId}/assign`, { to: 'community-cm2' })).status).toBe(403);
    expect(await tableFingerprint()).toBe(before);
  });

  it('acknowledges once: the same person again is 200 unchanged, another is 409 with a code; no more escalation', async () => {
    advance(2);
    const street = await stack.as('official-s1');
    const acked = await expectStatus(await street.post(`/v1/alerts/${alertId}/acknowledge`), 200);
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'official-s1', acknowledgedByName: '街道督查', acknowledgedAt: iso() });
    expect(acked.escalationDueAt).toBeUndefined();
    advance(1);
    expect(await expectStatus(await street.post(`/v1/alerts/${alertId}/acknowledge`), 200)).toEqual(acked);
    const other = await (await stack.as('community-cm1')).post(`/v1/alerts/${alertId}/acknowledge`);
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ code: 'alert.acknowledged-by-other' });
    advance(60);
    expect(await escalateAlerts(iso())).toMatchObject({ escalated: 0, notices: 0 });
    expect((await inbox('city')).unread).toBe(0);
  });

  it('assigns to directory staff covering the compound, naming them; others are 400 on body.to', async () => {
    const admin = await stack.as('community-cm1');
    const assigned = await expectStatus(await admin.post(`/v1/alerts/${alertId}/assign`, { to: 'grid-g1' }), 200);
    expect(assigned).toMatchObject({ assignedTo: 'grid-g1', assignedToName: '网格员', status: 'acknowledged', acknowledgedBy: 'official-s1' });
    for (const to of ['community-cm2', 'nobody-here']) {
      const bad = await admin.post(`/v1/alerts/${alertId}/assign`, { to });
      expect(bad.status, to).toBe(400);
      expect(JSON.stringify(await bad.json())).toContain('body.to');
    }
    expect((await alertsOf('community-cm1'))[0]).toMatchObject({ assignedToName: '网格员' });
  });

  it('closes from acknowledged, once', async () => {
    const admin = await stack.as('community-cm1');
    expect(await expectStatus(await admin.post(`/v1/alerts/${alertId}/close`, { note: '已转运定点医院' }), 200)).toMatchObject({ status: 'closed' });
    expect((await admin.post(`/v1/alerts/${alertId}/close`, { note: 'again' })).status).toBe(409);
    expect((await admin.post(`/v1/alerts/${alertId}/acknowledge`)).status).toBe(409);
    expect((await admin.post(`/v1/alerts/${alertId}/assign`, { to: 'grid-g1' })).status).toBe(409);
  });
});

describe('notifications read', () => {
  it('marks read by id or all, only the caller\'s own', async () => {
    const admin = await stack.as('community-cm1');
    const before = await admin.get('/v1/notifications');
    const etag = before.headers.get('etag') ?? '';
    const streetNotice = (await inbox('official-s1')).items.find((i) => i.channel === 'app');
    expect(await expectStatus(await admin.post('/v1/notifications/read', { ids: [streetNotice?.id ?? 'x'] }), 200)).toEqual({ unread: 1, marked: 0 });
    expect(await expectStatus(await admin.post('/v1/notifications/read', { all: true }), 200)).toEqual({ unread: 0, marked: 1 });
    const after = await admin.request('GET', '/v1/notifications', { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect((await after.json() as NotificationList).unread).toBe(0);
    expect((await inbox('official-s1')).unread).toBe(1);
    expect(await expectStatus(await (await stack.as('official-s1')).post('/v1/notifications/read', { ids: [streetNotice?.id ?? 'x'] }), 200)).toEqual({ unread: 0, marked: 1 });
    const bad = await admin.post('/v1/notifications/read', { ids: [] });
    expect(bad.status).toBe(400);
  });
});

describe('a grid\'s alert', () => {
  it('is listed and told to the grid worker, and sorted open and most urgent first', async () => {
    const missed = newAlert({
      kind: 'missed_reports', source: { type: 'person', id: 'p_1-2026-12-07-am' }, compoundId: 'c_a', communityId: 'cm1', streetId: 's1',
      raisedAt: iso(), raisedBy: 'system', details: { gridId: 'g1', missed: 2 },
    });
    await transactWrite(alertOps(missed, { username: 'system', role: 'city' }));
    advance(1);
    const fever = newAlert({
      kind: 'fever', source: { type: 'entry', id: 'en-2' }, compoundId: 'c_a', communityId: 'cm1', streetId: 's1',
      raisedAt: iso(), raisedBy: 'duty-a', details: { temperatureC: 38 },
    });
    await transactWrite(alertOps(fever, { username: 'duty-a', role: 'duty' }));
    expect((await alertsOf('grid-g1')).map((a) => a.id)).toEqual([missed.id]);
    expect((await alertsOf('grid-g1', '?gridId=g1')).map((a) => a.id)).toEqual([missed.id]);
    expect((await (await stack.as('grid-g1')).get('/v1/alerts?gridId=g2')).status).toBe(403);
    // Open first, the fever (most urgent) before the missed reports though older, the closed alert last.
    expect((await alertsOf('community-cm1')).map((a) => a.id)).toEqual([fever.id, missed.id, alertId]);
    // Two runs at once (a late firing overlapping the next): each notice is sent once.
    await Promise.all([escalateAlerts(iso()), escalateAlerts(iso())]);
    expect((await inbox('grid-g1')).items.map((i) => i.alertId)).toEqual([missed.id]);
    expect((await noticesOfAlert(missed.id)).map((n) => `${n.username}:${n.channel}`).sort()).toEqual(['community-cm1:app', 'community-cm1:sms', 'grid-g1:app']);
    const ack = await expectStatus(await (await stack.as('grid-g1')).post(`/v1/alerts/${missed.id}/acknowledge`), 200);
    expect(ack).toMatchObject({ acknowledgedByName: '网格员' });
  });
});

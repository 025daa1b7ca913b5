/**
 * Escalation rules: each kind's time to acknowledge (fever 15 min), the level it goes to next,
 * the inbox's order (open, most urgent, newest), who is told at each level, and the notice text
 * (kind, compound, China time; nothing about the resident).
 */
import { describe, expect, it } from 'vitest';
import { acknowledgedAlert, assignedAlert, closedAlert, escalatedAlert, newAlert, type NewAlert } from '#shared/domain/alerts.ts';
import {
  acknowledgeMinutes, compareAlerts, ESCALATION, escalationDue, escalationDueAt, nextLevel, noticeText, recipientsAt, urgencyOf, type Recipient,
} from '#shared/domain/escalation.ts';
import { ALERT_KINDS, type Alert, type AlertKind } from '#shared/schemas/alert.ts';

const RAISED = '2026-12-07T02:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(RAISED) + minutes * 60_000).toISOString();
const raise = (kind: AlertKind, extra: Partial<NewAlert> = {}): Alert => newAlert({
  kind, source: { type: 'entry', id: `${kind}-${extra.raisedAt ?? RAISED}` }, compoundId: 'c_a', communityId: 'cm1', streetId: 's1',
  raisedAt: RAISED, raisedBy: 'duty-a', details: {}, ...extra,
});

describe('escalation times', () => {
  it('gives every kind a time, fever and positive tests 15 minutes', () => {
    for (const kind of ALERT_KINDS) expect(ESCALATION[kind].minutes, kind).toBeGreaterThan(0);
    expect(acknowledgeMinutes(raise('fever'))).toBe(15);
    expect(acknowledgeMinutes(raise('symptoms'))).toBe(15);
    expect(acknowledgeMinutes(raise('positive_test'))).toBe(15);
    expect(acknowledgeMinutes(raise('help', { details: { urgency: 'high' } }))).toBe(15);
    expect(acknowledgeMinutes(raise('help', { details: { urgency: 'normal' } }))).toBe(60);
    expect(acknowledgeMinutes(raise('daily_report_missing'))).toBe(240);
  });

  it('is due exactly at its time, goes community → street → city and stops there', () => {
    const fever = raise('fever');
    expect(fever).toMatchObject({ status: 'open', level: 'community', escalationDueAt: at(15) });
    expect(escalationDue(fever, at(14.99))).toBeUndefined();
    expect(escalationDue(fever, at(15))).toBe('street');
    const street = escalatedAlert(fever, 'street', at(16));
    expect(street).toMatchObject({ level: 'street', escalatedTo: 'street', escalatedAt: at(16), escalationDueAt: at(31) });
    expect(escalationDue(street, at(30))).toBeUndefined();
    expect(escalationDue(street, at(31))).toBe('city');
    const city = escalatedAlert(street, 'city', at(31));
    expect(city.escalationDueAt).toBeUndefined();
    expect(escalationDue(city, at(600))).toBeUndefined();
    expect(nextLevel('city')).toBeUndefined();
  });

  it('stops once acknowledged or closed', () => {
    const fever = raise('fever');
    const taken = acknowledgedAlert(fever, 'community-cm1', at(5));
    if ('code' in taken) throw new Error(taken.message);
    expect(taken.alert).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'community-cm1', acknowledgedAt: at(5) });
    expect(escalationDueAt(taken.alert)).toBeUndefined();
    expect(escalationDue(taken.alert, at(60))).toBeUndefined();
    const closed = closedAlert(fever, { at: at(3), by: 'community-cm1', note: '误报' });
    if ('code' in closed) throw new Error(closed.message);
    expect(escalationDue(closed, at(60))).toBeUndefined();
  });
});

describe('acknowledge and assign', () => {
  it('answers the same person unchanged, refuses another and a closed alert', () => {
    const first = acknowledgedAlert(raise('fever'), 'a', at(1));
    if ('code' in first) throw new Error(first.message);
    const again = acknowledgedAlert(first.alert, 'a', at(2));
    expect(again).toEqual({ alert: first.alert, unchanged: true });
    expect(acknowledgedAlert(first.alert, 'b', at(2))).toMatchObject({ code: 'alert-acknowledged' });
    const closed = closedAlert(first.alert, { at: at(3), by: 'a', note: 'x' });
    if ('code' in closed) throw new Error(closed.message);
    expect(acknowledgedAlert(closed, 'a', at(4))).toMatchObject({ code: 'alert-closed' });
    expect(assignedAlert(closed, { to: 'b', by: 'a', at: at(4) })).toMatchObject({ code: 'already-closed' });
  });

  it('acknowledges an open alert by whoever assigns it', () => {
    expect(assignedAlert(raise('fever'), { to: 'grid-g1', by: 'community-cm1', at: at(2) })).toMatchObject({
      status: 'acknowledged', acknowledgedBy: 'community-cm1', assignedTo: 'grid-g1', assignedAt: at(2),
    });
  });
});

describe('the inbox order', () => {
  it('puts open first, then the most urgent kind, then the newest', () => {
    const round = raise('missed_round', { raisedAt: at(30) });
    const fever = raise('fever');
    const newerFever = raise('fever', { raisedAt: at(10) });
    const report = raise('daily_report_missing', { raisedAt: at(50) });
    const ackd = acknowledgedAlert(raise('positive_test', { raisedAt: at(40) }), 'a', at(41));
    if ('code' in ackd) throw new Error(ackd.message);
    const sorted = [round, fever, ackd.alert, report, newerFever].sort(compareAlerts);
    expect(sorted.map((a) => `${a.kind}@${a.raisedAt}`)).toEqual([
      `fever@${at(10)}`, `fever@${RAISED}`, `missed_round@${at(30)}`, `daily_report_missing@${at(50)}`, `positive_test@${at(40)}`,
    ]);
    expect(urgencyOf(raise('help', { details: { urgency: 'high' } }))).toBe(9);
  });
});

describe('who is told', () => {
  const staff = [
    { username: 'community-cm1', role: 'community', jurisdiction: { streetId: 's1', communityId: 'cm1' } },
    { username: 'community-cm2', role: 'community', jurisdiction: { streetId: 's1', communityId: 'cm2' } },
    { username: 'grid-g1', role: 'grid', jurisdiction: { communityId: 'cm1', gridId: 'g1' } },
    { username: 'official-s1', role: 'official', jurisdiction: { streetId: 's1' } },
    { username: 'official-s2', role: 'official', jurisdiction: { streetId: 's2' } },
    { username: 'official-cm1', role: 'official', jurisdiction: { communityId: 'cm1' } },
    { username: 'official-city', role: 'official', jurisdiction: {} },
    { username: 'city', role: 'city', jurisdiction: {} },
    { username: 'duty-a', role: 'duty', jurisdiction: { compoundIds: ['c_a'], exitIds: ['e_a1'] } },
  ] satisfies Recipient[];
  const names = (level: 'community' | 'street' | 'city', grid?: string) =>
    recipientsAt({ communityId: 'cm1', streetId: 's1' }, grid, level, staff).map((s) => s.username);

  it('tells the community, its grid worker for a grid\'s alert, then the street, then the city', () => {
    expect(names('community')).toEqual(['community-cm1']);
    expect(names('community', 'g1')).toEqual(['community-cm1', 'grid-g1']);
    expect(names('street')).toEqual(['official-s1']);
    expect(names('city')).toEqual(['official-city', 'city']);
  });
});

describe('notice text', () => {
  it('names the kind, the compound and the China time only', () => {
    const fever = raise('fever', { details: { temperatureC: 38.2, name: '张三' } });
    expect(noticeText(fever, '阳光花园', 'raised', 'community')).toBe('【Cordon】卡口发热预警：阳光花园，12-07 10:00。请及时签收处置。');
    const text = noticeText(fever, '阳光花园', 'escalated', 'street');
    expect(text).toBe('【Cordon】卡口发热预警：阳光花园，12-07 10:00发生，未按时签收，已上报街道。');
    expect(text).not.toContain('张三');
  });
});

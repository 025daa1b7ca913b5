/**
 * The rules of proxy purchase and delivery (shared/domain/orders.ts): the accept deadline by kind
 * and urgency, the queue's rank, each step legal only from its status, who may take it (a
 * volunteer another's order, the household only collect and cancel while requested), the body
 * each step takes, the day's counters, the room masked for volunteers and officials, and the
 * drop-off point an order goes to.
 */
import { describe, expect, it } from 'vitest';
import {
  acceptByOf, dropOffFor, mayAct, maskRoom, newOrder, nextStatus, orderDayCounts, orderFor, orderRank, publicOrder, sameAsk, sameStep,
  stepBodyRefusals, steppedOrder, type OrderHousehold, type StoredOrder,
} from '#shared/domain/orders.ts';
import type { Caller } from '#shared/roles.ts';
import { ORDER_ACTIONS, ORDER_STATUSES } from '#shared/schemas/order.ts';

const AT = '2026-12-01T02:00:00.000Z';
const household: OrderHousehold = {
  id: 'hAAAA', compoundId: 'c_a', compoundName: '阳光花园', communityId: 'cm1', streetId: 's1', gridIds: ['g1'],
  buildingId: 'b_a1', buildingName: '1栋', room: '2单元301',
};
const caller = (username: string, role: Caller['role'], jurisdiction: Caller['jurisdiction']): Caller => ({ userId: username, username, name: `${username}名`, role, jurisdiction });
const volunteer = caller('vol-1', 'volunteer', { communityId: 'cm1' });
const otherVolunteer = caller('vol-2', 'volunteer', { communityId: 'cm1' });
const farVolunteer = caller('vol-9', 'volunteer', { communityId: 'cm2' });
const admin = caller('community-cm1', 'community', { communityId: 'cm1' });
const grid = caller('grid-g1', 'grid', { communityId: 'cm1', gridId: 'g1' });
const official = caller('official-s1', 'official', { streetId: 's1' });

const order = (extra: Partial<Parameters<typeof newOrder>[0]> = {}): StoredOrder =>
  newOrder({ id: 'o1', items: [{ name: '布洛芬', qty: 1, unit: '盒' }], kind: 'medicine', household, source: 'household_link', by: 'self', at: AT, ...extra });

describe('a new order', () => {
  it('copies the household in, is requested, not urgent unless said, and is due to be accepted by its kind\'s time', () => {
    const o = order({ note: '电话 13800001234', prescription: '布洛芬缓释胶囊 0.3g', dropOffPoint: { id: 'dp1', name: '东门存放点' } });
    expect(o).toMatchObject({
      id: 'o1', householdId: 'hAAAA', compoundId: 'c_a', communityId: 'cm1', gridIds: ['g1'], buildingName: '1栋', room: '2单元301',
      status: 'requested', urgent: false, requestedBy: 'self', source: 'household_link', dropOffPointId: 'dp1', dropOffPointName: '东门存放点',
      acceptBy: '2026-12-01T04:00:00.000Z',
    });
    expect(order({ orderId: 'from-client', id: undefined }).id).toBe('from-client');
    expect(order({ kind: 'groceries' }).acceptBy).toBe('2026-12-01T14:00:00.000Z');
    expect(order({ kind: 'groceries', urgent: true }).acceptBy).toBe('2026-12-01T04:00:00.000Z');
    expect(acceptByOf({ kind: 'other', urgent: false, requestedAt: AT }, { medicine: 30, urgent: 60, other: 90 })).toBe('2026-12-01T03:30:00.000Z');
    expect(order({ by: { username: 'grid-g1', name: '网格员' }, source: 'staff' })).toMatchObject({ requestedBy: 'grid-g1', requestedByName: '网格员' });
  });

  it('ranks urgent medicine first, then medicine, then urgent, then the rest', () => {
    expect([
      orderRank({ kind: 'groceries', urgent: false }), orderRank({ kind: 'groceries', urgent: true }),
      orderRank({ kind: 'medicine', urgent: false }), orderRank({ kind: 'medicine', urgent: true }),
    ]).toEqual([3, 2, 1, 0]);
  });
});

describe('the steps', () => {
  it('are each legal from one status only (cancel from any before delivered)', () => {
    const legal = ORDER_STATUSES.flatMap((s) => ORDER_ACTIONS.filter((a) => nextStatus(s, a) !== undefined).map((a) => `${s}:${a}`));
    expect(legal).toEqual([
      'requested:accept', 'requested:cancel', 'accepted:purchase', 'accepted:cancel', 'purchased:deliver', 'purchased:cancel', 'delivered:collect',
    ]);
  });

  it('refuse an illegal transition with wrong-status naming the status, and a lost accept naming who took it', () => {
    const o = order();
    expect(mayAct(volunteer, 'purchase', o)).toMatchObject({ code: 'wrong-status', message: 'order o1 is waiting for a volunteer: you cannot purchase it now' });
    const accepted = steppedOrder(o, 'accept', { actor: volunteer, at: AT, body: {} });
    expect(accepted).toMatchObject({ status: 'accepted', acceptedBy: 'vol-1', acceptedByName: 'vol-1名', acceptedAt: AT });
    expect(mayAct(otherVolunteer, 'accept', accepted)).toMatchObject({ code: 'taken', said: { key: 'order.taken', params: { by: 'vol-1名' } } });
    expect(sameStep(volunteer, 'accept', accepted)).toBe(true);
    expect(sameStep(otherVolunteer, 'accept', accepted)).toBe(false);
    const cancelled = steppedOrder(o, 'cancel', { actor: admin, at: AT, body: { reason: '重复' } });
    expect(mayAct(volunteer, 'accept', cancelled)).toMatchObject({ code: 'wrong-status' });
  });

  it('let whoever accepted, or a community admin, purchase and deliver; another volunteer is not-holder', () => {
    const accepted = steppedOrder(order(), 'accept', { actor: volunteer, at: AT, body: {} });
    expect(mayAct(volunteer, 'purchase', accepted)).toBeUndefined();
    expect(mayAct(admin, 'purchase', accepted)).toBeUndefined();
    expect(mayAct(otherVolunteer, 'purchase', accepted)).toMatchObject({ code: 'not-holder' });
    expect(mayAct(grid, 'purchase', accepted)).toMatchObject({ code: 'forbidden' });
  });

  it('let a volunteer record the collection only of what they carry (a grid worker or community admin of anyone\'s)', () => {
    const delivered = { ...steppedOrder(order(), 'accept', { actor: volunteer, at: AT, body: {} }), status: 'delivered' as const };
    expect(mayAct(volunteer, 'collect', delivered)).toBeUndefined();
    expect(mayAct(otherVolunteer, 'collect', delivered)).toMatchObject({ code: 'not-holder' });
    expect(mayAct(admin, 'collect', delivered)).toBeUndefined();
    expect(mayAct(grid, 'collect', delivered)).toBeUndefined();
  });

  it('answer a resent purchase or delivery by whoever took it, a community admin for the volunteer too', () => {
    const accepted = steppedOrder(order(), 'accept', { actor: volunteer, at: AT, body: {} });
    const purchased = steppedOrder(accepted, 'purchase', { actor: admin, at: AT, body: { amountPaid: 3 } });
    expect(purchased.purchasedBy).toBe('community-cm1');
    expect(sameStep(admin, 'purchase', purchased)).toBe(true);
    expect(sameStep(volunteer, 'purchase', purchased)).toBe(false);
    const delivered = steppedOrder(purchased, 'deliver', { actor: volunteer, at: AT, body: {} });
    expect([sameStep(volunteer, 'deliver', delivered), sameStep(admin, 'deliver', delivered)]).toEqual([true, false]);
  });

  it('hold each role to its steps and its jurisdiction', () => {
    const o = order();
    expect(mayAct(farVolunteer, 'accept', o)).toMatchObject({ code: 'forbidden' });
    expect(mayAct(grid, 'accept', o)).toMatchObject({ code: 'forbidden' });
    expect(mayAct(official, 'accept', o)).toMatchObject({ code: 'forbidden' });
    expect(mayAct(volunteer, 'cancel', o)).toMatchObject({ code: 'forbidden' });
    expect(mayAct(admin, 'cancel', o)).toBeUndefined();
    const delivered = { ...o, status: 'delivered' as const };
    expect(mayAct(grid, 'collect', delivered)).toBeUndefined();
    expect(mayAct(caller('grid-g2', 'grid', { communityId: 'cm1', gridId: 'g2' }), 'collect', delivered)).toMatchObject({ code: 'forbidden' });
  });

  it('let the household collect, and cancel only while nobody has started on it', () => {
    const o = order();
    expect(mayAct('self', 'cancel', o)).toBeUndefined();
    expect(mayAct('self', 'accept', o)).toMatchObject({ code: 'forbidden' });
    const accepted = steppedOrder(o, 'accept', { actor: volunteer, at: AT, body: {} });
    expect(mayAct('self', 'cancel', accepted)).toMatchObject({ code: 'wrong-status' });
    const delivered = { ...accepted, status: 'delivered' as const };
    expect(mayAct('self', 'collect', delivered)).toBeUndefined();
    expect(steppedOrder(delivered, 'collect', { actor: 'self', at: AT, body: {} })).toMatchObject({ status: 'collected', collectedBy: 'self' });
  });

  it('take only their own fields: the amount paid for a purchase, a reason for a staff cancel', () => {
    expect(stepBodyRefusals(volunteer, 'purchase', {}).map((r) => r.field)).toEqual(['body.amountPaid']);
    expect(stepBodyRefusals(volunteer, 'purchase', { amountPaid: 35.5, receiptNo: 'R1' })).toEqual([]);
    expect(stepBodyRefusals(volunteer, 'accept', { amountPaid: 1 }).map((r) => r.field)).toEqual(['body.amountPaid']);
    expect(stepBodyRefusals(admin, 'cancel', {}).map((r) => r.field)).toEqual(['body.reason']);
    expect(stepBodyRefusals('self', 'cancel', {})).toEqual([]);
    expect(stepBodyRefusals(volunteer, 'deliver', { photoKey: `orders/${'a'.repeat(32)}.jpg` })).toEqual([]);
    expect(stepBodyRefusals(volunteer, 'collect', { photoKey: `orders/${'a'.repeat(32)}.jpg` }).map((r) => r.field)).toEqual(['body.photoKey']);
  });
});

describe('the day\'s counters', () => {
  it('count requests by kind, each step, and the minutes to delivery', () => {
    const o = order({ kind: 'groceries' });
    expect(orderDayCounts('request', o)).toEqual({ requested_groceries: 1 });
    expect(orderDayCounts('deliver', { ...o, deliveredAt: '2026-12-01T03:30:00.000Z' })).toEqual({ delivered: 1, deliveryMinutes: 90 });
    expect(orderDayCounts('overdue', o)).toEqual({ overdue: 1 });
  });
});

describe('reading an order', () => {
  it('masks the room for volunteers and officials; notes whole for who carries it or visits the door, none for officials', () => {
    const o = order({ note: '到了打 13800001234', prescription: '布洛芬 0.3g' });
    expect(maskRoom('301')).toBe('3**');
    expect(orderFor(volunteer, o)).toMatchObject({ room: '2*****', note: '到了打 13800001234', prescription: '布洛芬 0.3g' });
    expect(orderFor(official, o).room).toBe('2*****');
    expect(orderFor(official, o)).not.toHaveProperty('note');
    expect(orderFor(official, o)).not.toHaveProperty('prescription');
    expect(orderFor(admin, o)).toMatchObject({ room: '2单元301', note: '到了打 13800001234' });
    expect(orderFor(grid, o).room).toBe('2单元301');
    expect('gridIds' in orderFor(admin, o)).toBe(false);
  });

  it('gives the household only its own allow-list', () => {
    expect(Object.keys(publicOrder(steppedOrder(order(), 'accept', { actor: volunteer, at: AT, body: {} }))).sort())
      .toEqual(['acceptedAt', 'id', 'items', 'kind', 'requestedAt', 'status', 'urgent']);
    // Whoever holds the door slip reads the page: phones in the note masked.
    expect(publicOrder(order({ note: '到了打 13800001234' })).note).not.toContain('13800001234');
  });

  it('takes a resend as the same order when it asks the same: urgent unsaid is false, a point unsaid is the one it got', () => {
    const landed = order({ dropOffPoint: { id: 'dp1', name: '东门' } });
    const ask = { householdId: 'hAAAA', kind: 'medicine' as const, items: [{ name: '布洛芬', qty: 1, unit: '盒' }] };
    expect(sameAsk(landed, ask)).toBe(true);
    expect(sameAsk(landed, { ...ask, dropOffPointId: 'dp1', urgent: false })).toBe(true);
    expect(sameAsk(landed, { ...ask, dropOffPointId: 'dp2' })).toBe(false);
    expect(sameAsk(landed, { ...ask, urgent: true })).toBe(false);
    expect(sameAsk(landed, { ...ask, householdId: 'hBBBB' })).toBe(false);
  });
});

describe('the drop-off point', () => {
  const points = [{ id: 'dp-b', name: 'A 东门', buildingId: undefined }, { id: 'dp-1', name: 'B 1栋', buildingId: 'b_a1' }];
  it('is the one asked for when it is the compound\'s, else the building\'s, else the compound\'s', () => {
    expect(dropOffFor(points, 'b_a1', 'dp-b')).toEqual({ point: { id: 'dp-b', name: 'A 东门' } });
    expect(dropOffFor(points, 'b_a1', 'dp-x')).toBe('unknown');
    expect(dropOffFor(points, 'b_a1', undefined)).toEqual({ point: { id: 'dp-1', name: 'B 1栋' } });
    expect(dropOffFor(points, 'b_a2', undefined)).toEqual({ point: { id: 'dp-b', name: 'A 东门' } });
    expect(dropOffFor([], 'b_a2', undefined)).toEqual({ point: undefined });
  });
});

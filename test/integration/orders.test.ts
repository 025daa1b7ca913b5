/**
 * Proxy purchase and delivery (代购配送, issue 18) on DynamoDB Local through the local API: an order
 * entered for a household goes accept → purchase → deliver (with a photo) → collect, each step
 * legal only from its status (409 `order.wrong-status` otherwise) and only by the roles allowed
 * (403; another volunteer's order 409 `order.not-holder`); racing accepts have one winner, the
 * others 409 `order.taken` naming who; a resent orderId is stored once (409 `order.differs` for
 * other details); a volunteer of another community sees nothing of this one's (403); the queue
 * puts medicine and urgent first; what waits at a drop-off point, rooms masked; the day's
 * counters; and an overdue medicine order raises one alert however often the job runs, closed by
 * its accept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetClock, setClock } from '#functions/platform/clock.ts';
import { batchDelete, getItem, queryAll } from '#functions/platform/table.ts';
import { flagOverdueOrders } from '#functions/jobs/orders-overdue.ts';
import { dropOffItem } from '#functions/stores/drop-off-store.ts';
import { buildingItem } from '#functions/stores/compound-store.ts';
import { getOrder, stepOrder, writeStep } from '#functions/stores/order-store.ts';
import type { Caller } from '#shared/roles.ts';
import { batchWrite } from '#functions/platform/table.ts';
import { chinaDay } from '#shared/domain/china-time.ts';
import type { LocalUser } from '#shared/schemas/local.ts';
import { auditPartition, keys } from '#shared/table.ts';
import { expectStatus } from '../support/exit-fixture.ts';
import { fixtureUsers, seedFixtureCity } from '../support/fixture-city.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const START = Date.parse('2026-12-01T02:00:00.000Z');
const MINUTE = 60_000;
let now = START;

const volunteer = (username: string, name: string, communityId: string): LocalUser => ({ username, name, role: 'volunteer', jurisdiction: { streetId: 's1', communityId } });
const users: LocalUser[] = [
  ...fixtureUsers,
  volunteer('vol-1', '志愿者甲', 'cm1'), volunteer('vol-2', '志愿者乙', 'cm1'), volunteer('vol-3', '志愿者丙', 'cm1'),
  volunteer('vol-4', '志愿者丁', 'cm1'), volunteer('vol-cm2', '兰台志愿者', 'cm2'),
];

let stack: TestStack;
beforeAll(async () => {
  setClock(() => new Date(now));
  stack = await startTestStack({
    users,
    seed: async () => {
      await seedFixtureCity();
      const point = { compoundId: 'c_a', createdAt: '2026-11-01T00:00:00.000Z', createdBy: 'community-cm1' };
      await batchWrite([
        dropOffItem({ ...point, id: 'dp-gate', name: '东门存放点', hours: '08:00–20:00' }),
        dropOffItem({ ...point, id: 'dp-b1', name: '1栋存放点', buildingId: 'b_a1', buildingName: '1栋' }),
        // c_b (cm1) has no drop-off point: its orders are delivered to none.
        buildingItem({
          id: 'b_b1', compoundId: 'c_b', name: '甲栋', gridId: null, units: 1, floors: 6, householdsPerFloor: 2, households: 12,
          location: [112.541, 31.121], geometry: null, updatedAt: point.createdAt, updatedBy: 'system:test',
        }),
      ]);
    },
  });
});
afterAll(async () => {
  await stack.stop();
  resetClock();
});

let seq = 0;
const order = (extra: Record<string, unknown> = {}) => ({
  orderId: `o-${++seq}`, compoundId: 'c_a', buildingId: 'b_a1', room: '2单元301', kind: 'groceries',
  items: [{ name: '大米', qty: 1, unit: '袋' }, { name: '鸡蛋', qty: 2, unit: '盒' }], ...extra,
});
async function place(extra: Record<string, unknown> = {}, by = 'community-cm1'): Promise<Record<string, unknown>> {
  return expectStatus(await (await stack.as(by)).post('/v1/orders', order(extra)), 201);
}
const act = async (username: string, id: unknown, action: string, body: unknown = {}) =>
  (await stack.as(username)).post(`/v1/orders/${String(id)}/${action}`, body);
async function problemCode(res: Response, status: number): Promise<string> {
  const problem = await expectStatus(res, status);
  return String(problem.code);
}

describe('an order from request to collection', () => {
  it('goes accept → purchase → deliver (a photo) → collect, each step recorded with who and when, and counted for the day', async () => {
    const placed = await place({ kind: 'medicine', urgent: true, prescription: '布洛芬缓释胶囊 0.3g 每日两次', note: '到了打 13800001234' });
    expect(placed).toMatchObject({
      status: 'requested', householdId: expect.stringMatching(/^h[A-Za-z0-9_-]{20}$/), compoundName: '阳光花园', buildingName: '1栋', room: '2单元301',
      dropOffPointId: 'dp-b1', dropOffPointName: '1栋存放点', urgent: true, source: 'staff', requestedBy: 'community-cm1',
      acceptBy: new Date(now + 120 * MINUTE).toISOString(),
    });
    const id = placed.id;
    now += 10 * MINUTE;
    const accepted = await expectStatus(await act('vol-1', id, 'accept'), 200);
    expect(accepted).toMatchObject({ status: 'accepted', acceptedBy: 'vol-1', acceptedByName: '志愿者甲', acceptedAt: new Date(now).toISOString(), room: '2*****' });
    // The volunteer who carries it calls the number the note gives at delivery.
    expect(accepted).toMatchObject({ note: '到了打 13800001234', prescription: '布洛芬缓释胶囊 0.3g 每日两次' });
    // Officials inspect the work: no note, no prescription.
    const inspected = await expectStatus(await (await stack.as('official-s1')).get(`/v1/orders/${String(id)}`), 200);
    expect(inspected).not.toHaveProperty('note');
    expect(inspected).not.toHaveProperty('prescription');
    const upload = await expectStatus(await (await stack.as('vol-1')).post('/v1/orders/uploads', { contentType: 'image/jpeg', size: 10 }), 201);
    expect(String(upload.key)).toMatch(/^orders\/[0-9a-f]{32}\.jpg$/);
    expect(String(upload.uploadUrl)).toMatch(/^\/local\/files\/orders\//);
    const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6]);
    expect((await fetch(`${stack.url}${String(upload.uploadUrl)}`, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: photo })).status).toBe(200);
    now += 20 * MINUTE;
    expect(await expectStatus(await act('vol-1', id, 'purchase', { amountPaid: 35.5, receiptNo: 'R-001' }), 200)).toMatchObject({ status: 'purchased', amountPaid: 35.5, receiptNo: 'R-001' });
    now += 30 * MINUTE;
    expect(await expectStatus(await act('vol-1', id, 'deliver', { photoKey: upload.key }), 200)).toMatchObject({ status: 'delivered', photoKey: upload.key });

    const waiting = await expectStatus(await (await stack.as('vol-1')).get('/v1/compounds/c_a/drop-off-points/waiting'), 200);
    expect(waiting.items).toEqual([
      { point: { id: 'dp-b1', name: '1栋存放点' }, orders: [{ id, buildingName: '1栋', room: '2*****', kind: 'medicine', lines: 2, deliveredAt: new Date(now).toISOString(), overADay: false }] },
      { point: { id: 'dp-gate', name: '东门存放点' }, orders: [] },
    ]);
    const asDuty = await expectStatus(await (await stack.as('duty-a')).get('/v1/compounds/c_a/drop-off-points/waiting'), 200);
    expect(JSON.stringify(asDuty)).not.toContain('2单元301');
    now += 25 * 60 * MINUTE;
    const later = await expectStatus(await (await stack.as('community-cm1')).get('/v1/compounds/c_a/drop-off-points/waiting'), 200);
    expect((later.items as { orders: { room: string; overADay: boolean }[] }[])[0]?.orders[0]).toMatchObject({ room: '2单元301', overADay: true });

    const collected = await expectStatus(await act('grid-g1', id, 'collect'), 200);
    expect(collected).toMatchObject({ status: 'collected', collectedBy: 'grid-g1', collectedAt: new Date(now).toISOString() });
    const after = await expectStatus(await (await stack.as('vol-1')).get('/v1/compounds/c_a/drop-off-points/waiting'), 200);
    expect((after.items as { orders: unknown[] }[]).every((p) => p.orders.length === 0)).toBe(true);
    // A resent collect by the same person answers the order as it is.
    expect(await expectStatus(await act('grid-g1', id, 'collect'), 200)).toMatchObject({ status: 'collected' });

    const day = await getItem(keys.orderDay(chinaDay(new Date(START).toISOString()), 'cm1'), { consistent: true });
    expect(day).toMatchObject({ requested_medicine: 1, accepted: 1, purchased: 1, delivered: 1, deliveryMinutes: 60 });
    const collectDay = await getItem(keys.orderDay(chinaDay(new Date(now).toISOString()), 'cm1'), { consistent: true });
    expect(collectDay).toMatchObject({ collected: 1 });
    // Each step audited with who and when (the resent collect wrote nothing).
    const audit = await queryAll<Record<string, unknown>>({ partition: auditPartition('ORDER', String(id)), consistent: true });
    expect(audit.map((a) => [a.action, a.actor, a.actorName])).toEqual([
      ['create', 'community-cm1', '王府社区干部'], ['accept', 'vol-1', '志愿者甲'], ['purchase', 'vol-1', '志愿者甲'],
      ['deliver', 'vol-1', '志愿者甲'], ['collect', 'grid-g1', '网格员'],
    ]);
    expect(audit[2]?.changes).toEqual({ status: { from: 'accepted', to: 'purchased' }, amountPaid: { from: null, to: 35.5 }, receiptNo: { from: null, to: 'R-001' } });
  });
});

describe('each step only from its status, only by its roles', () => {
  it('answers 409 naming the status for every illegal transition', async () => {
    const { id } = await place();
    for (const step of [['purchase', { amountPaid: 1 }], ['deliver', {}], ['collect', {}]] as const) {
      const problem = await expectStatus(await act('community-cm1', id, step[0], step[1]), 409);
      expect(problem).toMatchObject({ code: 'order.wrong-status' });
      expect(String(problem.detail)).toContain('waiting for a volunteer');
    }
    await expectStatus(await act('vol-1', id, 'accept'), 200);
    expect(await problemCode(await act('vol-1', id, 'deliver'), 409)).toBe('order.wrong-status');
    expect(await problemCode(await act('vol-1', id, 'collect'), 409)).toBe('order.wrong-status');
    await expectStatus(await act('vol-1', id, 'purchase', { amountPaid: 12 }), 200);
    expect(await problemCode(await act('vol-1', id, 'accept'), 409)).toBe('order.taken');
    expect(await problemCode(await act('vol-1', id, 'collect'), 409)).toBe('order.wrong-status');
    await expectStatus(await act('vol-1', id, 'deliver'), 200);
    expect(await problemCode(await act('community-cm1', id, 'cancel', { reason: '不需要了' }), 409)).toBe('order.wrong-status');
    expect(await problemCode(await act('vol-1', id, 'purchase', { amountPaid: 1 }), 409)).toBe('order.wrong-status');
    await expectStatus(await act('vol-1', id, 'collect'), 200);
    for (const action of ['accept', 'deliver', 'collect']) expect(await problemCode(await act('community-cm1', id, action), 409)).toBe('order.wrong-status');

    const cancelled = await place();
    expect(await expectStatus(await act('community-cm1', cancelled.id, 'cancel', { reason: '住户已自行解决' }), 200)).toMatchObject({ status: 'cancelled', cancelReason: '住户已自行解决' });
    expect(await problemCode(await act('vol-1', cancelled.id, 'accept'), 409)).toBe('order.wrong-status');
  });

  it('holds each step to its roles: a grid worker does not accept, a volunteer does not cancel, another volunteer\'s order is not-holder', async () => {
    const { id } = await place();
    expect((await act('grid-g1', id, 'accept')).status).toBe(403);
    expect((await act('official-s1', id, 'accept')).status).toBe(403);
    expect((await act('vol-1', id, 'cancel', { reason: 'x' })).status).toBe(403);
    await expectStatus(await act('vol-1', id, 'accept'), 200);
    const problem = await expectStatus(await act('vol-2', id, 'purchase', { amountPaid: 3 }), 409);
    expect(problem).toMatchObject({ code: 'order.not-holder' });
    expect(String(problem.detail)).toContain('志愿者甲');
    expect((await act('grid-g1', id, 'purchase', { amountPaid: 3 })).status).toBe(403);
    // A community admin may carry on for the volunteer.
    await expectStatus(await act('community-cm1', id, 'purchase', { amountPaid: 3 }), 200);
    expect(await expectStatus(await act('vol-1', id, 'deliver'), 200)).toMatchObject({ status: 'delivered' });
  });

  it('answers 400 naming the field for a body the step does not take, and 404 for no order', async () => {
    const { id } = await place();
    await expectStatus(await act('vol-1', id, 'accept'), 200);
    const noAmount = await expectStatus(await act('vol-1', id, 'purchase', { receiptNo: 'R' }), 400);
    expect((noAmount.errors as { field: string }[]).map((e) => e.field)).toEqual(['body.amountPaid']);
    const extra = await expectStatus(await act('vol-1', id, 'purchase', { amountPaid: 3, reason: 'x' }), 400);
    expect((extra.errors as { field: string }[]).map((e) => e.field)).toEqual(['body.reason']);
    const noReason = await expectStatus(await act('community-cm1', id, 'cancel'), 400);
    expect((noReason.errors as { field: string }[]).map((e) => e.field)).toEqual(['body.reason']);
    const badKey = await expectStatus(await act('vol-1', id, 'purchase', { amountPaid: 3 }).then(() => act('vol-1', id, 'deliver', { photoKey: 'inspections/aa.jpg' })), 400);
    expect((badKey.errors as { field: string }[]).map((e) => e.field)).toEqual(['body.photoKey']);
    expect((await act('vol-1', 'o-nowhere', 'accept')).status).toBe(404);
    expect((await act('vol-1', id, 'teleport')).status).toBe(400);
    const unknownPoint = await expectStatus(await (await stack.as('community-cm1')).post('/v1/orders', order({ dropOffPointId: 'dp-x' })), 400);
    expect((unknownPoint.errors as { field: string }[]).map((e) => e.field)).toEqual(['body.dropOffPointId']);
    expect((await (await stack.as('community-cm1')).post('/v1/orders', order({ buildingId: 'b_nowhere' }))).status).toBe(404);
    expect((await (await stack.as('community-cm1')).post('/v1/orders', order({ helpRequestId: 'hr-nowhere' }))).status).toBe(404);
    expect((await (await stack.as('community-cm1')).post('/v1/orders', order({ kind: 'groceries', prescription: 'x' }))).status).toBe(400);
  });
});

describe('orders entered by staff', () => {
  it('answers a help request of the household\'s compound (400 for another compound\'s), with who entered it', async () => {
    const admin = await stack.as('community-cm1');
    const help = await expectStatus(await admin.post('/v1/help-requests', { compoundId: 'c_a', buildingId: 'b_a1', kind: 'medicine', urgency: 'high', note: '降压药' }), 201);
    const fromHelp = await place({ kind: 'medicine', helpRequestId: help.id }, 'grid-g1');
    expect(fromHelp).toMatchObject({ source: 'help_request', helpRequestId: help.id, requestedBy: 'grid-g1', requestedByName: '网格员' });
    const elsewhere = await expectStatus(await admin.post('/v1/help-requests', { compoundId: 'c_b', kind: 'medicine', urgency: 'normal', note: '买药' }), 201);
    const other = await expectStatus(await admin.post('/v1/orders', order({ helpRequestId: elsewhere.id })), 400);
    expect((other.errors as { field: string }[]).map((e) => e.field)).toEqual(['body.helpRequestId']);
    // A building of another compound is no household there.
    expect((await (await stack.as('grid-g1')).post('/v1/orders', order({ compoundId: 'c_d', buildingId: 'b_a1' }))).status).toBe(404);
  });
});

describe('racing and resending', () => {
  it('gives racing accepts one winner; the others 409 naming who took it', async () => {
    const { id } = await place({ kind: 'medicine' });
    const racers = ['vol-1', 'vol-2', 'vol-3', 'vol-4', 'community-cm1'];
    const answers = await Promise.all(racers.map(async (u) => {
      const res = await act(u, id, 'accept');
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    }));
    const won = answers.filter((a) => a.status === 200);
    expect(won).toHaveLength(1);
    const winner = won[0]!.body;
    const stored = await expectStatus(await (await stack.as('community-cm1')).get(`/v1/orders/${String(id)}`), 200);
    expect(stored.acceptedBy).toBe(winner.acceptedBy);
    const lost = answers.filter((a) => a.status !== 200);
    expect(lost.map((a) => a.status)).toEqual([409, 409, 409, 409]);
    for (const a of lost) {
      expect(a.body.code).toBe('order.taken');
      expect(String(a.body.detail)).toContain(String(stored.acceptedByName));
    }
  });

  it('stores a resent order once, and refuses its orderId for another order', async () => {
    const body = order({ kind: 'other', note: '卫生纸' });
    const admin = await stack.as('community-cm1');
    const first = await expectStatus(await admin.post('/v1/orders', body), 201);
    const again = await expectStatus(await admin.post('/v1/orders', body), 201);
    expect(again).toEqual(first);
    const grid = await expectStatus(await (await stack.as('grid-g1')).post('/v1/orders', body), 201);
    expect(grid.id).toBe(first.id);
    const listed = (await expectStatus(await admin.get('/v1/orders?communityId=cm1&status=requested&limit=1000'), 200)).items as { id: string }[];
    expect(listed.filter((o) => o.id === first.id)).toHaveLength(1);
    expect(await problemCode(await admin.post('/v1/orders', { ...body, items: [{ name: '牛奶', qty: 1 }] }), 409)).toBe('order.differs');
    expect(await problemCode(await admin.post('/v1/orders', { ...body, room: '5单元501' }), 409)).toBe('order.differs');
  });
});

describe('the queue and jurisdiction', () => {
  it('lists medicine and urgent first, then oldest first; a volunteer sees rooms masked, only what they carry with mine=true', async () => {
    const queue = async () => ((await expectStatus(await (await stack.as('vol-1')).get('/v1/orders?status=requested&compoundId=c_a&limit=1000'), 200)).items as Record<string, unknown>[]);
    for (const o of await queue()) await expectStatus(await act('community-cm1', o.id, 'cancel', { reason: '清理' }), 200);
    now += MINUTE;
    const groceries = await place({ kind: 'groceries' });
    now += MINUTE;
    const medicine = await place({ kind: 'medicine' });
    now += MINUTE;
    const urgent = await place({ kind: 'other', urgent: true });
    now += MINUTE;
    const urgentMedicine = await place({ kind: 'medicine', urgent: true });
    const listed = await queue();
    expect(listed.map((o) => o.id)).toEqual([urgentMedicine.id, medicine.id, urgent.id, groceries.id]);
    expect(listed.every((o) => o.room === '2*****')).toBe(true);
    await expectStatus(await act('vol-1', medicine.id, 'accept'), 200);
    const mine = (await expectStatus(await (await stack.as('vol-1')).get('/v1/orders?mine=true'), 200)).items as Record<string, unknown>[];
    expect(mine.map((o) => o.id)).toContain(medicine.id);
    expect(mine.every((o) => o.acceptedBy === 'vol-1')).toBe(true);
    const open = (await expectStatus(await (await stack.as('vol-2')).get('/v1/orders'), 200)).items as Record<string, unknown>[];
    expect(open.map((o) => o.status)).toContain('accepted');
    expect(open.some((o) => o.status === 'collected' || o.status === 'cancelled')).toBe(false);
    const whole = (await expectStatus(await (await stack.as('grid-g1')).get('/v1/orders?status=requested'), 200)).items as Record<string, unknown>[];
    expect(whole.every((o) => o.room === '2单元301')).toBe(true);
  });

  it('keeps a volunteer to their own community: 403 for another\'s queue, order or step, and none of its orders in their own list', async () => {
    const { id } = await place();
    const far = await stack.as('vol-cm2');
    expect((await far.get('/v1/orders?communityId=cm1')).status).toBe(403);
    expect((await far.get('/v1/orders?compoundId=c_a')).status).toBe(403);
    expect((await far.get(`/v1/orders/${String(id)}`)).status).toBe(403);
    expect((await far.post(`/v1/orders/${String(id)}/accept`, {})).status).toBe(403);
    expect(((await expectStatus(await far.get('/v1/orders'), 200)).items as unknown[])).toEqual([]);
    expect((await far.get('/v1/compounds/c_a/drop-off-points/waiting')).status).toBe(403);
    // Staff enter orders only for households within their jurisdiction; volunteers enter none.
    expect((await (await stack.as('community-cm2')).post('/v1/orders', order())).status).toBe(403);
    expect((await far.post('/v1/orders', order())).status).toBe(403);
    const official = (await expectStatus(await (await stack.as('official-s1')).get('/v1/orders?communityId=cm1&status=requested'), 200)).items as Record<string, unknown>[];
    expect(official.length).toBeGreaterThan(0);
    expect(official.every((o) => o.room === '2*****')).toBe(true);
  });
});

describe('an order nobody accepts in time', () => {
  it('raises one order_overdue alert for the community however often the job runs, and its accept closes the alert', async () => {
    const { id, acceptBy } = await place({ kind: 'medicine', note: '降压药' });
    const at = (ms: number) => new Date(ms).toISOString();
    expect((await flagOverdueOrders(at(now + 60 * MINUTE))).flagged).toBe(0);
    const late = Date.parse(String(acceptBy)) + MINUTE;
    const first = await flagOverdueOrders(at(late));
    expect(first.flagged).toBeGreaterThanOrEqual(1);
    expect(await flagOverdueOrders(at(late))).toEqual({ due: 0, flagged: 0 });
    expect((await flagOverdueOrders(at(late + 10 * MINUTE))).flagged).toBe(0);
    const admin = await stack.as('community-cm1');
    const alerts = ((await expectStatus(await admin.get('/v1/alerts?kind=order_overdue'), 200)).items as Record<string, unknown>[])
      .filter((a) => (a.details as Record<string, unknown>).orderId === id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: 'open', level: 'community', compoundId: 'c_a', communityId: 'cm1', details: { orderId: id, kind: 'medicine', room: '2*****' } });
    const stored = await expectStatus(await admin.get(`/v1/orders/${String(id)}`), 200);
    expect(stored.overdueAlertId).toBe(alerts[0]?.id);
    const day = await getItem(keys.orderDay(chinaDay(at(late)), 'cm1'), { consistent: true });
    expect(Number(day?.overdue)).toBeGreaterThanOrEqual(1);

    now = late + 5 * MINUTE;
    await expectStatus(await act('vol-2', id, 'accept'), 200);
    const closed = ((await expectStatus(await admin.get('/v1/alerts?kind=order_overdue'), 200)).items as Record<string, unknown>[]).find((a) => a.id === alerts[0]?.id);
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'vol-2' });
    expect(String(closed?.closeNote)).toContain('志愿者乙');
    expect(await flagOverdueOrders(at(now + 60 * MINUTE))).toEqual({ due: 0, flagged: 0 });
  });
});

describe('review fixes', () => {
  const vol = (username: string, name: string): Caller => ({ userId: username, username, name, role: 'volunteer', jurisdiction: { streetId: 's1', communityId: 'cm1' } });

  it('lists what a volunteer carries with mine=true, and a compound\'s orders, past more than a page of others\' requested orders', async () => {
    const many = Array.from({ length: 35 }, () => order({ compoundId: 'c_a' }));
    const admin = await stack.as('community-cm1');
    for (let i = 0; i < many.length; i += 7) await Promise.all(many.slice(i, i + 7).map(async (o) => expectStatus(await admin.post('/v1/orders', o), 201)));
    now += MINUTE;
    const carried = await place({ compoundId: 'c_b', buildingId: 'b_b1', room: '101' });
    await expectStatus(await act('vol-4', carried.id, 'accept'), 200);
    const inB = await place({ compoundId: 'c_b', buildingId: 'b_b1', room: '102' });
    const mine = await expectStatus(await (await stack.as('vol-4')).get('/v1/orders?mine=true&limit=30'), 200);
    expect((mine.items as { id: string }[]).map((o) => o.id)).toContain(carried.id);
    const ofB = await expectStatus(await (await stack.as('vol-4')).get('/v1/orders?compoundId=c_b&status=requested&limit=30'), 200);
    expect((ofB.items as { id: string }[]).map((o) => o.id)).toContain(inB.id);
  });

  it('asks a city caller to name a community (400 naming query.communityId)', async () => {
    const problem = await expectStatus(await (await stack.as('city')).get('/v1/orders'), 400);
    expect((problem.errors as { field: string }[]).map((e) => e.field)).toEqual(['query.communityId']);
    await expectStatus(await (await stack.as('city')).get('/v1/orders?communityId=cm1&limit=1'), 200);
  });

  it('keeps the overdue alert of an order flagged between a step\'s read and its write, and the accept closes it', async () => {
    const { id, acceptBy } = await place({ kind: 'medicine' });
    const stale = (await getOrder(String(id), { consistent: true }))!;
    const late = new Date(Date.parse(String(acceptBy)) + MINUTE).toISOString();
    await flagOverdueOrders(late);
    const taker = vol('vol-3', '志愿者丙');
    expect(await writeStep(stale, 'accept', { body: {}, by: taker, at: late })).toBeUndefined();
    const accepted = await stepOrder(String(id), 'accept', { body: {}, by: taker, at: late });
    expect(accepted.overdueAlertId).toBeDefined();
    const alert = await getItem(keys.alert(String(accepted.overdueAlertId)), { consistent: true });
    expect(alert).toMatchObject({ status: 'closed', closedBy: 'vol-3' });
  });

  it('raises an overdue alert for an order due three days before the run', async () => {
    const { id, acceptBy } = await place({ kind: 'medicine' });
    await flagOverdueOrders(new Date(Date.parse(String(acceptBy)) + 3 * 24 * 60 * MINUTE).toISOString());
    expect((await getOrder(String(id), { consistent: true }))?.overdueAlertId).toBeDefined();
  });

  it('lets only the volunteer who carries an order record its collection', async () => {
    const { id } = await place();
    await expectStatus(await act('vol-1', id, 'accept'), 200);
    await expectStatus(await act('vol-1', id, 'purchase', { amountPaid: 5 }), 200);
    await expectStatus(await act('vol-1', id, 'deliver'), 200);
    expect(await problemCode(await act('vol-2', id, 'collect'), 409)).toBe('order.not-holder');
    expect(await expectStatus(await act('vol-1', id, 'collect'), 200)).toMatchObject({ status: 'collected', collectedBy: 'vol-1' });
  });

  it('answers a community admin\'s resent purchase and delivery with the order', async () => {
    const { id } = await place();
    await expectStatus(await act('vol-1', id, 'accept'), 200);
    await expectStatus(await act('community-cm1', id, 'purchase', { amountPaid: 8 }), 200);
    expect(await expectStatus(await act('community-cm1', id, 'purchase', { amountPaid: 8 }), 200)).toMatchObject({ status: 'purchased', purchasedBy: 'community-cm1' });
    await expectStatus(await act('community-cm1', id, 'deliver'), 200);
    expect(await expectStatus(await act('community-cm1', id, 'deliver'), 200)).toMatchObject({ status: 'delivered', deliveredBy: 'community-cm1' });
  });

  it('lists what was delivered to no drop-off point under its own bucket, rooms masked as in the order', async () => {
    const { id } = await place({ compoundId: 'c_b', buildingId: 'b_b1', room: '601' });
    await expectStatus(await act('vol-2', id, 'accept'), 200);
    await expectStatus(await act('vol-2', id, 'purchase', { amountPaid: 5 }), 200);
    await expectStatus(await act('vol-2', id, 'deliver'), 200);
    const waiting = await expectStatus(await (await stack.as('vol-2')).get('/v1/compounds/c_b/drop-off-points/waiting'), 200);
    expect(waiting.items).toEqual([{ point: { id: 'none', name: '' }, orders: [expect.objectContaining({ id, room: '6**' })] }]);
  });

  it('keeps listing a drop-off point removed while goods wait there, marked removed (new orders may not go there)', async () => {
    await batchWrite([dropOffItem({ compoundId: 'c_a', createdAt: '2026-11-01T00:00:00.000Z', createdBy: 'community-cm1', id: 'dp-tmp', name: '临时存放点' })]);
    const { id } = await place({ dropOffPointId: 'dp-tmp' });
    await expectStatus(await act('vol-1', id, 'accept'), 200);
    await expectStatus(await act('vol-1', id, 'purchase', { amountPaid: 5 }), 200);
    await expectStatus(await act('vol-1', id, 'deliver'), 200);
    await batchDelete([keys.dropOff('c_a', 'dp-tmp')]);
    const waiting = await expectStatus(await (await stack.as('vol-1')).get('/v1/compounds/c_a/drop-off-points/waiting'), 200);
    const points = (waiting.items as { point: { id: string; removed?: boolean }; orders: { id: string }[] }[]);
    expect(points.find((p) => p.point.id === 'dp-tmp')).toEqual({ point: { id: 'dp-tmp', name: '临时存放点', removed: true }, orders: [expect.objectContaining({ id })] });
    expect(points.find((p) => p.point.id === 'dp-gate')?.point.removed).toBeUndefined();
  });

  it('counts the compound\'s open orders for its daily report: in when placed, out when cancelled or collected', async () => {
    const openNow = async () => {
      const report = await expectStatus(await (await stack.as('community-cm1')).get(`/v1/daily-reports/c_b/${chinaDay(new Date(now).toISOString())}`), 200);
      return (report.figures as { ordersOpen: number }).ordersOpen;
    };
    const before = await openNow();
    const first = await place({ compoundId: 'c_b', buildingId: 'b_b1', room: '501' });
    const second = await place({ compoundId: 'c_b', buildingId: 'b_b1', room: '502' });
    expect(await openNow()).toBe(before + 2);
    await expectStatus(await act('community-cm1', first.id, 'cancel', { reason: '住户已自行购买' }), 200);
    // A resent cancel answers the order and counts nothing again.
    await expectStatus(await act('community-cm1', first.id, 'cancel', { reason: '住户已自行购买' }), 200);
    expect(await openNow()).toBe(before + 1);
    for (const step of ['accept', 'purchase', 'deliver', 'collect'] as const) {
      await expectStatus(await act('vol-2', second.id, step, step === 'purchase' ? { amountPaid: 12 } : {}), 200);
    }
    expect(await openNow()).toBe(before);
  });

  it('stores racing resends of one order once, each answered with it', async () => {
    const body = order({ kind: 'other' });
    const answers = await Promise.all(Array.from({ length: 6 }, async () => (await stack.as('community-cm1')).post('/v1/orders', body)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
  });
});

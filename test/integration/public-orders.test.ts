/**
 * The household's link on DynamoDB Local with the clock injected (issue 18): the page (its place,
 * its drop-off points building's first, its orders) → an order by link, resent by orderId and
 * stored once → accepted, purchased and delivered by the community → waiting at its point on the
 * page → collected on the link (twice answers it as it stands) → withdrawn while requested only →
 * another household's order 404 → a revoked link and a report link 404 → an expired link 410 → a
 * link hammered 429 → no token in any log line.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetClock, setClock } from '#functions/platform/clock.ts';
import { LINK_CALLS_PER_MINUTE } from '#functions/stores/link-store.ts';
import { expectStatus } from '../support/exit-fixture.ts';
import { fixtureUsers, seedFixtureCity } from '../support/fixture-city.ts';
import { captureLogs } from '../support/logs.ts';
import { expectProblem } from '../support/problem.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { scanTable } from '../support/table-scan.ts';

vi.hoisted(() => {
  process.env.LOG_LEVEL = 'DEBUG';
  process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
});

const cn = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00.000+08:00`);
let clock = cn('2026-12-01', '09:00');

let stack: TestStack;
const requestLog: string[] = [];
const points: Record<string, string> = {};
const tokens: string[] = [];
let logs = '';

beforeAll(async () => {
  setClock(() => new Date(clock));
  stack = await startTestStack({ users: fixtureUsers, seed: seedFixtureCity, log: (line) => requestLog.push(line) });
  const cm = await stack.as('community-cm1');
  for (const [key, body] of Object.entries({
    gate: { name: '东门物品存放点', hours: '08:00–20:00', location: { description: '东门外快递架' } },
    a1: { name: '1栋单元门存放点', buildingId: 'b_a1' },
    a2: { name: '2栋存放点', buildingId: 'b_a2' },
  })) points[key] = String((await expectStatus(await cm.post('/v1/compounds/c_a/drop-off-points', body), 201)).id);
  points.other = String((await expectStatus(await (await stack.as('community-cm1')).post('/v1/compounds/c_b/drop-off-points', { name: '王府小区南门' }), 201)).id);
}, 60_000);
afterAll(async () => {
  await stack.stop();
  resetClock();
  delete process.env.POWERTOOLS_LOGGER_LOG_EVENT;
});

async function linkFor(room: string, buildingId = 'b_a1'): Promise<string> {
  const issued = await expectStatus(await (await stack.as('grid-g1')).post('/v1/household-links', { compoundId: 'c_a', buildingId, room }), 201);
  tokens.push(String(issued.token));
  return String(issued.token);
}
const getPage = (token: string) => stack.anonymous().get(`/public/orders/${token}`);
const order = (token: string, body: unknown) => stack.anonymous().post(`/public/orders/${token}`, body);
const step = (token: string, id: string, action: 'collect' | 'cancel') => stack.anonymous().post(`/public/orders/${token}/${id}/${action}`);
const staffStep = async (id: string, action: string, body: unknown = {}) => (await stack.as('community-cm1')).post(`/v1/orders/${id}/${action}`, body);
const rice = { orderId: 'or_rice_1', items: [{ name: '大米', qty: 1, unit: '袋' }, { name: '鸡蛋', qty: 2, unit: '盒' }], kind: 'groceries', note: '到了打电话' };
const ordersNamed = async (id: string) => (await scanTable()).filter((i) => i.type === 'order' && i.id === id);

describe('a household orders on its link, the community delivers, the household collects', () => {
  let token = '';

  it('opens a page with its place, its drop-off points (its building\'s first) and no orders yet, nothing else', async () => {
    token = await linkFor('301');
    const page = await expectStatus(await getPage(token), 200);
    expect(page).toEqual({
      compoundId: 'c_a', compoundName: '阳光花园', buildingName: '1栋', room: '301', items: [],
      dropOffPoints: [
        { id: points.a1, name: '1栋单元门存放点' },
        { id: points.gate, name: '东门物品存放点', hours: '08:00–20:00', location: '东门外快递架' },
        { id: points.a2, name: '2栋存放点' },
      ],
    });
  });

  it('places an order once however often it is resent; the same id saying something else is 409', async () => {
    // captureLogs swallows a failure inside it: the answers are checked after.
    const answers: Response[] = [];
    logs += await captureLogs(async () => {
      answers.push(await order(token, rice));
      clock += 60_000;
      answers.push(await order(token, rice), await order(token, { ...rice, items: [{ name: '面条', qty: 1 }] }));
    });
    expect(await expectStatus(answers[0]!, 201)).toEqual({ id: 'or_rice_1', status: 'requested' });
    expect(await expectStatus(answers[1]!, 201)).toEqual({ id: 'or_rice_1', status: 'requested' });
    expect(await expectProblem(answers[2]!, 409)).toMatchObject({ code: 'order.differs' });
    const stored = await ordersNamed('or_rice_1');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      status: 'requested', source: 'household_link', requestedBy: 'self', compoundId: 'c_a', buildingId: 'b_a1', room: '301',
      // No point asked for: its building's.
      dropOffPointId: points.a1, dropOffPointName: '1栋单元门存放点', urgent: false,
    });
    const audits = (await scanTable()).filter((i) => String(i.pk).startsWith('AUDIT#') && i.entityId === 'or_rice_1');
    expect(audits).toHaveLength(1);
  });

  it('refuses a drop-off point not of the compound and a prescription on groceries with 400 naming the field', async () => {
    const wrongPoint = await expectProblem(await order(token, { ...rice, orderId: 'or_x1', dropOffPointId: points.other }), 400);
    expect(wrongPoint.errors?.map((e) => e.field)).toEqual(['body.dropOffPointId']);
    const prescription = await expectProblem(await order(token, { ...rice, orderId: 'or_x2', prescription: '布洛芬 0.3g' }), 400);
    expect(prescription.errors?.map((e) => e.field)).toEqual(['body.prescription']);
    const empty = await expectProblem(await order(token, { ...rice, orderId: 'or_x3', items: [] }), 400);
    expect(empty.errors?.map((e) => e.field)).toContain('body.items');
    expect(await ordersNamed('or_x1')).toEqual([]);
  });

  it('takes a medicine order to the point asked for', async () => {
    const medicine = { orderId: 'or_med_1', items: [{ name: '布洛芬缓释胶囊 0.3g', qty: 1, unit: '盒' }], kind: 'medicine', urgent: true, prescription: '布洛芬 0.3g 每日两次', dropOffPointId: points.gate };
    await expectStatus(await order(token, medicine), 201);
    expect((await ordersNamed('or_med_1'))[0]).toMatchObject({ dropOffPointId: points.gate, urgent: true, kind: 'medicine' });
  });

  it('refuses collecting what was not delivered with 409; the household withdraws it only while requested', async () => {
    await expectProblem(await step(token, 'or_med_1', 'collect'), 409);
    await expectStatus(await staffStep('or_med_1', 'accept'), 200);
    await expectProblem(await step(token, 'or_med_1', 'cancel'), 409);
    const page = await expectStatus(await getPage(token), 200);
    expect((page.items as { id: string; status: string }[]).find((o) => o.id === 'or_med_1')?.status).toBe('accepted');
  });

  it('follows the order to its point: accepted, purchased, delivered; then confirms collection once', async () => {
    clock += 10 * 60_000;
    await expectStatus(await staffStep('or_rice_1', 'accept'), 200);
    await expectStatus(await staffStep('or_rice_1', 'purchase', { amountPaid: 45.5, receiptNo: 'NO.20261201' }), 200);
    clock += 30 * 60_000;
    await expectStatus(await staffStep('or_rice_1', 'deliver'), 200);
    const page = await expectStatus(await getPage(token), 200);
    const items = page.items as Record<string, unknown>[];
    // Newest first: the medicine order was placed after the rice.
    expect(items.map((o) => o.id)).toEqual(['or_med_1', 'or_rice_1']);
    expect(items[1]).toEqual({
      id: 'or_rice_1', kind: 'groceries', items: rice.items, urgent: false, status: 'delivered', note: '到了打电话',
      requestedAt: expect.any(String), acceptedAt: expect.any(String), purchasedAt: expect.any(String), deliveredAt: expect.any(String),
      amountPaid: 45.5, dropOffPointName: '1栋单元门存放点',
    });
    // Staff are not named on the household's page.
    expect(JSON.stringify(page)).not.toMatch(/community-cm1|王府社区干部|NO\.2026/);

    const answers: Response[] = [];
    logs += await captureLogs(async () => {
      answers.push(await step(token, 'or_rice_1', 'collect'), await step(token, 'or_rice_1', 'collect'));
    });
    const collected = await expectStatus(answers[0]!, 200);
    expect(collected).toMatchObject({ id: 'or_rice_1', status: 'collected', collectedAt: expect.any(String) });
    expect(await expectStatus(answers[1]!, 200)).toEqual(collected);
    expect((await ordersNamed('or_rice_1'))[0]).toMatchObject({ status: 'collected', collectedBy: 'self' });
  });

  it('withdraws an order nobody has taken', async () => {
    await expectStatus(await order(token, { ...rice, orderId: 'or_rice_2' }), 201);
    expect(await expectStatus(await step(token, 'or_rice_2', 'cancel'), 200)).toMatchObject({ id: 'or_rice_2', status: 'cancelled' });
    await expectProblem(await staffStep('or_rice_2', 'accept'), 409);
  });

  it('answers 404 for another household\'s order, which its page does not list', async () => {
    const neighbour = await linkFor('502', 'b_a2');
    await expectStatus(await order(neighbour, { ...rice, orderId: 'or_n_1' }), 201);
    for (const action of ['collect', 'cancel'] as const) await expectProblem(await step(neighbour, 'or_med_1', action), 404);
    await expectProblem(await step(token, 'or_n_1', 'cancel'), 404);
    await expectProblem(await step(neighbour, 'or_nope', 'collect'), 404);
    const page = await expectStatus(await getPage(neighbour), 200);
    expect((page.items as { id: string }[]).map((o) => o.id)).toEqual(['or_n_1']);
    expect((page.dropOffPoints as { id: string }[])[0]?.id).toBe(points.a2);
    // An orderId of another household's order is refused, not answered with that order.
    await expectProblem(await order(neighbour, rice), 409);
  });
});

describe('refused links', () => {
  it('answers 404 for a revoked link (saying so), a report link and a forged one, for every route', async () => {
    const token = await linkFor('402');
    await expectStatus(await order(token, { ...rice, orderId: 'or_r_1' }), 201);
    await expectStatus(await (await stack.as('grid-g1')).post('/v1/household-links/revoke', { token }), 200);
    expect(await expectStatus(await getPage(token), 404)).toMatchObject({ code: 'link.refused.revoked' });
    expect(await expectStatus(await order(token, { ...rice, orderId: 'or_r_2' }), 404)).toMatchObject({ code: 'link.refused.revoked' });
    expect(await expectStatus(await step(token, 'or_r_1', 'cancel'), 404)).toMatchObject({ code: 'link.refused.revoked' });
    expect(await ordersNamed('or_r_2')).toEqual([]);

    const person = await expectStatus(await (await stack.as('community-cm1')).post('/v1/people', {
      name: '张三丰', phone: '13812345678', idNumber: '420881198001011234', compoundId: 'c_a', buildingId: 'b_a1', room: '402',
      category: 'returnee', reason: '从外地返回',
    }), 201);
    const reportToken = String(person.reportToken);
    tokens.push(reportToken);
    const fresh = await linkFor('402');
    const tampered = fresh.slice(0, -1) + (fresh.endsWith('A') ? 'B' : 'A');
    for (const bad of [reportToken, reportToken.replace(/^R1\.r\./, 'R1.o.'), tampered, 'not-a-token']) {
      expect(await expectStatus(await getPage(bad), 404), bad).toMatchObject({ code: 'link.refused.bad' });
      expect(await expectStatus(await order(bad, { ...rice, orderId: 'or_r_3' }), 404)).toMatchObject({ code: 'link.refused.bad' });
    }
    // The household's orders stay with it: the new link lists what the revoked one placed.
    const page = await expectStatus(await getPage(fresh), 200);
    expect((page.items as { id: string }[]).map((o) => o.id)).toEqual(['or_r_1']);
  });

  it(`answers 429 past ${LINK_CALLS_PER_MINUTE} calls in a minute, and again the next minute`, async () => {
    clock = cn('2026-12-02', '10:00');
    const token = await linkFor('601');
    for (let i = 0; i < LINK_CALLS_PER_MINUTE; i += 1) await expectStatus(await getPage(token), 200);
    const refused = await order(token, { ...rice, orderId: 'or_429' });
    expect(refused.status).toBe(429);
    expect(await ordersNamed('or_429')).toEqual([]);
    clock = cn('2026-12-02', '10:01');
    await expectStatus(await getPage(token), 200);
  });

  it('answers 410 past the link\'s 60 days', async () => {
    clock = cn('2026-12-02', '11:00');
    const token = await linkFor('701');
    clock = cn('2026-12-02', '11:00') + 61 * 86_400_000;
    const answers: Response[] = [];
    logs += await captureLogs(async () => {
      answers.push(await getPage(token), await order(token, { ...rice, orderId: 'or_late' }));
    });
    expect(await expectStatus(answers[0]!, 410)).toMatchObject({ code: 'link.refused.expired' });
    await expectProblem(answers[1]!, 410);
  });
});

describe('the household\'s note and resends', () => {
  it('masks the phone in the note on the link\'s page (whoever holds the door slip reads it)', async () => {
    const token = await linkFor('502');
    await expectStatus(await order(token, { ...rice, orderId: 'or_note_1', note: '到了打 13800001234' }), 201);
    const page = await expectStatus(await getPage(token), 200);
    const note = String((page.items as { note?: string }[])[0]?.note);
    expect(note).not.toContain('13800001234');
    expect(note).toContain('到了打');
  });

  it('answers a resend with the order it placed though the default drop-off point changed since', async () => {
    const token = await linkFor('503');
    const body = { ...rice, orderId: 'or_resend_moved' };
    await expectStatus(await order(token, body), 201);
    // A new point of the building, first by name: the default a new order would get now.
    await expectStatus(await (await stack.as('community-cm1')).post('/v1/compounds/c_a/drop-off-points', { name: '0号存放点', buildingId: 'b_a1' }), 201);
    expect(await expectStatus(await order(token, body), 201)).toEqual({ id: 'or_resend_moved', status: 'requested' });
    expect(await ordersNamed('or_resend_moved')).toHaveLength(1);
  });
});

describe('logs', () => {
  it('never carry a household link token: not the request log, not the handlers\' logs with every switch on', () => {
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    expect(requestLog.some((l) => l.includes('/public/orders/{token}'))).toBe(true);
    expect(logs.length).toBeGreaterThan(0);
    for (const token of tokens) {
      const mac = token.split('.').at(-1)!;
      for (const line of requestLog) expect(line).not.toContain(mac);
      expect(logs).not.toContain(mac);
    }
  });
});

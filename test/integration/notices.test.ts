/**
 * The gate notice (小区公示) on DynamoDB Local: a compound's hotlines set by city staff and
 * community admins within their jurisdiction (403 outside it, 400 naming the field for a phone
 * that is not one, nothing written), the record that the notice was printed or posted (and the
 * scorecard's readers of it), and the public notice — exactly its fields, names and phones as
 * posted at the gate, today's cases, the drop-off points — with no login.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetClock, setClock } from '#functions/platform/clock.ts';
import { noticePostedOn, responsibilityComplete } from '#functions/stores/notice-store.ts';
import type { Hotlines, NoticePosting, NoticePostings, PublicNotice } from '#shared/schemas/notice.ts';
import { fixtureUsers, seedFixtureCity } from '../support/fixture-city.ts';
import { expectProblem } from '../support/problem.ts';
import { leakedKeys } from '../support/public-keys.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { tableFingerprint } from '../support/table-scan.ts';

/** 10:00 in China on 2026-11-23. */
const NOW = '2026-11-23T02:00:00.000Z';
const TODAY = '2026-11-23';

const HOTLINES = [
  { label: '社区办公室', phone: '0724-4221234' },
  { label: '物业', phone: '13912345678' },
  { label: '防疫热线', phone: '12345' },
];
const RESPONSIBILITY = {
  streetLeader: { name: '李街道', phone: '13800000001' },
  communityLeader: { name: '王社区', phone: '13800000002' },
  responsiblePerson: { name: '赵小区', phone: '13800000003' },
};

let stack: TestStack;
const hotlinesPath = (id = 'c_a') => `/v1/compounds/${id}/hotlines`;
const postedPath = (id = 'c_a') => `/v1/compounds/${id}/notice/posted`;
const put = async (username: string, path: string, body: unknown) => (await stack.as(username)).request('PUT', path, { body });

async function readHotlines(username = 'city', id = 'c_a'): Promise<Hotlines> {
  const response = await (await stack.as(username)).get(hotlinesPath(id));
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Hotlines;
}

beforeAll(async () => {
  stack = await startTestStack({ users: fixtureUsers, seed: seedFixtureCity });
}, 60_000);
afterAll(() => stack.stop());
beforeEach(() => setClock(() => new Date(NOW)));
afterEach(() => resetClock());

describe('PUT and GET /v1/compounds/{id}/hotlines', () => {
  it('answers an empty list before any were set', async () => {
    expect(await readHotlines('city', 'c_b')).toEqual({ compoundId: 'c_b', hotlines: [] });
  });

  it('sets the compound\'s hotlines in the order posted, by whom (by name) and when', async () => {
    const response = await put('community-cm1', hotlinesPath(), { hotlines: HOTLINES });
    expect(response.status, await response.clone().text()).toBe(200);
    const expected = { compoundId: 'c_a', hotlines: HOTLINES, updatedAt: NOW, updatedBy: '王府社区干部' };
    expect(await response.json()).toEqual(expected);
    expect(await readHotlines('duty-a')).toEqual(expected);
  });

  it('lets city staff replace them', async () => {
    const response = await put('city', hotlinesPath('c_b'), { hotlines: HOTLINES.slice(0, 1) });
    expect(response.status, await response.clone().text()).toBe(200);
    expect((await readHotlines('community-cm1', 'c_b')).hotlines).toEqual(HOTLINES.slice(0, 1));
  });

  it('refuses callers outside the compound\'s jurisdiction, and roles that may not set them, with 403', async () => {
    await expectProblem(await put('community-cm2', hotlinesPath(), { hotlines: HOTLINES }), 403);
    await expectProblem(await (await stack.as('community-cm2')).get(hotlinesPath()), 403);
    await expectProblem(await put('official-city', hotlinesPath(), { hotlines: HOTLINES }), 403);
    await expectProblem(await put('grid-g1', hotlinesPath(), { hotlines: HOTLINES }), 403);
    await expectProblem(await put('duty-a', hotlinesPath(), { hotlines: HOTLINES }), 403);
    expect((await readHotlines()).hotlines).toEqual(HOTLINES);
  });

  it('answers 404 for an unknown compound', async () => {
    await expectProblem(await put('city', hotlinesPath('c_nope'), { hotlines: HOTLINES }), 404);
  });

  it.each([
    ['a phone that is not one', { hotlines: [HOTLINES[0], { label: '物业', phone: '请拨打物业' }] }, 'body.hotlines.1.phone'],
    ['a phone too short', { hotlines: [{ label: '物业', phone: '12' }] }, 'body.hotlines.0.phone'],
    ['no phone', { hotlines: [{ label: '物业' }] }, 'body.hotlines.0.phone'],
    ['a blank label', { hotlines: [{ label: '  ', phone: '12345' }] }, 'body.hotlines.0.label'],
    ['an unknown field', { hotlines: [{ label: '物业', phone: '12345', name: '张三' }] }, 'body.hotlines.0.name'],
    ['too many lines', { hotlines: Array.from({ length: 9 }, () => HOTLINES[2]) }, 'body.hotlines'],
    ['no list', {}, 'body.hotlines'],
  ])('refuses %s with 400 naming the field and writes nothing', async (_, body, field) => {
    const before = await tableFingerprint();
    const problem = await expectProblem(await put('community-cm1', hotlinesPath(), body), 400);
    expect(problem.errors?.map((e) => e.field)).toContain(field);
    expect(await tableFingerprint()).toBe(before);
  });
});

describe('POST and GET /v1/compounds/{id}/notice/posted', () => {
  it('records who printed or posted the notice today, and the scorecard reads it', async () => {
    expect(await noticePostedOn('c_a', TODAY)).toBeUndefined();
    const printed = await (await stack.as('community-cm1')).post(postedPath(), { how: 'printed' });
    expect(printed.status, await printed.clone().text()).toBe(201);
    const first = (await printed.json()) as NoticePosting;
    expect(first).toEqual({ compoundId: 'c_a', date: TODAY, how: 'printed', at: NOW, by: 'community-cm1', byName: '王府社区干部' });

    setClock(() => new Date('2026-11-23T03:00:00.000Z'));
    const posted = await (await stack.as('city')).post(postedPath(), {});
    expect(posted.status, await posted.clone().text()).toBe(201);
    expect(await posted.json()).toMatchObject({ how: 'posted', by: 'city' });

    const list = (await (await (await stack.as('official-city')).get(postedPath())).json()) as NoticePostings;
    expect(list.date).toBe(TODAY);
    expect(list.items.map((p) => [p.how, p.by])).toEqual([['printed', 'community-cm1'], ['posted', 'city']]);
    expect(await noticePostedOn('c_a', TODAY)).toEqual(first);
    expect(await noticePostedOn('c_a', '2026-11-22')).toBeUndefined();
    const yesterday = (await (await (await stack.as('city')).get(`${postedPath()}?date=2026-11-22`)).json()) as NoticePostings;
    expect(yesterday.items).toEqual([]);
  });

  it('refuses callers outside the jurisdiction and roles that may not record it with 403, writing nothing', async () => {
    const before = await tableFingerprint();
    await expectProblem(await (await stack.as('community-cm2')).post(postedPath(), { how: 'posted' }), 403);
    await expectProblem(await (await stack.as('official-city')).post(postedPath(), { how: 'posted' }), 403);
    await expectProblem(await (await stack.as('duty-a')).post(postedPath(), { how: 'posted' }), 403);
    await expectProblem(await (await stack.as('community-cm2')).get(postedPath()), 403);
    expect(await tableFingerprint()).toBe(before);
  });

  it('refuses an unknown way of posting and a future day with 400 naming the field', async () => {
    const problem = await expectProblem(await (await stack.as('city')).post(postedPath(), { how: 'faxed' }), 400);
    expect(problem.errors?.map((e) => e.field)).toContain('body.how');
    const future = await expectProblem(await (await stack.as('city')).get(`${postedPath()}?date=2026-11-24`), 400);
    expect(future.errors?.map((e) => e.field)).toContain('query.date');
  });
});

describe('the responsibility list\'s completeness (the scorecard\'s reader)', () => {
  it('is complete once every role is posted with a name and a phone', async () => {
    expect(await responsibilityComplete('c_b')).toBe(false);
    const response = await put('community-cm1', '/v1/compounds/c_b/responsibility', RESPONSIBILITY);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await responsibilityComplete('c_b')).toBe(true);
  });
});

describe('GET /public/compounds/{id}/notice', () => {
  it('gives exactly the notice\'s fields: responsibility and hotlines as posted, drop-off points, today\'s cases', async () => {
    expect((await put('community-cm1', '/v1/compounds/c_a/responsibility', RESPONSIBILITY)).status).toBe(200);
    const point = await (await stack.as('community-cm1')).post('/v1/compounds/c_a/drop-off-points', { name: '东门物品存放点', hours: '08:00–20:00', location: { description: '东门外快递架' } });
    expect(point.status, await point.clone().text()).toBe(201);
    const city = await stack.as('city');
    for (const [kind, count] of [['confirmed', 2], ['suspected', 1]] as const) {
      const reported = await city.post('/v1/cases', { compoundId: 'c_a', buildingId: 'b_a1', date: TODAY, kind, count });
      expect(reported.status, await reported.clone().text()).toBe(201);
    }
    // Yesterday's cases are not today's.
    expect((await city.post('/v1/cases', { compoundId: 'c_a', buildingId: 'b_a2', date: '2026-11-22', kind: 'confirmed', count: 5 })).status).toBe(201);

    const response = await stack.anonymous().get('/public/compounds/c_a/notice');
    expect(response.status, await response.clone().text()).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(response.headers.get('etag')).toBeTruthy();
    const text = await response.clone().text();
    const body = (await response.json()) as PublicNotice;
    expect(Object.keys(body).sort()).toEqual(['casesToday', 'compound', 'dropOffPoints', 'hotlines', 'responsibility']);
    expect(body).toEqual({
      compound: { id: 'c_a', name: '阳光花园', status: 'closed' },
      responsibility: [
        { role: 'streetLeader', name: '李街道', phone: '13800000001' },
        { role: 'communityLeader', name: '王社区', phone: '13800000002' },
        { role: 'responsiblePerson', name: '赵小区', phone: '13800000003' },
      ],
      hotlines: HOTLINES,
      dropOffPoints: [{ name: '东门物品存放点', hours: '08:00–20:00', location: { description: '东门外快递架' } }],
      casesToday: { day: TODAY, confirmed: 2, suspected: 1, asymptomatic: 0 },
    });
    // Everything but the posted names and phones keeps to the public allow-list.
    // (under the keys the other public routes give them).
    expect(leakedKeys({ compound: body.compound, items: body.dropOffPoints, todayCounts: body.casesToday })).toEqual([]);
    for (const secret of ['community-cm1', '王府社区干部', 'updatedBy', 'updatedAt', 'createdBy', 'b_a1', 'do_']) expect(text).not.toContain(secret);
  });

  it('answers a compound without a list or hotlines with empty ones', async () => {
    const body = (await (await stack.anonymous().get('/public/compounds/c_c/notice')).json()) as PublicNotice;
    expect(body).toMatchObject({ responsibility: [], hotlines: [], dropOffPoints: [], casesToday: { day: TODAY, confirmed: 0, suspected: 0, asymptomatic: 0 } });
  });

  it('answers 304 to the current ETag and 404 for an unknown compound', async () => {
    const first = await stack.anonymous().get('/public/compounds/c_a/notice');
    const etag = first.headers.get('etag') ?? '';
    const again = await stack.anonymous().request('GET', '/public/compounds/c_a/notice', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    await expectProblem(await stack.anonymous().get('/public/compounds/c_nope/notice'), 404);
  });
});

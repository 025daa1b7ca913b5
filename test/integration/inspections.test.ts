/**
 * The six in place and inspections on DynamoDB Local through the local API, the clock injected:
 * a compound's scorecard flips its notices item with the evidence (responsibility list, notice
 * posted); an official records an inspection within jurisdiction (400 naming the field for a
 * responsible person not on the list, a past deadline, a finding missing; 403 for the community),
 * the community rectifies it once; an open one past its deadline is flagged overdue by the job
 * with one inspection_overdue alert however often the job runs; photo upload URLs are checked
 * (type, size), the local PUT honours what was signed (the S3 presigner: test/unit/files-s3.test.ts);
 * rectifying an overdue one closes its alert; the accountability list names the responsible person
 * with the open findings, and the duty person by name with their missed clock-ins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flagOverdueInspections } from '#functions/jobs/inspections-overdue.ts';
import { expectStatus, startExitStack } from '../support/exit-fixture.ts';
import type { TestStack } from '../support/stack.ts';

const START = Date.parse('2026-11-22T02:00:00.000Z');
let now = START;
const HOUR = 3600_000;

let stack: TestStack;
beforeAll(async () => {
  stack = await startExitStack(() => now);
});
afterAll(() => stack.stop());

const LIST = {
  streetLeader: { name: '李街道', phone: '13800000001' },
  communityLeader: { name: '王社区', phone: '13800000002' },
  responsiblePerson: { name: '张责任', phone: '13800000003' },
};

type Item = { key: string; inPlace: boolean; evidence: string; facts: Record<string, unknown> };
async function scorecard(user = 'official-s1'): Promise<Item[]> {
  const card = await expectStatus(await (await stack.as(user)).get('/v1/compounds/c_a/scorecard'), 200);
  return card.items as Item[];
}
const itemOf = (items: Item[], key: string) => items.find((i) => i.key === key);

const inspection = (extra: Record<string, unknown> = {}) => ({
  compoundId: 'c_a',
  items: [
    { key: 'checkpoint', ok: true },
    { key: 'notices', ok: false, finding: '门口未张贴公示' },
  ],
  responsible: '张责任',
  deadline: new Date(now + 2 * HOUR).toISOString(),
  ...extra,
});

describe('the scorecard', () => {
  it('answers the six items in order, each with its evidence', async () => {
    const items = await scorecard();
    expect(items.map((i) => i.key)).toEqual(['checkpoint', 'duty', 'registration', 'notices', 'screening', 'disinfection']);
    for (const item of items) expect(item.evidence.length).toBeGreaterThan(0);
    // c_a keeps one exit open; its north gate was ordered sealed but nobody confirmed how.
    expect(itemOf(items, 'checkpoint')).toMatchObject({ inPlace: false, facts: { open: 1, allowed: 1, unconfirmedSeals: 1 } });
    expect(itemOf(items, 'checkpoint')?.evidence).toContain('unconfirmed');
    expect(itemOf(items, 'notices')).toMatchObject({ inPlace: false, facts: { posted: false, responsibilityComplete: false } });
    expect(itemOf(items, 'registration')).toMatchObject({ inPlace: false, facts: { entries: 0 } });
  });

  it('flips notices to in place once the responsibility list is complete and the notice posted', async () => {
    const admin = await stack.as('community-cm1');
    await expectStatus(await admin.request('PUT', '/v1/compounds/c_a/responsibility', { body: LIST }), 200);
    expect(itemOf(await scorecard(), 'notices')).toMatchObject({ inPlace: false, facts: { posted: false, responsibilityComplete: true } });
    await expectStatus(await admin.post('/v1/compounds/c_a/notice/posted', { how: 'posted' }), 201);
    expect(itemOf(await scorecard(), 'notices')).toMatchObject({ inPlace: true, facts: { posted: true, responsibilityComplete: true } });
  });

  it('refuses a compound outside the jurisdiction and sums shares by community', async () => {
    expect((await (await stack.as('community-cm3')).get('/v1/compounds/c_a/scorecard')).status).toBe(403);
    const summary = await expectStatus(await (await stack.as('official-s1')).get('/v1/scorecards?communityId=cm1'), 200);
    const total = summary.total as { compounds: number; items: { key: string; inPlace: number; of: number }[] };
    expect(total.compounds).toBeGreaterThan(0);
    expect(total.items.find((i) => i.key === 'notices')).toMatchObject({ inPlace: 1 });
    const street = await expectStatus(await (await stack.as('official-s1')).get('/v1/scorecards'), 200);
    expect((street.total as { level: string }).level).toBe('street');
  });
});

describe('recording an inspection', () => {
  it('answers 400 naming each wrong field and writes nothing', async () => {
    const official = await stack.as('official-s1');
    const res = await official.post('/v1/inspections', inspection({
      responsible: '路人甲',
      deadline: new Date(now - HOUR).toISOString(),
      items: [{ key: 'duty', ok: false }, { key: 'duty', ok: true }],
    }));
    const problem = await expectStatus(res, 400);
    expect((problem.errors as { field: string }[]).map((e) => e.field).sort())
      .toEqual(['body.deadline', 'body.items.0.finding', 'body.items.1.key', 'body.responsible']);
    expect(JSON.stringify(problem)).toContain('张责任');
    const list = await expectStatus(await official.get('/v1/inspections?compoundId=c_a'), 200);
    expect(list.items).toEqual([]);
  });

  it('is for officials and city staff within their jurisdiction', async () => {
    expect((await (await stack.as('community-cm1')).post('/v1/inspections', inspection())).status).toBe(403);
    expect((await (await stack.as('community-cm3')).post('/v1/inspections', inspection({ compoundId: 'c_d' }))).status).toBe(403);
  });

  it('records, lists by status, and is rectified by the community once', async () => {
    const official = await stack.as('official-s1');
    const created = await expectStatus(await official.post('/v1/inspections', inspection()), 201);
    expect(Object.keys(created)).toEqual(['id']);
    const open = (await expectStatus(await official.get('/v1/inspections?compoundId=c_a&status=open'), 200)).items as Record<string, unknown>[];
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ id: created.id, status: 'open', responsible: '张责任', inspectorName: '街道督查', compoundName: '阳光花园' });
    const admin = await stack.as('community-cm1');
    expect((await (await stack.as('official-s1')).post(`/v1/inspections/${String(created.id)}/rectify`, { note: 'x' })).status).toBe(403);
    const rectified = await expectStatus(await admin.post(`/v1/inspections/${String(created.id)}/rectify`, { note: '已张贴公示' }), 200);
    expect(rectified).toMatchObject({ status: 'rectified', rectifiedByName: '王府社区干部', rectifyNote: '已张贴公示' });
    expect((await admin.post(`/v1/inspections/${String(created.id)}/rectify`, { note: '再次' })).status).toBe(409);
    const passed = await expectStatus(await official.post('/v1/inspections', { compoundId: 'c_a', items: [{ key: 'duty', ok: true }] }), 201);
    expect((await admin.post(`/v1/inspections/${String(passed.id)}/rectify`, { note: '无' })).status).toBe(409);
  });

  it('flags an open one overdue after its deadline with one alert, however often the job runs', async () => {
    const official = await stack.as('official-s1');
    const created = await expectStatus(await official.post('/v1/inspections', inspection({ deadline: new Date(now + HOUR).toISOString() })), 201);
    expect(await flagOverdueInspections(new Date(now).toISOString())).toEqual({ due: 0, flagged: 0 });
    now += 2 * HOUR;
    expect(await flagOverdueInspections(new Date(now).toISOString())).toEqual({ due: 1, flagged: 1 });
    expect(await flagOverdueInspections(new Date(now).toISOString())).toEqual({ due: 0, flagged: 0 });
    const overdue = (await expectStatus(await official.get('/v1/inspections?status=overdue'), 200)).items as Record<string, unknown>[];
    expect(overdue.map((i) => i.id)).toEqual([created.id]);
    const alerts = (await expectStatus(await (await stack.as('community-cm1')).get('/v1/alerts?kind=inspection_overdue'), 200)).items as Record<string, unknown>[];
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: 'open', compoundId: 'c_a', details: { inspectionId: created.id, items: ['notices'] } });
    expect(JSON.stringify(alerts[0])).not.toContain('1380000');

    const accountability = await expectStatus(await (await stack.as('community-cm1')).get('/v1/accountability'), 200);
    const person = (accountability.items as Record<string, unknown>[]).find((p) => p.name === '张责任');
    expect(person).toMatchObject({ openFindings: 1, overdueFindings: 1, roles: ['responsiblePerson'] });

    await expectStatus(await (await stack.as('community-cm1')).post(`/v1/inspections/${String(created.id)}/rectify`, { note: '已整改' }), 200);
    // Rectifying closes its overdue alert, by the rectifier, saying so; a rerun of the job raises nothing.
    const closed = (await expectStatus(await (await stack.as('community-cm1')).get('/v1/alerts?kind=inspection_overdue'), 200)).items as Record<string, unknown>[];
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ id: alerts[0]?.id, status: 'closed', closedBy: 'community-cm1', closedAt: new Date(now).toISOString() });
    expect(String(closed[0]?.closeNote)).toContain('王府社区干部');
    expect(String(closed[0]?.closeNote)).toContain('已整改');
    expect(await flagOverdueInspections(new Date(now).toISOString())).toEqual({ due: 0, flagged: 0 });
    expect(((await expectStatus(await (await stack.as('community-cm1')).get('/v1/alerts?kind=inspection_overdue&status=open'), 200)).items as unknown[])).toEqual([]);
    const after = await expectStatus(await (await stack.as('community-cm1')).get('/v1/accountability'), 200);
    expect((after.items as Record<string, unknown>[]).find((p) => p.name === '张责任')).toBeUndefined();
  });
});

describe('the dashboard', () => {
  it('answers a street\'s figures, 14-day trend, alerts by kind and its communities; a community live', async () => {
    const official = await stack.as('official-s1');
    const street = await expectStatus(await official.get('/v1/dashboard'), 200);
    expect(street).toMatchObject({ level: 'street', place: { id: 's1' }, today: { source: 'reports' } });
    expect(street.trend as unknown[]).toHaveLength(14);
    expect((street.alerts as { kind: string; count: number }[]).find((a) => a.kind === 'inspection_overdue')).toMatchObject({ count: 1 });
    expect((street.children as { level: string }[]).every((c) => c.level === 'community')).toBe(true);
    const community = await expectStatus(await official.get('/v1/dashboard?communityId=cm1'), 200);
    expect(community).toMatchObject({ level: 'community', today: { source: 'live' } });
    expect((community.children as { id: string }[]).map((c) => c.id)).toContain('c_a');
    expect((await (await stack.as('community-cm1')).get('/v1/dashboard')).status).toBe(403);
    expect((await official.get('/v1/dashboard?communityId=cm3')).status).toBe(403);
  });
});

describe('photo uploads', () => {
  it('answers 400 naming the field for another type or more than 5 MB', async () => {
    const official = await stack.as('official-s1');
    const gif = await expectStatus(await official.post('/v1/inspections/uploads', { contentType: 'image/gif', size: 100 }), 400);
    expect((gif.errors as { field: string }[]).map((e) => e.field)).toEqual(['body.contentType']);
    const big = await expectStatus(await official.post('/v1/inspections/uploads', { contentType: 'image/jpeg', size: 5 * 1024 * 1024 + 1 }), 400);
    expect((big.errors as { field: string }[]).map((e) => e.field)).toEqual(['body.size']);
    expect((await (await stack.as('community-cm1')).post('/v1/inspections/uploads', { contentType: 'image/jpeg', size: 10 })).status).toBe(403);
  });

  it('takes the PUT the URL was signed for, and only that', async () => {
    const official = await stack.as('official-s1');
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6]);
    const target = await expectStatus(await official.post('/v1/inspections/uploads', { contentType: 'image/jpeg', size: photo.length }), 201);
    expect(String(target.key)).toMatch(/^inspections\/[0-9a-f]{32}\.jpg$/);
    expect(String(target.uploadUrl)).toMatch(/^\/local\/files\/inspections\//);
    const url = `${stack.url}${String(target.uploadUrl)}`;
    const put = (body: Buffer, type: string) => fetch(url, { method: 'PUT', headers: { 'content-type': type }, body: new Uint8Array(body) });
    expect((await put(photo, 'image/png')).status).toBe(403);
    expect((await put(Buffer.concat([photo, photo]), 'image/jpeg')).status).toBe(403);
    expect((await fetch(url.replace(/sig=[0-9a-f]+/, 'sig=00'), { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(photo) })).status).toBe(403);
    expect((await put(photo, 'image/jpeg')).status).toBe(200);
    const created = await expectStatus(await official.post('/v1/inspections', inspection({ photos: [target.key] })), 201);
    const listed = (await expectStatus(await official.get('/v1/inspections?compoundId=c_a'), 200)).items as Record<string, unknown>[];
    expect(listed.find((i) => i.id === created.id)?.photos).toEqual([target.key]);
    expect((await official.post('/v1/inspections', inspection({ photos: ['../../etc/passwd'] }))).status).toBe(400);
  });
});

describe('the accountability list\'s missed clock-ins', () => {
  it('lists a shift nobody clocked in under its duty person, by name, for the last 7 days', async () => {
    const admin = await stack.as('community-cm1');
    const start = new Date(now + HOUR).toISOString();
    await expectStatus(await admin.post('/v1/exits/e_a1/shifts', { person: 'duty-a', start, end: new Date(now + 9 * HOUR).toISOString() }), 201);
    const dutyOf = async () => ((await expectStatus(await admin.get('/v1/accountability'), 200)).items as Record<string, unknown>[]).find((p) => p.name === '值守');
    expect(await dutyOf()).toBeUndefined();
    now += 2 * 24 * HOUR;
    const person = await dutyOf();
    expect(person).toMatchObject({ roles: ['duty'], missedDuties: 1, compounds: [{ id: 'c_a', name: '阳光花园' }] });
    expect(person?.missed).toEqual([{ kind: 'missed_clock_in', compoundId: 'c_a', compoundName: '阳光花园', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);
    expect(JSON.stringify(person)).not.toContain('duty-a');
    now += 8 * 24 * HOUR;
    expect(await dutyOf()).toBeUndefined();
  });
});

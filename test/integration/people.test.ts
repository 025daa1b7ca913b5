/**
 * People under care on DynamoDB Local with the clock injected: enrol → reports in both slots by
 * staff → a resend into the same slot updates it → a fever report raises one alert under retries
 * → tests → release (409 before its conditions hold, 400 forcing without a note); vulnerable
 * residents paired with a cadre and their contacts; masking per role; jurisdiction 403s; 400s
 * naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetClock, setClock } from '#functions/platform/clock.ts';
import { buildingItem } from '#functions/stores/compound-store.ts';
import { batchWrite } from '#functions/platform/table.ts';
import { expectStatus } from '../support/exit-fixture.ts';
import { fixtureUsers, seedFixtureCity } from '../support/fixture-city.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { scanTable } from '../support/table-scan.ts';

/** A China wall-clock time as the UTC instant it is. */
const cn = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00.000+08:00`);
let clock = cn('2026-11-23', '07:00');
const iso = () => new Date(clock).toISOString();

let stack: TestStack;
beforeAll(async () => {
  setClock(() => new Date(clock));
  stack = await startTestStack({
    users: fixtureUsers,
    seed: async () => {
      await seedFixtureCity();
      // c_b is cm1's but no grid's: the grid worker of g1 has no business there.
      await batchWrite([buildingItem({
        id: 'b_b1', compoundId: 'c_b', name: '1栋', gridId: null, units: 1, floors: 6, householdsPerFloor: 2, households: 12,
        location: [112.541, 31.121], geometry: null, updatedAt: '2026-11-01T00:00:00.000Z', updatedBy: 'system:test',
      })]);
    },
  });
});
afterAll(async () => {
  await stack.stop();
  resetClock();
});

const returnee = (extra: Record<string, unknown> = {}) => ({
  name: '张三丰', phone: '13812345678', idNumber: '420881198001011234', compoundId: 'c_a', buildingId: 'b_a1', room: '2单元301',
  category: 'returnee', reason: '11-22 从外地返回', ...extra,
});
const fieldsOf = (problem: Record<string, unknown>) => (problem.errors as { field: string }[]).map((e) => e.field).sort();
const post = async (username: string, path: string, body: unknown) => (await stack.as(username)).post(path, body);
const get = async (username: string, path: string) => (await stack.as(username)).get(path);

interface SlotBody { date: string; slot: string; status: string; temperatureC?: number; by?: string }
interface PersonBody { id: string; name?: string; phone?: string; idLast4?: string; status: string; slots: SlotBody[]; tests: { due: string; result?: string }[]; link?: { revokedAt?: string } }

describe('a returnee from enrolment to release', () => {
  let id = '';

  it('is enrolled with a period of 14 days and a report link, the ID number kept only hashed', async () => {
    const created = await expectStatus(await post('community-cm1', '/v1/people', returnee()), 201);
    expect(created).toMatchObject({ status: 'under_observation' });
    expect(created.reportToken).toMatch(/^R1\.r\.pp_[A-Za-z0-9]+\./);
    id = String(created.id);
    const stored = (await scanTable()).find((i) => i.pk === `PERSON#${id}` && i.sk === 'META')!;
    expect(stored).toMatchObject({ period: { start: '2026-11-23', end: '2026-12-06' }, idLast4: '1234', testsDue: ['2026-11-23', '2026-11-30'] });
    expect(JSON.stringify(stored)).not.toContain('420881198001011234');
  });

  it('takes reports in both slots from staff, and a resend into the same slot updates it, never adds one', async () => {
    const am = await expectStatus(await post('grid-g1', `/v1/people/${id}/reports`, { temperatureC: 36.5, symptoms: [] }), 201);
    expect(am.slot).toMatchObject({ date: '2026-11-23', slot: 'am', status: 'reported_ok', temperatureC: 36.5, by: 'grid-g1' });
    clock = cn('2026-11-23', '07:30');
    const again = await expectStatus(await post('community-cm1', `/v1/people/${id}/reports`, { temperatureC: 36.7, symptoms: [] }), 201);
    expect(again.slot).toMatchObject({ date: '2026-11-23', slot: 'am', temperatureC: 36.7, by: 'community-cm1' });

    clock = cn('2026-11-23', '13:00');
    const between = await expectStatus(await post('grid-g1', `/v1/people/${id}/reports`, { temperatureC: 36.5, symptoms: [] }), 400);
    expect(fieldsOf(between)).toEqual(['body.slot']);
    clock = cn('2026-11-23', '18:00');
    const pm = await expectStatus(await post('grid-g1', `/v1/people/${id}/reports`, { temperatureC: 36.6, symptoms: [] }), 201);
    expect(pm.slot).toMatchObject({ date: '2026-11-23', slot: 'pm', status: 'reported_ok' });

    const slots = (await scanTable()).filter((i) => i.pk === `PERSON#${id}` && String(i.sk).startsWith('SLOT#'));
    expect(slots.map((s) => s.sk).sort()).toEqual(['SLOT#2026-11-23#am', 'SLOT#2026-11-23#pm']);

    const page = (await expectStatus(await get('community-cm1', `/v1/people/${id}`), 200)) as unknown as PersonBody;
    expect(page).toMatchObject({ name: '张三丰', phone: '13812345678', idLast4: '1234' });
    expect(page.slots).toHaveLength(28);
    expect(page.slots.slice(0, 3).map((s) => s.status)).toEqual(['reported_ok', 'reported_ok', 'pending']);
  });

  it('raises one alert for a fever report, however often it is sent', async () => {
    clock = cn('2026-11-24', '07:00');
    const report = { temperatureC: 38.2, symptoms: ['cough'] };
    const answers = await Promise.all([1, 2, 3].map(async () => expectStatus(await post('grid-g1', `/v1/people/${id}/reports`, report), 201)));
    const retried = await expectStatus(await post('grid-g1', `/v1/people/${id}/reports`, report), 201);
    const alertIds = new Set([...answers, retried].map((a) => a.alertId));
    expect(alertIds.size).toBe(1);
    expect(retried.slot).toMatchObject({ status: 'reported_symptoms', date: '2026-11-24', slot: 'am' });
    const alerts = (await scanTable()).filter((i) => i.type === 'alert' && (i.source as { type: string }).type === 'person');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'fever', status: 'open', compoundId: 'c_a', communityId: 'cm1', buildingId: 'b_a1', details: { personId: id, temperatureC: 38.2 } });
    expect(JSON.stringify(alerts[0])).not.toContain('张');
    const listed = (await expectStatus(await get('community-cm1', '/v1/alerts?communityId=cm1'), 200)).items as { id: string }[];
    expect(listed.map((a) => a.id)).toContain([...alertIds][0]);
  });

  it('lists people masked for staff, and without names for officials', async () => {
    const mine = await expectStatus(await get('community-cm1', '/v1/people?compoundId=c_a'), 200);
    const item = (mine.items as Record<string, unknown>[]).find((p) => p.id === id)!;
    expect(item).toMatchObject({ name: '张**', phone: '138****5678', status: 'under_observation', missed: 0 });
    expect((item.today as SlotBody[]).map((s) => s.status)).toEqual(['reported_symptoms', 'pending']);
    const official = await expectStatus(await get('official-s1', '/v1/people?status=under_observation'), 200);
    const seen = (official.items as Record<string, unknown>[]).find((p) => p.id === id)!;
    expect(seen).toMatchObject({ status: 'under_observation', category: 'returnee' });
    expect(seen.name).toBeUndefined();
    expect(seen.phone).toBeUndefined();
    expect(JSON.stringify(official)).not.toContain('张');
    expect(official.counts).toMatchObject({ under_observation: 1 });
  });

  it('is not released before the conditions hold, nor forced without a note; then is, once tests are negative', async () => {
    const early = await expectStatus(await post('community-cm1', `/v1/people/${id}/release`, {}), 409);
    expect(String(early.detail)).toContain('period-not-over');
    expect(fieldsOf(await expectStatus(await post('community-cm1', `/v1/people/${id}/release`, { force: true }), 400))).toEqual(['body.note']);
    await expectStatus(await post('grid-g1', `/v1/people/${id}/release`, {}), 403);

    const first = await expectStatus(await post('grid-g1', `/v1/people/${id}/tests`, { takenAt: iso(), result: 'negative' }), 201);
    expect(first).toMatchObject({ due: '2026-11-23', result: 'negative' });
    clock = cn('2026-12-07', '08:00');
    const missing = await expectStatus(await post('community-cm1', `/v1/people/${id}/release`, {}), 409);
    expect(String(missing.detail)).toContain('tests-missing (2026-11-30)');
    await expectStatus(await post('grid-g1', `/v1/people/${id}/tests`, { due: '2026-11-30', takenAt: new Date(cn('2026-11-30', '09:00')).toISOString() }), 201);
    await expectStatus(await post('grid-g1', `/v1/people/${id}/tests`, { due: '2026-11-30', takenAt: new Date(cn('2026-11-30', '09:00')).toISOString(), result: 'negative' }), 201);

    const released = (await expectStatus(await post('community-cm1', `/v1/people/${id}/release`, {}), 200)) as unknown as PersonBody;
    expect(released).toMatchObject({ status: 'released', releasedBy: 'community-cm1' });
    expect(released.link?.revokedAt).toBeDefined();
    await expectStatus(await post('community-cm1', `/v1/people/${id}/release`, {}), 409);
    await expectStatus(await post('grid-g1', `/v1/people/${id}/reports`, { temperatureC: 36.5, symptoms: [] }), 409);
  });
});

describe('a person\'s details, late reports and the link', () => {
  it('judges a closed slot missed on read, takes a late report for it from staff, and corrects details without logging them', async () => {
    clock = cn('2026-11-25', '10:00');
    const id = String((await expectStatus(await post('grid-g1', '/v1/people', returnee({ category: 'close_contact', startDate: '2026-11-24', idNumber: undefined })), 201)).id);
    const before = (await expectStatus(await get('grid-g1', `/v1/people/${id}`), 200)) as unknown as PersonBody;
    expect(before.slots.slice(0, 4).map((s) => s.status)).toEqual(['missed', 'missed', 'pending', 'pending']);
    const late = await expectStatus(await post('grid-g1', `/v1/people/${id}/reports`, { temperatureC: 36.4, symptoms: [], slot: 'pm', date: '2026-11-24' }), 201);
    expect(late.slot).toMatchObject({ date: '2026-11-24', slot: 'pm', status: 'reported_ok' });
    const toCome = await expectStatus(await post('grid-g1', `/v1/people/${id}/reports`, { temperatureC: 36.4, symptoms: [], slot: 'pm' }), 400);
    expect(fieldsOf(toCome)).toEqual(['body.slot']);

    const patched = (await expectStatus(await (await stack.as('grid-g1')).patch(`/v1/people/${id}`, { room: '3单元502', phone: '13900001111' }), 200)) as unknown as PersonBody & { room: string };
    expect(patched).toMatchObject({ room: '3单元502', phone: '13900001111' });
    const audits = (await scanTable()).filter((i) => i.pk === `AUDIT#PERSON#${id}`);
    expect(audits.map((a) => a.action).sort()).toEqual(['enrol', 'update']);
    expect(JSON.stringify(audits)).not.toContain('13900001111');
    expect(fieldsOf(await expectStatus(await (await stack.as('grid-g1')).patch(`/v1/people/${id}`, {}), 400))).toEqual(['body']);
  });

  it('issues the report link again and revokes it', async () => {
    const id = String((await expectStatus(await post('community-cm1', '/v1/people', returnee({ idNumber: undefined })), 201)).id);
    const again = await expectStatus(await post('grid-g1', `/v1/people/${id}/link`, { action: 'issue' }), 200);
    expect(again.reportToken).toMatch(/^R1\.r\./);
    expect(again.validUntil).toBe('2026-12-08T16:00:00.000Z');
    const revoked = await expectStatus(await post('grid-g1', `/v1/people/${id}/link`, { action: 'revoke' }), 200);
    expect(revoked.revokedAt).toBe(iso());
    expect((await expectStatus(await get('community-cm1', `/v1/people/${id}`), 200)).link).toMatchObject({ revokedAt: iso() });
    expect(JSON.stringify(await scanTable())).not.toContain(String(again.reportToken));
  });
});

describe('vulnerable residents', () => {
  it('are registered paired with a cadre of the directory, without a link, and the cadre logs contacts', async () => {
    clock = cn('2026-11-25', '10:00');
    const created = await expectStatus(await post('community-cm1', '/v1/people', returnee({ category: 'vulnerable', reason: '孤寡老人', pairedWith: 'grid-g1', idNumber: undefined })), 201);
    expect(created).toEqual({ id: created.id, status: 'registered' });
    const contact = await expectStatus(await post('grid-g1', `/v1/people/${String(created.id)}/contacts`, { kind: 'call', outcome: 'ok', note: '身体良好' }), 201);
    expect(contact).toMatchObject({ kind: 'call', outcome: 'ok', by: 'grid-g1', byName: '网格员' });
    const page = await expectStatus(await get('community-cm1', `/v1/people/${String(created.id)}`), 200);
    expect(page).toMatchObject({ pairedWith: 'grid-g1', pairedWithName: '网格员', lastContactAt: iso(), slots: [] });
    await expectStatus(await post('grid-g1', `/v1/people/${String(created.id)}/reports`, { temperatureC: 36.5, symptoms: [] }), 409);
  });

  it('need a cadre of the directory (400 naming pairedWith)', async () => {
    const none = await expectStatus(await post('community-cm1', '/v1/people', returnee({ category: 'vulnerable' })), 400);
    expect(fieldsOf(none)).toEqual(['body.pairedWith']);
    const unknown = await expectStatus(await post('community-cm1', '/v1/people', returnee({ category: 'vulnerable', pairedWith: 'nobody-here' })), 400);
    expect(fieldsOf(unknown)).toEqual(['body.pairedWith']);
  });
});

describe('jurisdiction', () => {
  let inCb = '';
  beforeAll(async () => {
    clock = cn('2026-11-25', '10:00');
    inCb = String((await expectStatus(await post('community-cm1', '/v1/people', returnee({ compoundId: 'c_b', buildingId: 'b_b1' })), 201)).id);
  });

  it('keeps a grid worker to their grid\'s people, and others to their community', async () => {
    await expectStatus(await get('grid-g1', `/v1/people/${inCb}`), 403);
    await expectStatus(await post('grid-g1', `/v1/people/${inCb}/reports`, { temperatureC: 36.5, symptoms: [] }), 403);
    await expectStatus(await post('grid-g1', '/v1/people', returnee({ compoundId: 'c_b', buildingId: 'b_b1' })), 403);
    await expectStatus(await get('community-cm2', `/v1/people/${inCb}`), 403);
    await expectStatus(await post('community-cm2', '/v1/people', returnee()), 403);
    await expectStatus(await get('grid-g1', '/v1/people?compoundId=c_b'), 403);
    const grid = await expectStatus(await get('grid-g1', '/v1/people'), 200);
    expect((grid.items as { compoundId: string }[]).every((p) => p.compoundId === 'c_a')).toBe(true);
    const community = await expectStatus(await get('community-cm1', '/v1/people'), 200);
    expect((community.items as { id: string }[]).map((p) => p.id)).toContain(inCb);
    await expectStatus(await get('community-cm2', '/v1/people?gridId=g1'), 403);
    await expectStatus(await get('grid-g1', '/v1/people?gridId=g2'), 403);
    expect(fieldsOf(await expectStatus(await get('community-cm1', '/v1/people?gridId=g_none'), 400))).toEqual(['query.gridId']);
    const g1 = await expectStatus(await get('community-cm1', '/v1/people?gridId=g1'), 200);
    expect((g1.items as { id: string }[]).map((p) => p.id)).not.toContain(inCb);
    const own = await expectStatus(await get('grid-g1', '/v1/people?communityId=cm1'), 200);
    expect((own.items as { id: string }[]).map((p) => p.id)).not.toContain(inCb);
  });

  it('lets only community and grid staff enrol, and keeps duty staff out', async () => {
    await expectStatus(await post('official-s1', '/v1/people', returnee()), 403);
    await expectStatus(await post('city', '/v1/people', returnee()), 403);
    await expectStatus(await get('duty-a', '/v1/people'), 403);
    await expectStatus(await get('city', `/v1/people/${inCb}`), 200);
  });
});

describe('bad requests', () => {
  it('name the fields', async () => {
    expect(fieldsOf(await expectStatus(await post('community-cm1', '/v1/people', {}), 400)))
      .toEqual(['body.buildingId', 'body.category', 'body.compoundId', 'body.name', 'body.reason']);
    expect(fieldsOf(await expectStatus(await post('community-cm1', '/v1/people', returnee({ buildingId: 'b_none', idNumber: '123' })), 400))).toEqual(['body.idNumber']);
    expect(fieldsOf(await expectStatus(await post('community-cm1', '/v1/people', returnee({ buildingId: 'b_none' })), 400))).toEqual(['body.buildingId']);
    expect(fieldsOf(await expectStatus(await post('community-cm1', '/v1/people', returnee({ startDate: '2026-12-30' })), 400))).toEqual(['body.startDate']);
    const id = String((await expectStatus(await post('community-cm1', '/v1/people', returnee()), 201)).id);
    expect(fieldsOf(await expectStatus(await post('grid-g1', `/v1/people/${id}/reports`, { temperatureC: 50, symptoms: ['sneezing'] }), 400)))
      .toEqual(['body.symptoms.0', 'body.temperatureC']);
    expect(fieldsOf(await expectStatus(await post('grid-g1', `/v1/people/${id}/reports`, { temperatureC: 36.5, symptoms: [], date: '2026-11-25' }), 400))).toEqual(['body.slot']);
    expect(fieldsOf(await expectStatus(await post('grid-g1', `/v1/people/${id}/contacts`, { kind: 'letter', outcome: 'ok' }), 400))).toEqual(['body.kind']);
    await expectStatus(await get('community-cm1', '/v1/people/pp_none'), 404);
  });
});

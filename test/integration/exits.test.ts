import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recheckDue } from '#functions/jobs/recheck-exits.ts';
import { entry, expectStatus, startExitStack } from '../support/exit-fixture.ts';
import type { TestStack } from '../support/stack.ts';
import { scanTable, tableFingerprint } from '../support/table-scan.ts';

const START = Date.parse('2026-11-22T08:00:00.000Z');
let clock = START;
const iso = (minutes = 0) => new Date(clock + minutes * 60_000).toISOString();
const advance = (minutes: number) => {
  clock += minutes * 60_000;
};

let stack: TestStack;

beforeAll(async () => {
  stack = await startExitStack(() => clock);
});
afterAll(() => stack.stop());

interface Unresolved {
  id: string;
  compoundId: string;
  status: string;
  since: string;
  reasons: { code: string; message: string; since: string }[];
  responsible?: { responsiblePerson: { name: string; phone: string } };
}

async function unresolved(username: string, query = ''): Promise<Record<string, string[]>> {
  const res = await (await stack.as(username)).get(`/v1/exits?status=unresolved${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as { items: Unresolved[] };
  return Object.fromEntries(body.items.map((i) => [i.id, i.reasons.map((r) => r.code)]));
}

const rotation = (people: string[], fromMinutes: number, days = 2) => ({
  rotation: { from: iso(fromMinutes), days, shiftHours: 8 as const, people },
});

describe('the unresolved list', () => {
  it('lists every exit that breaks a rule, with its reasons, to a city user', async () => {
    expect(await unresolved('city')).toEqual({
      e_a1: ['no_duty_coverage'],
      e_a2: ['seal_unconfirmed'],
      e_b1: ['no_duty_coverage', 'open_in_lockdown'],
      e_d1: ['no_duty_coverage'],
      e_d2: ['surplus_open_exit', 'no_duty_coverage'],
      e_s1: ['no_duty_coverage'],
      e_s2: ['no_duty_coverage'],
    });
  });

  it('scopes the list to officials\' streets and admins\' communities, and keeps the others out', async () => {
    expect(Object.keys(await unresolved('official-s1')).sort()).toEqual(['e_a1', 'e_a2', 'e_b1', 'e_s1', 'e_s2']);
    expect(Object.keys(await unresolved('community-cm1')).sort()).toEqual(['e_a1', 'e_a2', 'e_b1']);
    expect(Object.keys(await unresolved('city', '&communityId=cm3')).sort()).toEqual(['e_d1', 'e_d2']);
    expect(Object.keys(await unresolved('city', '&bbox=112.605,31.105,112.62,31.12')).sort()).toEqual(['e_d1', 'e_d2']);
    await expectStatus(await (await stack.as('community-cm1')).get('/v1/exits?status=unresolved&communityId=cm3'), 403);
    await expectStatus(await (await stack.as('duty-a')).get('/v1/exits?status=unresolved'), 403);
    const bad = await expectStatus(await (await stack.as('city')).get('/v1/exits?status=open'), 400);
    expect(JSON.stringify(bad.errors)).toContain('query.status');
  });

  it('explains reasons in the caller\'s language', async () => {
    const client = await stack.as('city');
    const zh = (await (await client.request('GET', '/v1/exits?status=unresolved&communityId=cm3', { headers: { 'accept-language': 'zh-CN' } })).json()) as { items: Unresolved[] };
    expect(zh.items.find((i) => i.id === 'e_d2')?.reasons[0]?.message).toContain('最多允许1个');
    const en = (await (await client.get('/v1/exits?status=unresolved&communityId=cm3')).json()) as { items: Unresolved[] };
    expect(en.items.find((i) => i.id === 'e_d2')?.reasons[0]?.message).toContain('where 1 is allowed');
    expect(en.items[0]?.since).toBe(iso());
  });
});

describe('resolving exits', () => {
  it('takes an exit off the list once its sealing is confirmed, and audits the change', async () => {
    const official = await stack.as('official-s1');
    await expectStatus(await official.patch('/v1/exits/e_a2', { status: 'open' }), 403);
    const future = await expectStatus(await official.patch('/v1/exits/e_a2', { sealing: { method: 'iron_sheet', confirmedAt: iso(60) } }), 400);
    expect(JSON.stringify(future.errors)).toContain('body.sealing.confirmedAt');
    const res = await official.patch('/v1/exits/e_a2', { sealing: { method: 'iron_sheet', confirmedAt: iso(-5), photoRef: 'photos/e_a2.jpg' } });
    const body = await expectStatus(res, 200);
    expect(body).toMatchObject({ unresolved: false, reasons: [], sealing: { method: 'iron_sheet', confirmedBy: 'official-s1' } });
    expect((await unresolved('city')).e_a2).toBeUndefined();
    const audit = (await scanTable()).filter((i) => i.pk === 'AUDIT#EXIT#e_a2');
    expect(audit.map((a) => a.action)).toEqual(['update']);
  });

  it('adds shifts from a rotation template, then lists a missed clock-in once the grace runs out, until the clock-in', async () => {
    const admin = await stack.as('community-cm1');
    const made = await expectStatus(await admin.post('/v1/exits/e_a1/shifts', rotation(['duty-a'], -10)), 201);
    expect(made.created).toBe(6);
    const again = await expectStatus(await admin.post('/v1/exits/e_a1/shifts', rotation(['duty-a'], -10)), 201);
    expect(again.created).toBe(0);
    expect((await unresolved('city')).e_a1).toBeUndefined();

    advance(6);
    // Time alone changed the standing: the recheck job judges only the groups due.
    const checked = await recheckDue(iso());
    expect(checked.due).toBeGreaterThanOrEqual(1);
    expect((await unresolved('city')).e_a1).toEqual(['missed_clock_in']);

    const shifts = await expectStatus(await admin.get('/v1/exits/e_a1/shifts'), 200);
    expect((shifts.missedClockIns as { clockIn: string }[]).map((s) => s.clockIn)).toEqual(['missed']);

    const duty = await stack.as('duty-a');
    const clocked = await expectStatus(await duty.post('/v1/exits/e_a1/clock-ins', { position: [112.5141, 31.112] }), 201);
    expect(clocked).toMatchObject({ kind: 'in', clockIn: 'late', exitId: 'e_a1' });
    expect(clocked.distanceM as number).toBeLessThan(20);
    expect((await unresolved('city')).e_a1).toBeUndefined();
    const history = (await scanTable()).filter((i) => i.pk === 'AUDIT#EXIT#e_a1').map((a) => a.action).sort();
    expect(history).toEqual(['clock-in', ...Array(6).fill('shift')]);
  });

  it('lets duty staff clock in and register only at their own exit', async () => {
    const duty = await stack.as('duty-a');
    await expectStatus(await duty.post('/v1/exits/e_d1/clock-ins', { position: [112.611, 31.111] }), 403);
    await expectStatus(await duty.post('/v1/exits/e_a2/clock-ins', { position: [112.611, 31.111] }), 403);
    await expectStatus(await duty.post('/v1/exits/e_d1/entries', entry('x-1')), 403);
    const other = await stack.as('duty-d');
    await expectStatus(await other.post('/v1/exits/e_d1/clock-ins', { position: [112.611, 31.111] }), 409);
  });

  it('lets exactly one of two racing clock-ins land', async () => {
    const admin = await stack.as('community-cm3');
    await expectStatus(await admin.post('/v1/exits/e_d1/shifts', { person: 'duty-d', start: iso(-1), end: iso(479) }), 201);
    const duty = await stack.as('duty-d');
    const results = await Promise.all([0, 1].map(() => duty.post('/v1/exits/e_d1/clock-ins', { position: [112.611, 31.111] })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const shifts = (await scanTable()).filter((i) => i.pk === 'EXIT#e_d1' && (i.sk as string).startsWith('SHIFT#'));
    expect(shifts).toHaveLength(1);
    expect(shifts[0]?.clockInAt).toBe(iso());
    expect((await scanTable()).filter((i) => i.pk === 'AUDIT#EXIT#e_d1' && i.action === 'clock-in')).toHaveLength(1);
  });
});

describe('entries', () => {
  const ID = '420881198001011234';

  it('never stores or returns an ID number in clear, and masks names and phones in lists', async () => {
    const duty = await stack.as('duty-a');
    const res = await duty.post('/v1/exits/e_a1/entries', entry('en-1', { person: { name: '张三丰', phone: '13812345678', idNumber: ID } }));
    const body = await expectStatus(res, 201);
    expect(body.person).toEqual({ name: '张**', phone: '138****5678', idLast4: '1234' });
    const list = await (await (await stack.as('community-cm1')).get('/v1/exits/e_a1/entries')).text();
    expect(list).toContain('张**');
    expect(list).not.toContain('张三丰');
    expect(list).not.toContain(ID);
    const table = JSON.stringify(await scanTable());
    expect(table).not.toContain(ID);
    expect(table).not.toContain(ID.slice(0, 14));
  });

  it('compares a pre-registered commuter by pass', async () => {
    const admin = await stack.as('community-cm1');
    await expectStatus(
      await admin.post('/v1/compounds/c_a/passes', { passId: 'p-001', name: '李四', idNumber: ID, category: 'medical', plate: '鄂H12345', validUntil: iso(60 * 24 * 14) }),
      201,
    );
    const duty = await stack.as('duty-a');
    const same = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-2', { passId: 'p-001', person: { idNumber: ID }, vehicle: { plate: '鄂H 12345' } })), 201);
    expect(same.preRegistered).toEqual({ passFound: true, valid: true, idMatches: true, plateMatches: true });
    const other = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-3', { passId: 'p-001', person: { idNumber: '42088119800101999X' } })), 201);
    expect(other.preRegistered).toMatchObject({ passFound: true, idMatches: false });
    expect(JSON.stringify(await scanTable())).not.toContain(ID);
  });

  it('raises a fever alert for the community at once, with the escort recorded', async () => {
    const duty = await stack.as('duty-a');
    const res = await duty.post('/v1/exits/e_a1/entries', entry('en-fever', { temperatureC: 37.3, outcome: 'refused', refusalReason: '体温异常', escort: { hospital: '钟祥市人民医院', escortedBy: 'duty-a' } }));
    const body = await expectStatus(res, 201);
    expect(body.fever).toBe(true);
    expect(body.alertId).toMatch(/^al_/);
    const alerts = (await (await (await stack.as('community-cm1')).get('/v1/alerts')).json()) as { items: { id: string; kind: string; exitId?: string; details: Record<string, unknown> }[] };
    const alert = alerts.items.find((a) => a.id === body.alertId);
    expect(alert).toMatchObject({ kind: 'fever', exitId: 'e_a1', details: { temperatureC: 37.3, escort: { hospital: '钟祥市人民医院' } } });
    const cold = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-cold', { temperatureC: 37.2 })), 201);
    expect(cold.alertId).toBeUndefined();
  });

  it('answers bad input with 400 naming the field, writing nothing', async () => {
    const duty = await stack.as('duty-a');
    const before = await tableFingerprint();
    const noEscort = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-x', { temperatureC: 38.5 })), 400);
    expect(JSON.stringify(noEscort.errors)).toContain('body.escort');
    const hot = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-y', { temperatureC: 50 })), 400);
    expect(JSON.stringify(hot.errors)).toContain('body.temperatureC');
    const badId = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-z', { person: { idNumber: '12345' } })), 400);
    expect(JSON.stringify(badId.errors)).toContain('body.person.idNumber');
    expect(JSON.stringify(badId)).not.toContain('12345');
    const admin = await stack.as('community-cm1');
    const shift = await expectStatus(await admin.post('/v1/exits/e_a1/shifts', { person: 'duty-a', start: iso(10), end: iso(5) }), 400);
    expect(JSON.stringify(shift.errors)).toContain('body.end');
    expect(await tableFingerprint()).toBe(before);
  });

  it('registers a retried entry once: same answer, one item, one count, one alert', async () => {
    const duty = await stack.as('duty-a');
    const body = entry('en-retry', { temperatureC: 38.1, escort: { hospital: '钟祥市人民医院' }, outcome: 'refused', refusalReason: '发热' });
    const results = await Promise.all(Array.from({ length: 5 }, () => duty.post('/v1/exits/e_a1/entries', body)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const answers = await Promise.all(results.map((r) => r.json() as Promise<{ id: string; at: string; alertId: string }>));
    expect(new Set(answers.map((a) => `${a.id}|${a.at}|${a.alertId}`)).size).toBe(1);
    const items = await scanTable();
    expect(items.filter((i) => i.sk === 'ENTRY#en-retry')).toHaveLength(1);
    expect(items.filter((i) => i.type === 'alert' && i.id === answers[0]?.alertId)).toHaveLength(1);
    const counts = (await (await duty.get('/v1/exits/e_a1/counts')).json()) as { hours: { hour: string; in: number; fever: number; refused: number }[] };
    const hour = counts.hours.find((h) => h.hour === iso().slice(0, 13));
    // en-1, en-2, en-3, en-fever, en-cold and en-retry once.
    expect(hour).toMatchObject({ in: 6, fever: 2, refused: 2 });
  });
});

describe('sealing', () => {
  it('seals and lifts with reason, actor and history; the exits follow', async () => {
    const city = await stack.as('city');
    const sealed = await expectStatus(await city.post('/v1/compounds/c_d/seal', { level: 'lockdown', reason: '确诊病例 1 例' }), 200);
    expect(sealed).toMatchObject({ id: 'c_d', from: 'closed', status: 'lockdown', by: 'city', reason: '确诊病例 1 例' });
    expect((await unresolved('city')).e_d1).toContain('open_in_lockdown');
    await expectStatus(await city.post('/v1/compounds/c_d/seal', { level: 'lockdown', reason: 'again' }), 409);
    await expectStatus(await (await stack.as('community-cm3')).post('/v1/compounds/c_d/lift', { reason: '解除' }), 403);
    await expectStatus(await (await stack.as('community-cm1')).post('/v1/compounds/c_d/seal', { level: 'closed', reason: 'x' }), 403);
    const missing = await expectStatus(await city.post('/v1/compounds/c_d/seal', { level: 'closed' }), 400);
    expect(JSON.stringify(missing.errors)).toContain('body.reason');

    advance(1);
    await expectStatus(await city.post('/v1/compounds/c_d/lift', { reason: '14天无新增' }), 200);
    const after = await unresolved('city');
    expect(after.e_d1).toBeUndefined();
    expect(after.e_d2).toBeUndefined();
    const history = (await (await city.get('/v1/compounds/c_d/history')).json()) as { items: { action: string; actor: string; actorName?: string; changes: Record<string, { to: unknown }> }[] };
    expect(history.items.slice(0, 2).map((h) => [h.action, h.changes.status?.to, h.changes.reason?.to])).toEqual([
      ['lift', 'lifted', '14天无新增'],
      ['seal', 'lockdown', '确诊病例 1 例'],
    ]);
    // The history names the person (the token's name), so a reader never has to decode an account id.
    expect(history.items.slice(0, 2).map((h) => [h.actor, h.actorName])).toEqual([['city', '市指挥部'], ['city', '市指挥部']]);
  });

  it('keeps the responsibility list, phones in full to staff who call them and masked to others', async () => {
    const admin = await stack.as('community-cm1');
    const list = {
      streetLeader: { name: '王街道', phone: '13900000001' },
      communityLeader: { name: '李社区', phone: '13900000002' },
      responsiblePerson: { name: '赵小区', phone: '13900000003' },
    };
    await expectStatus(await admin.request('PUT', '/v1/compounds/c_b/responsibility', { body: list }), 200);
    const official = await expectStatus(await (await stack.as('official-s1')).get('/v1/compounds/c_b/responsibility'), 200);
    expect(official.responsiblePerson).toEqual({ name: '赵小区', phone: '13900000003' });
    const res = await (await stack.as('city')).get('/v1/exits?status=unresolved&communityId=cm1');
    const items = ((await res.json()) as { items: Unresolved[] }).items;
    expect(items.find((i) => i.id === 'e_b1')?.responsible?.responsiblePerson).toEqual({ name: '赵小区', phone: '13900000003' });
    const grid = await expectStatus(await (await stack.as('grid-g1')).get('/v1/exits/e_a1'), 200);
    expect(grid.id).toBe('e_a1');
  });

  it('judges an enclosure\'s exits together: two small compounds behind one fence keep one open exit', async () => {
    const admin = await stack.as('community-cm2');
    // Shifts are only for the compounds' duty staff: the admin adds them to the directory first.
    const dutyX = { username: 'duty-x', name: '值守丙', role: 'duty', jurisdiction: { compoundIds: ['c_s1', 'c_s2'], exitIds: ['e_s1', 'e_s2'] } };
    await expectStatus(await admin.post('/v1/staff', dutyX), 201);
    for (const id of ['e_s1', 'e_s2']) await expectStatus(await admin.post(`/v1/exits/${id}/shifts`, rotation(['duty-x'], -1)), 201);
    const before = await unresolved('city');
    expect([before.e_s1, before.e_s2]).toEqual([undefined, undefined]);
    const made = await expectStatus(await admin.post('/v1/enclosures', { name: '兰台小楼片区', compoundIds: ['c_s1', 'c_s2'] }), 201);
    expect(made).toMatchObject({ compoundIds: ['c_s1', 'c_s2'], areaSource: 'members' });
    const after = await unresolved('city');
    expect([after.e_s1, after.e_s2]).toEqual([undefined, ['surplus_open_exit']]);
    await expectStatus(await admin.post('/v1/enclosures', { name: 'again', compoundIds: ['c_s2', 'c_c'] }), 409);
    // The recheck job judges a member compound with its enclosure, not alone.
    advance(1);
    await recheckDue(iso());
    expect((await unresolved('city')).e_s2).toEqual(['surplus_open_exit']);
  });
});

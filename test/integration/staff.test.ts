/**
 * The staff directory on DynamoDB Local through the local API: lists within the caller's
 * jurisdiction (phones masked for those who need not call), staff created by city staff anywhere
 * and by community admins only within their community, 400s naming the field, a username taken
 * once, a new user signing in at once, and rotas refused for anyone not duty staff of the compound.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, startExitStack } from '../support/exit-fixture.ts';
import type { TestStack } from '../support/stack.ts';

const START = Date.parse('2026-11-22T08:00:00.000Z');
const iso = (minutes = 0) => new Date(START + minutes * 60_000).toISOString();

let stack: TestStack;
beforeAll(async () => {
  stack = await startExitStack(() => START);
});
afterAll(() => stack.stop());

interface Listed {
  username: string;
  name: string;
  role: string;
  jurisdiction: Record<string, unknown>;
  phone?: string;
}

async function list(username: string, query = ''): Promise<Listed[]> {
  const body = await expectStatus(await (await stack.as(username)).get(`/v1/staff${query}`), 200);
  return body.items as Listed[];
}
const names = (items: Listed[]) => items.map((i) => i.username).sort();
const fieldsOf = (problem: Record<string, unknown>) => (problem.errors as { field: string }[]).map((e) => e.field);

describe('the directory', () => {
  it('holds every user the sign-in knows, each caller seeing their jurisdiction\'s people', async () => {
    expect(names(await list('city'))).toEqual([
      'city', 'community-cm1', 'community-cm2', 'community-cm3', 'disinfection-c', 'duty-a', 'duty-d', 'grid-g1', 'official-city', 'official-s1',
    ]);
    // cm1's admin sees cm1's people: the admin, the grid worker, the duty staff of c_a — never cm2's or cm3's.
    expect(names(await list('community-cm1'))).toEqual(['community-cm1', 'duty-a', 'grid-g1']);
    // disinfection-c works at c_c (cm2, s1) and c_d (cm3, s2): both streets' officials see them.
    expect(names(await list('official-s1'))).toEqual(['community-cm1', 'community-cm2', 'disinfection-c', 'duty-a', 'grid-g1', 'official-s1']);
    expect(names(await list('duty-d'))).toEqual(['disinfection-c', 'duty-d']);
  });

  it('filters by role, community and part of a name, and refuses a community outside', async () => {
    expect(names(await list('city', '?role=duty'))).toEqual(['duty-a', 'duty-d']);
    expect(names(await list('city', '?communityId=cm3'))).toEqual(['community-cm3', 'disinfection-c', 'duty-d']);
    expect(names(await list('city', `?q=${encodeURIComponent('值守')}`))).toEqual(['duty-a', 'duty-d']);
    await expectStatus(await (await stack.as('community-cm1')).get('/v1/staff?communityId=cm3'), 403);
    const bad = await expectStatus(await (await stack.as('city')).get('/v1/staff?role=mayor'), 400);
    expect(fieldsOf(bad)).toContain('query.role');
  });
});

describe('adding staff', () => {
  it('lets city staff add duty staff anywhere: listed where they work, signing in at once', async () => {
    const city = await stack.as('city');
    const created = await expectStatus(await city.post('/v1/staff', {
      username: 'duty-d2', name: '值守丙', role: 'duty', phone: '13812345678', jurisdiction: { compoundIds: ['c_d'], exitIds: ['e_d2'] },
    }), 201);
    expect(created).toEqual({ username: 'duty-d2', name: '值守丙', role: 'duty', phone: '13812345678', jurisdiction: { compoundIds: ['c_d'], exitIds: ['e_d2'] } });
    expect(names(await list('community-cm3'))).toContain('duty-d2');
    expect(names(await list('community-cm1'))).not.toContain('duty-d2');
    // Those who call staff see the phone; other duty staff see it masked.
    expect((await list('community-cm3', '?q=duty-d2'))[0]?.phone).toBe('13812345678');
    expect((await list('duty-d', '?q=duty-d2'))[0]?.phone).toBe('138****5678');
    // The local sign-in knows the new user: their token reaches their own exit's shifts.
    await expectStatus(await (await stack.as('duty-d2')).get('/v1/exits/e_d2/shifts'), 200);
    await expectStatus(await (await stack.as('duty-d2')).get('/v1/exits/e_d1/shifts'), 403);
  });

  it('completes a grid worker\'s community and street from the grid', async () => {
    const created = await expectStatus(await (await stack.as('community-cm1')).post('/v1/staff', {
      username: 'grid-g1-2', name: '网格员乙', role: 'grid', jurisdiction: { gridId: 'g1' },
    }), 201);
    expect(created.jurisdiction).toEqual({ streetId: 's1', communityId: 'cm1', gridId: 'g1' });
    // A grid worker sees their grid's people: its workers and the duty staff of its compound c_a.
    expect(names(await list('grid-g1'))).toEqual(['duty-a', 'grid-g1', 'grid-g1-2']);
  });

  it('lets a community admin add volunteers (志愿者) for their own community only, and city staff anywhere', async () => {
    const admin = await stack.as('community-cm1');
    const created = await expectStatus(await admin.post('/v1/staff', {
      username: 'volunteer-cm1-1', name: '志愿者甲', role: 'volunteer', jurisdiction: { streetId: 's1', communityId: 'cm1' },
    }), 201);
    expect(created).toMatchObject({ role: 'volunteer', jurisdiction: { streetId: 's1', communityId: 'cm1' } });
    await expectStatus(await admin.post('/v1/staff', { username: 'volunteer-cm3-x', name: '外人', role: 'volunteer', jurisdiction: { communityId: 'cm3' } }), 403);
    expect(fieldsOf(await expectStatus(await admin.post('/v1/staff', { username: 'volunteer-g1', name: '某人', role: 'volunteer', jurisdiction: { gridId: 'g1' } }), 400)))
      .toEqual(['body.jurisdiction.communityId', 'body.jurisdiction.gridId']);
    await expectStatus(await (await stack.as('city')).post('/v1/staff', { username: 'volunteer-cm3-1', name: '志愿者乙', role: 'volunteer', jurisdiction: { communityId: 'cm3' } }), 201);
    // Each admin finds their own community's volunteers; the volunteer signs in at once and sees their community's people.
    expect(names(await list('community-cm1', '?role=volunteer'))).toEqual(['volunteer-cm1-1']);
    expect(names(await list('community-cm3', '?role=volunteer'))).toEqual(['volunteer-cm3-1']);
    expect(names(await list('volunteer-cm1-1'))).toEqual(expect.arrayContaining(['community-cm1', 'volunteer-cm1-1']));
    expect(names(await list('volunteer-cm1-1'))).not.toContain('volunteer-cm3-1');
  });

  it('keeps community admins to their own community and their own kind of staff (403), writing nothing', async () => {
    const admin = await stack.as('community-cm1');
    const before = names(await list('city'));
    await expectStatus(await admin.post('/v1/staff', { username: 'duty-x', name: '外人', role: 'duty', jurisdiction: { compoundIds: ['c_d'], exitIds: ['e_d1'] } }), 403);
    await expectStatus(await admin.post('/v1/staff', { username: 'community-x', name: '外人', role: 'community', jurisdiction: { communityId: 'cm3' } }), 403);
    await expectStatus(await admin.post('/v1/staff', { username: 'city-x', name: '外人', role: 'city' }), 403);
    await expectStatus(await admin.post('/v1/staff', { username: 'official-x', name: '外人', role: 'official', jurisdiction: { communityId: 'cm1' } }), 403);
    await expectStatus(await (await stack.as('official-s1')).post('/v1/staff', { username: 'grid-x', name: '外人', role: 'grid', jurisdiction: { gridId: 'g1' } }), 403);
    await expectStatus(await (await stack.as('duty-a')).post('/v1/staff', { username: 'duty-y', name: '外人', role: 'duty', jurisdiction: { compoundIds: ['c_a'], exitIds: ['e_a1'] } }), 403);
    expect(names(await list('city'))).toEqual(before);
    await expect(stack.as('duty-x')).rejects.toThrow('no demo user');
  });

  it('answers 400 naming the field for a jurisdiction that does not fit the role or the registry', async () => {
    const city = await stack.as('city');
    const refused = async (body: Record<string, unknown>) =>
      fieldsOf(await expectStatus(await city.post('/v1/staff', { username: 'someone', name: '某人', ...body }), 400));
    expect(await refused({ role: 'duty', jurisdiction: { compoundIds: ['c_a'] } })).toEqual(['body.jurisdiction.exitIds']);
    expect(await refused({ role: 'duty', jurisdiction: { compoundIds: ['c_a'], exitIds: ['e_d1'] } })).toEqual(['body.jurisdiction.exitIds']);
    expect(await refused({ role: 'duty', jurisdiction: { compoundIds: ['c_nowhere'], exitIds: ['e_a1'] } })).toEqual(['body.jurisdiction.compoundIds']);
    expect(await refused({ role: 'grid', jurisdiction: { gridId: 'g_nowhere' } })).toEqual(['body.jurisdiction.gridId']);
    expect(await refused({ role: 'grid', jurisdiction: { gridId: 'g1', communityId: 'cm3' } })).toEqual(['body.jurisdiction.communityId']);
    expect(await refused({ role: 'community', jurisdiction: { communityId: 'cm_nowhere' } })).toEqual(['body.jurisdiction.communityId']);
    expect(await refused({ role: 'city', jurisdiction: { gridId: 'g1' } })).toEqual(['body.jurisdiction.gridId']);
    expect(await refused({ role: 'community', jurisdiction: {} })).toEqual(['body.jurisdiction.communityId']);
    expect(await refused({ role: 'grid', jurisdiction: { gridId: 'g1' }, phone: 'call me' })).toEqual(['body.phone']);
    expect(fieldsOf(await expectStatus(await city.post('/v1/staff', { username: 'Has Space', name: '某人', role: 'city' }), 400))).toEqual(['body.username']);
    expect(fieldsOf(await expectStatus(await city.post('/v1/staff', { username: 'someone', role: 'city' }), 400))).toEqual(['body.name']);
    await expect(stack.as('someone')).rejects.toThrow('no demo user');
  });

  it('takes a username once (409), the local users\' included; the same person sent twice is one entry', async () => {
    const city = await stack.as('city');
    await expectStatus(await city.post('/v1/staff', { username: 'duty-a', name: '冒名', role: 'duty', jurisdiction: { compoundIds: ['c_a'], exitIds: ['e_a1'] } }), 409);
    // A request sent twice (a retry, or two at once) is a repeat, not a clash: both answer as the first did.
    const twice = { username: 'city-3', name: '指挥部丙', role: 'city' };
    const [a, b] = await Promise.all([city.post('/v1/staff', twice), city.post('/v1/staff', twice)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await list('city', '?q=city-3')).map((s) => s.name)).toEqual(['指挥部丙']);
    // Someone else under that username, sent at the same time as it, is refused.
    const [c, d] = await Promise.all([
      city.post('/v1/staff', { username: 'city-4', name: '指挥部丁', role: 'city' }),
      city.post('/v1/staff', { username: 'city-4', name: '另一人', role: 'city' }),
    ]);
    expect([c.status, d.status].sort()).toEqual([201, 409]);
    expect(await list('city', '?q=city-4')).toHaveLength(1);
  });
});

describe('the rota', () => {
  it('refuses a shift for anyone not duty staff of the exit\'s compound, naming the person', async () => {
    const city = await stack.as('city');
    for (const person of ['duty-d', 'grid-g1', 'nobody']) {
      const bad = await expectStatus(await city.post('/v1/exits/e_a1/shifts', { person, start: iso(60), end: iso(540) }), 400);
      expect(fieldsOf(bad), person).toEqual(['body.person']);
    }
    const rotation = { rotation: { from: iso(60), days: 1, shiftHours: 8, people: ['duty-a', 'duty-d'] } };
    expect(fieldsOf(await expectStatus(await city.post('/v1/exits/e_a1/shifts', rotation), 400))).toEqual(['body.rotation.people.1']);
    const shifts = await expectStatus(await city.get(`/v1/exits/e_a1/shifts?from=${iso(-60)}&to=${iso(2000)}`), 200);
    expect(shifts.items).toEqual([]);
  });

  it('takes duty staff of the compound, those added through the directory included', async () => {
    const city = await stack.as('city');
    await expectStatus(await city.post('/v1/staff', { username: 'duty-a2', name: '值守丁', role: 'duty', jurisdiction: { compoundIds: ['c_a'], exitIds: ['e_a1'] } }), 201);
    const made = await expectStatus(await city.post('/v1/exits/e_a1/shifts', { rotation: { from: iso(60), days: 1, shiftHours: 12, people: ['duty-a', 'duty-a2'] } }), 201);
    expect(made.created).toBe(2);
  });
});

describe('opting out of notices by SMS and e-mail', () => {
  const setNotify = async (as: string, username: string, body: unknown) =>
    (await stack.as(as)).request('PUT', `/v1/staff/${username}/notify`, { body });
  const notifyOf = async (username: string) => (await list('city')).find((s) => s.username === username) as Listed & { notify?: boolean };

  it('lets a person opt themselves out and back in, recorded in the directory', async () => {
    expect((await notifyOf('grid-g1'))?.notify).toBeUndefined();
    expect(await expectStatus(await setNotify('grid-g1', 'grid-g1', { notify: false }), 200)).toMatchObject({ username: 'grid-g1', notify: false });
    expect((await notifyOf('grid-g1'))?.notify).toBe(false);
    await expectStatus(await setNotify('grid-g1', 'grid-g1', { notify: true }), 200);
    expect((await notifyOf('grid-g1'))?.notify).toBe(true);
  });

  it('lets city staff and the community\'s admin set it for others, no one else', async () => {
    await expectStatus(await setNotify('community-cm1', 'duty-a', { notify: false }), 200);
    await expectStatus(await setNotify('city', 'duty-d', { notify: false }), 200);
    // cm1's admin cannot reach cm2's admin; a grid worker cannot set a colleague's; an official neither.
    await expectStatus(await setNotify('community-cm1', 'community-cm2', { notify: false }), 403);
    await expectStatus(await setNotify('grid-g1', 'duty-a', { notify: true }), 403);
    await expectStatus(await setNotify('official-s1', 'grid-g1', { notify: false }), 403);
    expect((await notifyOf('community-cm2'))?.notify).toBeUndefined();
    expect((await notifyOf('duty-a'))?.notify).toBe(false);
  });

  it('answers 404 for someone not in the directory and 400 naming the field, writing nothing', async () => {
    await expectStatus(await setNotify('city', 'nobody-here', { notify: false }), 404);
    const bad = await expectStatus(await setNotify('city', 'duty-d', { notify: 'no' }), 400);
    expect(fieldsOf(bad)).toEqual(['body.notify']);
    expect((await notifyOf('duty-d'))?.notify).toBe(false);
  });
});

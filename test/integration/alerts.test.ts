import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAlert } from '#shared/domain/alerts.ts';
import type { Alert } from '#shared/schemas/alert.ts';
import { alertOps } from '#functions/stores/alert-store.ts';
import { transactWrite } from '#functions/platform/table.ts';
import { fixtureUsers, seedFixtureCity } from '../support/fixture-city.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { tableFingerprint } from '../support/table-scan.ts';

let stack: TestStack;
const duty = { username: 'duty-a', role: 'duty' as const };

/** Alerts are raised by the writers of visits and entries; here the same ops go in directly. */
async function raise(id: string, place: { compoundId: string; communityId: string | null; streetId: string | null }, at: string): Promise<Alert> {
  const alert = newAlert({
    kind: id.startsWith('v') ? 'symptoms' : 'fever', source: { type: id.startsWith('v') ? 'visit' : 'entry', id },
    ...place, raisedAt: at, raisedBy: duty.username, details: { temperature: 38.1 },
  });
  await transactWrite(alertOps(alert, duty));
  return alert;
}

interface Page { items: Alert[]; nextToken?: string }

async function list(username: string, query = ''): Promise<Page> {
  const res = await (await stack.as(username)).get(`/v1/alerts${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page;
}

let inCm1: Alert;
let older: Alert;
let inCm2: Alert;
let onS2: Alert;

beforeAll(async () => {
  stack = await startTestStack({ users: fixtureUsers, seed: seedFixtureCity });
  older = await raise('en_old', { compoundId: 'c_a', communityId: 'cm1', streetId: 's1' }, '2026-11-22T07:00:00.000Z');
  inCm1 = await raise('en_new', { compoundId: 'c_a', communityId: 'cm1', streetId: 's1' }, '2026-11-22T08:00:00.000Z');
  inCm2 = await raise('v_1', { compoundId: 'c_c', communityId: 'cm2', streetId: 's1' }, '2026-11-22T08:30:00.000Z');
  onS2 = await raise('en_d', { compoundId: 'c_d', communityId: 'cm3', streetId: 's2' }, '2026-11-22T09:00:00.000Z');
});
afterAll(() => stack.stop());

describe('GET /v1/alerts', () => {
  it('gives each caller the alerts of their jurisdiction, the most urgent kind first, then newest', async () => {
    expect((await list('community-cm1')).items.map((a) => a.id)).toEqual([inCm1.id, older.id]);
    // Fevers (15 minutes to acknowledge, most urgent) before the newer symptoms alert.
    expect((await list('official-s1')).items.map((a) => a.id)).toEqual([inCm1.id, older.id, inCm2.id]);
    expect((await list('city')).items.map((a) => a.id).sort()).toEqual([inCm1.id, older.id, inCm2.id, onS2.id].sort());
  });

  it('filters by community, kind and status, and pages', async () => {
    expect((await list('city', '?communityId=cm2')).items.map((a) => a.id)).toEqual([inCm2.id]);
    expect((await list('official-s1', '?kind=symptoms')).items.map((a) => a.id)).toEqual([inCm2.id]);
    const first = await list('community-cm1', '?limit=1');
    expect(first.items.map((a) => a.id)).toEqual([inCm1.id]);
    const second = await list('community-cm1', `?limit=1&nextToken=${encodeURIComponent(first.nextToken ?? '')}`);
    expect(second.items.map((a) => a.id)).toEqual([older.id]);
  });

  it('keeps other communities and the roles without alerts out', async () => {
    const res = await (await stack.as('community-cm1')).get('/v1/alerts?communityId=cm2');
    expect(res.status).toBe(403);
    // A grid worker lists only their grid's alerts (missed reports of their people): none of these.
    expect((await list('grid-g1')).items).toEqual([]);
    for (const username of ['duty-a', 'disinfection-c']) {
      expect((await (await stack.as(username)).get('/v1/alerts')).status, username).toBe(403);
    }
    const bad = await (await stack.as('city')).get('/v1/alerts?status=maybe');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('query.status');
  });

  it('cannot raise the same alert twice', async () => {
    await expect(transactWrite(alertOps(inCm1, duty))).rejects.toThrow();
    expect((await list('community-cm1')).items).toHaveLength(2);
  });
});

describe('POST /v1/alerts/{id}/close', () => {
  it('closes once, moves the alert behind the open ones and records who and why', async () => {
    const client = await stack.as('community-cm1');
    const res = await client.post(`/v1/alerts/${older.id}/close`, { note: '已转运定点医院' });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'closed', closedBy: 'community-cm1', closeNote: '已转运定点医院' });
    expect((await list('community-cm1', '?status=open')).items.map((a) => a.id)).toEqual([inCm1.id]);
    expect((await list('community-cm1', '?status=closed')).items.map((a) => a.id)).toEqual([older.id]);
    expect((await client.post(`/v1/alerts/${older.id}/close`, { note: 'again' })).status).toBe(409);
  });

  it('refuses other communities, unknown alerts and a missing note without writing', async () => {
    const before = await tableFingerprint();
    expect((await (await stack.as('community-cm2')).post(`/v1/alerts/${inCm1.id}/close`, { note: 'x' })).status).toBe(403);
    expect((await (await stack.as('city')).post('/v1/alerts/al_nope/close', { note: 'x' })).status).toBe(404);
    const bad = await (await stack.as('city')).post(`/v1/alerts/${inCm1.id}/close`, { note: '  ' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('body.note');
    expect(await tableFingerprint()).toBe(before);
  });

  it('lets exactly one of two racing closes win', async () => {
    const [a, b] = await Promise.all([
      (await stack.as('community-cm1')).post(`/v1/alerts/${inCm1.id}/close`, { note: 'a' }),
      (await stack.as('official-s1')).post(`/v1/alerts/${inCm1.id}/close`, { note: 'b' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });
});

/**
 * Case reports on DynamoDB Local through the API: counts per building and China day, idempotent
 * by caseId, a confirmed case suggesting lockdown once (never sealing by itself), bad input 4xx
 * naming the field and writing nothing, jurisdiction on every read and write.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { casesOfCompound } from '#functions/stores/case-store.ts';
import { resetClock, setClock } from '#functions/platform/clock.ts';
import type { Alert } from '#shared/schemas/alert.ts';
import type { CaseReport } from '#shared/schemas/case.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { scanTable, tableFingerprint } from '../support/table-scan.ts';
import { MORNING, roundUsers, seedRoundCity } from './disinfection-support.ts';
import { json } from './sweep-support.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ users: roundUsers, seed: seedRoundCity });
});
afterAll(() => stack.stop());
beforeEach(() => setClock(() => new Date(MORNING)));
afterEach(() => resetClock());

const report = (over: Record<string, unknown> = {}) => ({ compoundId: 'c_a', buildingId: 'b_a1', date: '2026-11-22', kind: 'suspected', count: 2, ...over });
const lockdownAlerts = async (compoundId: string) =>
  (await scanTable()).filter((i) => i.type === 'alert' && i.kind === 'lockdown_suggested' && i.compoundId === compoundId);

describe('reporting cases', () => {
  it('a confirmed case suggests lockdown once, with the one action, and seals nothing', async () => {
    const city = await stack.as('city');
    const first = await city.post('/v1/cases', report({ caseId: 'k1', kind: 'confirmed', count: 1 }));
    expect(first.status, await first.clone().text()).toBe(201);
    const stored = await json<CaseReport>(first);
    expect(stored).toMatchObject({ id: 'k1', compoundId: 'c_a', buildingId: 'b_a1', kind: 'confirmed', count: 1, reportedBy: 'city' });
    expect(stored.alertId).toBeDefined();

    const alerts = await json<{ items: Alert[] }>(await (await stack.as('community-cm1')).get('/v1/alerts?kind=lockdown_suggested'));
    expect(alerts.items.map((a) => a.id)).toEqual([stored.alertId]);
    expect(alerts.items[0]?.action).toMatchObject({ operationId: 'sealCompound', path: '/v1/compounds/c_a/seal', body: { level: 'lockdown' } });
    // A suggestion only: the compound stays closed.
    expect((await scanTable()).find((i) => i.pk === 'COMPOUND#c_a' && i.sk === 'META')?.status).toBe('closed');

    // While it is open, another confirmed case of the compound raises none.
    const second = await json<CaseReport>(await city.post('/v1/cases', report({ caseId: 'k2', kind: 'confirmed', buildingId: 'b_a2' })));
    expect(second.alertId).toBeUndefined();
    expect(await lockdownAlerts('c_a')).toHaveLength(1);

    // Closed, the next confirmed case suggests it again.
    const admin = await stack.as('community-cm1');
    expect((await admin.post(`/v1/alerts/${stored.alertId}/close`, { note: '已研判，暂不封控' })).status).toBe(200);
    const third = await json<CaseReport>(await city.post('/v1/cases', report({ caseId: 'k3', kind: 'confirmed' })));
    expect(third.alertId).toBeDefined();
    expect(third.alertId).not.toBe(stored.alertId);
    expect(await lockdownAlerts('c_a')).toHaveLength(2);
  });

  it('racing confirmed reports of one compound raise one suggestion', async () => {
    const city = await stack.as('city');
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) =>
      city.post('/v1/cases', report({ caseId: `race${i}`, compoundId: 'c_np', buildingId: 'b_np1', kind: 'confirmed', count: 1 }))));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    const raised = (await Promise.all(answers.map((a) => json<CaseReport>(a)))).filter((r) => r.alertId);
    expect(raised).toHaveLength(1);
    expect(await lockdownAlerts('c_np')).toHaveLength(1);
  });

  it('no suggestion for a compound in lockdown already, nor for suspected or asymptomatic cases', async () => {
    const city = await stack.as('city');
    await batchBuilding();
    const inLockdown = await json<CaseReport>(await city.post('/v1/cases', report({ compoundId: 'c_b', buildingId: 'b_b1', kind: 'confirmed' })));
    expect(inLockdown.alertId).toBeUndefined();
    const suspected = await json<CaseReport>(await city.post('/v1/cases', report({ compoundId: 'c_d', buildingId: 'b_d1', kind: 'suspected' })));
    expect(suspected.alertId).toBeUndefined();
    expect(await lockdownAlerts('c_b')).toHaveLength(0);
    expect(await lockdownAlerts('c_d')).toHaveLength(0);
  });

  it('the same caseId and body answers the stored report; another body is 409', async () => {
    const admin = await stack.as('community-cm1');
    const body = report({ caseId: 'idem1', buildingId: 'b_a2', kind: 'asymptomatic', count: 3 });
    const first = await json<CaseReport>(await admin.post('/v1/cases', body));
    const before = await tableFingerprint();
    const again = await admin.post('/v1/cases', body);
    expect(again.status).toBe(201);
    expect(await json<CaseReport>(again)).toEqual(first);
    const other = await admin.post('/v1/cases', { ...body, count: 4 });
    expect(other.status).toBe(409);
    expect(await tableFingerprint()).toBe(before);
    // Racing duplicates of a new id: one report.
    const racing = await Promise.all(Array.from({ length: 5 }, () => admin.post('/v1/cases', { ...body, caseId: 'idem2' })));
    expect(racing.map((r) => r.status)).toEqual(Array(5).fill(201));
    expect((await scanTable()).filter((i) => i.type === 'case' && i.id === 'idem2')).toHaveLength(1);
  });

  it('bad input is 400 naming the field; unknown building 404; outside jurisdiction 403; wrong role 403 — nothing written', async () => {
    const city = await stack.as('city');
    const before = await tableFingerprint();
    const field = async (body: unknown) => {
      const response = await city.post('/v1/cases', body);
      expect(response.status).toBe(400);
      return ((await response.json()) as { errors: { field: string }[] }).errors.map((e) => e.field);
    };
    expect(await field(report({ date: '2026-11-24' }))).toEqual(['body.date']);
    expect(await field(report({ count: 0 }))).toEqual(['body.count']);
    expect(await field(report({ kind: 'recovered' }))).toEqual(['body.kind']);
    expect(await field(report({ date: '23/11/2026' }))).toEqual(['body.date']);
    expect(await field({ ...report(), name: '张三' })).toEqual(['body.name']);
    expect((await city.post('/v1/cases', report({ buildingId: 'b_nope' }))).status).toBe(404);
    expect((await city.post('/v1/cases', report({ compoundId: 'c_nope' }))).status).toBe(404);
    expect((await (await stack.as('community-cm2')).post('/v1/cases', report())).status).toBe(403);
    expect((await (await stack.as('grid-g1')).post('/v1/cases', report())).status).toBe(403);
    expect((await (await stack.as('official-city')).post('/v1/cases', report())).status).toBe(403);
    expect(await tableFingerprint()).toBe(before);
  });
});

describe('reading cases', () => {
  it('sums a compound\'s reports per China day over its buildings, every day of the range', async () => {
    const city = await stack.as('city');
    await city.post('/v1/cases', report({ compoundId: 'c_d', buildingId: 'b_d1', date: '2026-11-20', kind: 'confirmed', count: 2, caseId: 'd1' }));
    await city.post('/v1/cases', report({ compoundId: 'c_d', buildingId: 'b_d2', date: '2026-11-20', kind: 'confirmed', count: 1, caseId: 'd2' }));
    await city.post('/v1/cases', report({ compoundId: 'c_d', buildingId: 'b_d2', date: '2026-11-21', kind: 'asymptomatic', count: 4, caseId: 'd3' }));
    const days = await casesOfCompound('c_d', '2026-11-19', '2026-11-21');
    expect(days).toEqual([
      { day: '2026-11-19', confirmed: 0, suspected: 0, asymptomatic: 0 },
      { day: '2026-11-20', confirmed: 3, suspected: 0, asymptomatic: 0 },
      { day: '2026-11-21', confirmed: 0, suspected: 0, asymptomatic: 4 },
    ]);
    const response = await (await stack.as('community-cm1')).get('/v1/compounds/c_a/cases');
    expect(response.status).toBe(200);
    const body = await json<{ from: string; to: string; days: unknown[]; reports: CaseReport[] }>(response);
    expect([body.from, body.to, body.days.length]).toEqual(['2026-11-10', '2026-11-23', 14]);
    expect(body.reports.every((r) => r.compoundId === 'c_a')).toBe(true);
    expect((await (await stack.as('community-cm2')).get('/v1/compounds/c_a/cases')).status).toBe(403);
    expect((await city.get('/v1/compounds/c_a/cases?from=2026-11-23&to=2026-11-01')).status).toBe(400);
    expect((await city.get('/v1/compounds/c_nope/cases')).status).toBe(404);
  });
});

/** c_b (lockdown) gets a building for the lockdown case. */
async function batchBuilding() {
  const { batchWrite } = await import('#functions/platform/table.ts');
  const { buildingItem } = await import('#functions/stores/compound-store.ts');
  await batchWrite([buildingItem({
    id: 'b_b1', compoundId: 'c_b', name: '1栋', gridId: null, units: 1, floors: 1, householdsPerFloor: 1, households: 1,
    location: [112.541, 31.121], geometry: null, updatedAt: MORNING, updatedBy: 'system:test',
  })]);
}

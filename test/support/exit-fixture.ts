/**
 * The fixture city as the exit tests use it: a second exit at c_d (closed, street s2), two small
 * closed compounds in cm2 to enclose, a lockdown exit at c_b, duty staff at c_d and cm3's admin;
 * every group judged at the seeding time. Plus the small helpers those tests share.
 */
import { expect } from 'vitest';
import { resetClock, setClock } from '#functions/platform/clock.ts';
import { compoundWriteItem, exitItem } from '#functions/stores/compound-store.ts';
import { reevaluate } from '#functions/stores/exit-rules-store.ts';
import { batchWrite } from '#functions/platform/table.ts';
import { newCompound } from '#shared/domain/compounds.ts';
import type { LocalUser } from '#shared/schemas/local.ts';
import { fixtureUsers, seedFixtureCity, square } from './fixture-city.ts';
import { startTestStack, type TestStack } from './stack.ts';

const exitUsers: LocalUser[] = [
  ...fixtureUsers,
  { username: 'duty-d', name: '值守乙', role: 'duty', jurisdiction: { compoundIds: ['c_d'], exitIds: ['e_d1'] } },
  { username: 'community-cm3', name: '石城社区干部', role: 'community', jurisdiction: { streetId: 's2', communityId: 'cm3' } },
];

const seedAt = '2026-11-01T00:00:00.000Z';
const exit = (id: string, compoundId: string, status: 'open' | 'sealed', location: [number, number]) =>
  exitItem({ id, compoundId, name: `${id}门`, kind: 'mixed', status, location, updatedAt: seedAt, updatedBy: 'system:test' });
const cm2 = [{ id: 'cm2', name: '兰台社区', streetId: 's1', boundary: square(112.55, 31.10, 0.05) }];
const small = (id: string, lng: number) =>
  newCompound({ name: `小楼${id}`, geometry: square(lng, 31.14, 0.001), status: 'closed' }, { caller: { username: 'system:test' }, at: seedAt, communities: cm2, id });

/** Seeds the city and judges every group with exits at `now`. */
async function seedExitCity(now: string): Promise<void> {
  await seedFixtureCity();
  await batchWrite([
    exit('e_b1', 'c_b', 'open', [112.546, 31.121]),
    exit('e_d1', 'c_d', 'open', [112.611, 31.111]),
    exit('e_d2', 'c_d', 'open', [112.612, 31.112]),
    compoundWriteItem(small('c_s1', 112.57)),
    compoundWriteItem(small('c_s2', 112.575)),
    exit('e_s1', 'c_s1', 'open', [112.5705, 31.14]),
    exit('e_s2', 'c_s2', 'open', [112.5755, 31.14]),
  ]);
  for (const id of ['c_a', 'c_b', 'c_d', 'c_s1', 'c_s2']) await reevaluate({ kind: 'compound', id }, now);
}

/** The whole local runtime on the exit city, its clock at `now()`; stopping it puts the real clock back. */
export async function startExitStack(now: () => number): Promise<TestStack> {
  setClock(() => new Date(now()));
  const stack = await startTestStack({ users: exitUsers, seed: () => seedExitCity(new Date(now()).toISOString()) });
  return {
    ...stack,
    stop: async () => {
      await stack.stop();
      resetClock();
    },
  };
}

export async function expectStatus(res: Response, status: number): Promise<Record<string, unknown>> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as Record<string, unknown>;
}

/** A registration with the 四必 done and a normal temperature; `extra` changes what a test needs. */
export function entry(entryId: string, extra: Record<string, unknown> = {}) {
  return {
    entryId, direction: 'in', category: 'resident', outcome: 'admitted', temperatureC: 36.5,
    checks: { identityAsked: true, recorded: true, temperatureMeasured: true, maskWorn: true },
    ...extra,
  };
}

/**
 * What the disinfection and case tests share: the fixture city plus a compound of cm1 without
 * property management (c_np, closed, its community's team disinfects it), a building in c_d,
 * disinfection staff of each kind, and a clock at 08:30 China time on 2026-11-23.
 */
import { expect } from 'vitest';
import { buildingItem, compoundWriteItem } from '#functions/stores/compound-store.ts';
import { setClock } from '#functions/platform/clock.ts';
import { batchWrite } from '#functions/platform/table.ts';
import type { QueueRunnerOptions } from '#infra/local/queue-runner.ts';
import { newCompound } from '#shared/domain/compounds.ts';
import type { LocalUser } from '#shared/schemas/local.ts';
import { fixture, fixtureUsers, seedFixtureCity, square } from '../support/fixture-city.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { SWEEP_QUEUES } from './sweep-support.ts';

export const DAY = '2026-11-23';
/** 08:30 in China on DAY. */
export const MORNING = '2026-11-23T00:30:00.000Z';
/** 16:30 in China on DAY. */
export const AFTERNOON = '2026-11-23T08:30:00.000Z';
/** 00:10 on the next day in China: the day-end judgement. */
export const JUDGED = '2026-11-23T16:10:00.000Z';
export const MORNING_ROUND = 'rd_20261123_0800';
export const AFTERNOON_ROUND = 'rd_20261123_1600';
/** Every public area of a round: a completion that is not partial. */
export const PUBLIC_AREAS = ['corridor', 'elevator', 'guard_room', 'garbage_point', 'public_area'];
const at = '2026-11-01T00:00:00.000Z';
const communities = [{ id: 'cm1', name: '王府社区', streetId: 's1', boundary: square(112.50, 31.10, 0.05) }];

export const roundUsers: LocalUser[] = [
  ...fixtureUsers,
  { username: 'disinfection-a', name: '阳光物业消杀', role: 'disinfection', jurisdiction: { compoundIds: ['c_a', 'c_b'] } },
  { username: 'disinfection-a2', name: '阳光物业消杀2', role: 'disinfection', jurisdiction: { compoundIds: ['c_a'] } },
  { username: 'team-cm1', name: '王府社区消杀队', role: 'disinfection', jurisdiction: { streetId: 's1', communityId: 'cm1' } },
];

const building = (id: string, compoundId: string, location: [number, number]) => buildingItem({
  id, compoundId, name: `${id}栋`, gridId: null, units: 1, floors: 2, householdsPerFloor: 2, households: 4,
  location, geometry: null, updatedAt: at, updatedBy: 'system:test',
});

export async function seedRoundCity(): Promise<void> {
  await seedFixtureCity();
  const np = newCompound({ name: '老街小区', geometry: square(112.52, 31.13, 0.003), status: 'closed', propertyManaged: false }, {
    caller: { username: 'system:test' }, at, communities, id: 'c_np',
  });
  await batchWrite([
    compoundWriteItem({ ...np, gridIds: [] }),
    // c_a and c_b have property management (their own staff); c_np has none.
    compoundWriteItem({ ...fixture.compounds.a, propertyManaged: true }),
    compoundWriteItem({ ...fixture.compounds.b, propertyManaged: true }),
    building('b_np1', 'c_np', [112.521, 31.131]),
    building('b_d1', 'c_d', [112.611, 31.111]),
    building('b_d2', 'c_d', [112.612, 31.112]),
  ]);
}

/**
 * A stack on the round city with the clock at MORNING (the caller resets it) and a confirmed case
 * in b_a1 the day before, so the morning round makes five tasks: c_a, c_b, c_d, c_np and b_a1.
 */
export async function startRoundStackWithCase(queueOptions: Omit<QueueRunnerOptions, 'log'> = SWEEP_QUEUES): Promise<TestStack> {
  const stack = await startTestStack({ users: roundUsers, seed: seedRoundCity, queueOptions });
  setClock(() => new Date(MORNING));
  const city = await stack.as('city');
  expect((await city.post('/v1/cases', { compoundId: 'c_a', buildingId: 'b_a1', date: '2026-11-22', kind: 'confirmed', count: 1 })).status).toBe(201);
  return stack;
}

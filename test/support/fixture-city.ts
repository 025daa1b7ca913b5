/**
 * A small hand-made city for tests that need exact expectations: two streets, three
 * communities, two grids, five compounds (one unassigned), buildings and exits.
 */
import { auditItem } from '#functions/stores/audit-store.ts';
import { buildingItem, compoundWriteItem, exitItem } from '#functions/stores/compound-store.ts';
import { communityItem, gridItem, putPlaces, streetItem } from '#functions/stores/places-store.ts';
import { batchWrite } from '#functions/platform/table.ts';
import { newCompound, type CompoundRecord } from '#shared/domain/compounds.ts';
import type { AreaGeometry } from '#shared/schemas/common.ts';
import type { LocalUser } from '#shared/schemas/local.ts';

export const square = (lng: number, lat: number, d: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]],
});

const communities = [
  { id: 'cm1', name: '王府社区', streetId: 's1', boundary: square(112.50, 31.10, 0.05) },
  { id: 'cm2', name: '兰台社区', streetId: 's1', boundary: square(112.55, 31.10, 0.05) },
  { id: 'cm3', name: '石城社区', streetId: 's2', boundary: square(112.60, 31.10, 0.05) },
];
const at = '2026-11-01T00:00:00.000Z';
const seedCaller = { username: 'system:test', role: 'city' as const };

function compound(id: string, name: string, geometry: AreaGeometry, status: CompoundRecord['status'], gridIds: string[]): CompoundRecord {
  return { ...newCompound({ name, geometry, status }, { caller: seedCaller, at, communities, id }), gridIds };
}

export const fixture = {
  compounds: {
    /** cm1, grid g1, closed. */
    a: compound('c_a', '阳光花园', square(112.51, 31.11, 0.004), 'closed', ['g1']),
    /** cm1, no grid, lockdown; its polygon reaches east towards cm2. */
    b: compound('c_b', '王府小区', square(112.54, 31.12, 0.006), 'lockdown', []),
    /** cm2, grid g2, normal. */
    c: compound('c_c', '兰台名苑', square(112.56, 31.11, 0.003), 'normal', ['g2']),
    /** cm3 on street s2, closed. */
    d: compound('c_d', '石城新村', square(112.61, 31.11, 0.003), 'closed', []),
    /** Outside every community: unassigned. */
    e: compound('c_e', '城郊小区', square(112.70, 31.30, 0.002), 'normal', []),
  },
};

export const fixtureUsers: LocalUser[] = [
  { username: 'city', name: '市指挥部', role: 'city', jurisdiction: {} },
  { username: 'official-city', name: '督查', role: 'official', jurisdiction: {} },
  { username: 'official-s1', name: '街道督查', role: 'official', jurisdiction: { streetId: 's1' } },
  { username: 'community-cm1', name: '王府社区干部', role: 'community', jurisdiction: { streetId: 's1', communityId: 'cm1' } },
  { username: 'community-cm2', name: '兰台社区干部', role: 'community', jurisdiction: { streetId: 's1', communityId: 'cm2' } },
  { username: 'grid-g1', name: '网格员', role: 'grid', jurisdiction: { streetId: 's1', communityId: 'cm1', gridId: 'g1' } },
  { username: 'duty-a', name: '值守', role: 'duty', jurisdiction: { compoundIds: ['c_a'], exitIds: ['e_a1'] } },
  { username: 'disinfection-c', name: '消杀', role: 'disinfection', jurisdiction: { compoundIds: ['c_c', 'c_d'] } },
];

export async function seedFixtureCity(): Promise<void> {
  await putPlaces([
    streetItem({ id: 's1', name: '郢中街道' }),
    streetItem({ id: 's2', name: '皇庄街道' }),
    ...communities.map((c) => communityItem(c)),
    gridItem({ id: 'g1', name: '王府社区第1网格', communityId: 'cm1', streetId: 's1', workers: ['grid-g1'], compoundIds: ['c_a'] }),
    gridItem({ id: 'g2', name: '兰台社区第1网格', communityId: 'cm2', streetId: 's1', workers: [], compoundIds: ['c_c'] }),
  ]);
  const compounds = Object.values(fixture.compounds);
  await batchWrite([
    ...compounds.map(compoundWriteItem),
    ...compounds.map((c) => auditItem({ entity: 'COMPOUND', entityId: c.id, action: 'create', caller: seedCaller, at, changes: {} })),
    buildingItem({
      id: 'b_a1', compoundId: 'c_a', name: '1栋', gridId: 'g1', units: 2, floors: 6, householdsPerFloor: 2, households: 24,
      location: [112.511, 31.111], geometry: null, updatedAt: at, updatedBy: 'system:test',
    }),
    buildingItem({
      id: 'b_a2', compoundId: 'c_a', name: '2栋', gridId: 'g1', units: 1, floors: 5, householdsPerFloor: 2, households: 10,
      location: [112.512, 31.112], geometry: null, updatedAt: at, updatedBy: 'system:test',
    }),
    exitItem({ id: 'e_a1', compoundId: 'c_a', name: '东门', kind: 'mixed', status: 'open', location: [112.514, 31.112], updatedAt: at, updatedBy: 'system:test' }),
    exitItem({ id: 'e_a2', compoundId: 'c_a', name: '北门', kind: 'pedestrian', status: 'sealed', location: [112.512, 31.114], updatedAt: at, updatedBy: 'system:test' }),
  ]);
}

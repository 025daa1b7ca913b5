/**
 * What the import tests share: the places they run in (one street, two communities side by side,
 * a grid in each), their users, the fixture files, and a full scan of the table to count items.
 */
import { readFileSync } from 'node:fs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '#functions/platform/config.ts';
import { communityItem, gridItem, putPlaces, streetItem } from '#functions/stores/places-store.ts';
import { documentClient, type Item } from '#functions/platform/table.ts';
import type { AreaGeometry } from '#shared/schemas/common.ts';
import type { LocalUser } from '#shared/schemas/local.ts';

const box = (minLng: number, minLat: number, maxLng: number, maxLat: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [[[minLng, minLat], [maxLng, minLat], [maxLng, maxLat], [minLng, maxLat], [minLng, minLat]]],
});

export const users: LocalUser[] = [
  { username: 'city1', name: '市指挥部', role: 'city', jurisdiction: {} },
  { username: 'comm1', name: '王府社区', role: 'community', jurisdiction: { streetId: 's1', communityId: 'cm1' } },
  { username: 'grid1', name: '网格员', role: 'grid', jurisdiction: { streetId: 's1', communityId: 'cm1', gridId: 'g1' } },
  { username: 'official1', name: '督查', role: 'official', jurisdiction: {} },
];

/** cm1 is the west half of the box 112.50–112.60 E, 31.10–31.20 N; cm2 the east half. */
export function seedPlaces(): Promise<void> {
  return putPlaces([
    streetItem({ id: 's1', name: '郢中街道' }),
    communityItem({ id: 'cm1', name: '王府社区', streetId: 's1', boundary: box(112.5, 31.1, 112.55, 31.2) }),
    communityItem({ id: 'cm2', name: '幸福社区', streetId: 's1', boundary: box(112.55, 31.1, 112.6, 31.2) }),
    gridItem({ id: 'g1', name: '王府一网格', communityId: 'cm1', streetId: 's1', workers: ['grid1'] }),
    gridItem({ id: 'g2', name: '幸福一网格', communityId: 'cm2', streetId: 's1', workers: [] }),
  ]);
}

export const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url));

/** Every item of the table (tests only: a full scan). */
export async function scanAll(): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await documentClient().send(new ScanCommand({ TableName: config().tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

export async function countByType(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const item of await scanAll()) counts[item.type as string] = (counts[item.type as string] ?? 0) + 1;
  return counts;
}

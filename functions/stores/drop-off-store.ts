/**
 * Drop-off points (物品指定存放点): one item each under the compound's partition
 * (`COMPOUND#<c> / DROPOFF#<id>`), so a compound's points are one query and the public page
 * reads them beside the compound. Posting one writes its audit record on the compound's trail.
 */
import type { Caller } from '#shared/roles.ts';
import type { DropOffPoint } from '#shared/schemas/drop-off.ts';
import { CHILD_PREFIX, keys } from '#shared/table.ts';
import { auditItem } from './audit-store.ts';
import { withoutKeys } from '../platform/list-sources.ts';
import { queryAll, transactWrite, type Item } from '../platform/table.ts';

/** The item of a point, for the store's own write and the demo seed. */
export const dropOffItem = (point: DropOffPoint): Item => ({ ...keys.dropOff(point.compoundId, point.id), type: 'dropOff', ...point });

/** The compound's points, by name (then id, so equal names keep one order). */
export async function dropOffPointsOf(compoundId: string): Promise<DropOffPoint[]> {
  const items = await queryAll<Item>({ partition: keys.compound(compoundId).pk, beginsWith: CHILD_PREFIX.dropOff });
  return items
    .map((item) => withoutKeys<DropOffPoint>(item))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
}

/** Stores a new point (its id is fresh: a clash is a bug, so it fails rather than overwrites). */
export async function addDropOffPoint(point: DropOffPoint, caller: Caller): Promise<DropOffPoint> {
  await transactWrite([
    { put: dropOffItem(point), condition: 'attribute_not_exists(pk)' },
    {
      put: auditItem({
        entity: 'COMPOUND', entityId: point.compoundId, action: 'drop-off-point', caller, at: point.createdAt,
        changes: { dropOffPoint: { from: null, to: point.name } },
      }),
    },
  ]);
  return point;
}

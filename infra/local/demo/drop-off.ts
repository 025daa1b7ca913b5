/**
 * The demo city's drop-off points (物品指定存放点): one beside the first open exit of every
 * staffed compound (the compounds duty staff hold), where couriers leave goods instead of
 * passing the gate. Ids are fixed by the compound, so a re-seed rewrites the same items.
 */
import type { DropOffPoint } from '#shared/schemas/drop-off.ts';
import { roundCoord } from '#shared/geo/shape.ts';
import { dropOffItem } from '#functions/stores/drop-off-store.ts';
import type { Item } from '#functions/platform/table.ts';
import type { GeneratedCity } from './city.ts';
import { staffedCompoundIds } from './passes.ts';

/** About 10 m outside the gate: close enough to see from the checkpoint. */
const OFFSET_DEG = 0.0001;

export function dropOffSeed(city: GeneratedCity, now: string, actor: string): { items: Item[]; counts: { dropOffPoints: number } } {
  const staffed = new Set(staffedCompoundIds(city));
  const points: DropOffPoint[] = [];
  for (const compound of city.compounds) {
    if (!staffed.has(compound.id)) continue;
    const exit = city.exits.find((e) => e.compoundId === compound.id && e.status === 'open');
    if (!exit) continue;
    points.push({
      id: `do_${compound.id}`.slice(0, 64),
      compoundId: compound.id,
      name: `${exit.name}物品存放点`,
      hours: '08:00–20:00',
      location: {
        description: `${exit.name}外快递架（卡口左侧）`,
        point: [roundCoord(exit.location[0] + OFFSET_DEG), roundCoord(exit.location[1] + OFFSET_DEG)],
      },
      createdAt: now,
      createdBy: actor,
    });
  }
  return { items: points.map(dropOffItem), counts: { dropOffPoints: points.length } };
}

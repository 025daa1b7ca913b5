/**
 * Where a drop-off point (物品指定存放点) may lie: at the compound, or just outside its fence,
 * where couriers can reach it without passing the gate — so within a short walk of the compound's
 * outline (its bbox, which the registry keeps for every compound), not across town, which would be
 * a swapped longitude/latitude or a wrong coordinate system.
 */
import { spoken, type Spoken } from '../messages/message.ts';
import type { DropOffPoint } from '../schemas/drop-off.ts';
import type { PublicDropOffPoint } from '../schemas/public.ts';
import { metresBetween } from './duty.ts';

/** A courier's shelf outside the gate is tens of metres away; 300 m leaves room for a street between. */
export const DROP_OFF_MAX_METRES = 300;

export type DropOffRefusal = { readonly code: 'too-far' } & Spoken;

type Bbox = readonly [number, number, number, number];

/** Metres from the point to the nearest point of the box (0 inside it). */
export function metresFromBbox(point: readonly [number, number], bbox: Bbox): number {
  const nearest: [number, number] = [
    Math.min(Math.max(point[0], bbox[0]), bbox[2]),
    Math.min(Math.max(point[1], bbox[1]), bbox[3]),
  ];
  return metresBetween(point, nearest);
}

/** The refusal when the point lies too far from the compound, else undefined. */
export function dropOffPointRefusal(point: readonly [number, number], compound: { readonly id: string; readonly bbox: Bbox }): DropOffRefusal | undefined {
  const metres = metresFromBbox(point, compound.bbox);
  if (metres <= DROP_OFF_MAX_METRES) return undefined;
  return { code: 'too-far', ...spoken('drop-off.too-far', { metres, compound: compound.id, limit: DROP_OFF_MAX_METRES }) };
}

/**
 * A point as the gate notice and the resident page post it: its name, hours, place in words and
 * building — picked field by field (an allow-list), so who posted it and its ids stay out.
 */
export const publicDropOff = (point: DropOffPoint): PublicDropOffPoint => ({
  name: point.name,
  ...(point.hours ? { hours: point.hours } : {}),
  ...(point.location?.description ? { location: { description: point.location.description } } : {}),
  ...(point.buildingName ? { buildingName: point.buildingName } : {}),
});

/**
 * How each compound status looks on the map and in the legend. One table, so the map, the legend
 * and the filters cannot disagree.
 */
import type { PathOptions } from 'leaflet';
import { COMPOUND_STATUSES, type CompoundStatus } from '../../../shared/schemas/compound.ts';

export { COMPOUND_STATUSES, type CompoundStatus };

/** Fill and outline per status: red for lockdown, amber for closed, green for normal, blue for lifted. */
export const STATUS_COLOURS: Readonly<Record<CompoundStatus, { fill: string; stroke: string }>> = {
  normal: { fill: '#3f9b63', stroke: '#23673f' },
  closed: { fill: '#e9a23b', stroke: '#9a6212' },
  lockdown: { fill: '#d8412f', stroke: '#8e1f14' },
  lifted: { fill: '#4f7fd1', stroke: '#284f94' },
};

export function compoundStyle(status: CompoundStatus, selected: boolean): PathOptions {
  const colour = STATUS_COLOURS[status];
  return {
    color: selected ? '#14213d' : colour.stroke,
    weight: selected ? 3 : 1,
    fillColor: colour.fill,
    fillOpacity: selected ? 0.85 : 0.62,
    // Leaflet sets a path's class when it creates the path only, so this cannot vary.
    className: 'compound',
  };
}

export function countByStatus(statuses: Iterable<CompoundStatus>): Record<CompoundStatus, number> {
  const counts = Object.fromEntries(COMPOUND_STATUSES.map((status) => [status, 0])) as Record<CompoundStatus, number>;
  for (const status of statuses) counts[status] += 1;
  return counts;
}

/**
 * How each compound status looks on the map and in the legend — colour AND pattern, so the
 * statuses stay apart for colour-blind users: normal plain, closed striped, lockdown
 * cross-hatched, lifted dotted. One table, so the map, the legend and the filters agree.
 */
import type { PolylineOptions } from 'leaflet';
import { COMPOUND_STATUSES, type CompoundStatus } from '#shared/schemas/compound.ts';

export { COMPOUND_STATUSES, type CompoundStatus };

/** Fill and outline per status: red for lockdown, amber for closed, green for normal, blue for lifted. */
const STATUS_COLOURS: Readonly<Record<CompoundStatus, { fill: string; stroke: string }>> = {
  normal: { fill: '#3f9b63', stroke: '#23673f' },
  closed: { fill: '#e9a23b', stroke: '#9a6212' },
  lockdown: { fill: '#d8412f', stroke: '#8e1f14' },
  lifted: { fill: '#4f7fd1', stroke: '#284f94' },
};

/** The pattern of each status as CSS draws it (legend swatches, filter chips, the panel's pill). */
export const STATUS_PATTERNS: Readonly<Record<CompoundStatus, string>> = {
  normal: 'none',
  closed: 'repeating-linear-gradient(45deg, rgb(0 0 0 / 45%) 0 2px, transparent 2px 6px)',
  lockdown:
    'repeating-linear-gradient(45deg, rgb(0 0 0 / 45%) 0 2px, transparent 2px 6px), repeating-linear-gradient(-45deg, rgb(0 0 0 / 45%) 0 2px, transparent 2px 6px)',
  lifted: 'radial-gradient(rgb(255 255 255 / 85%) 1.5px, transparent 2px) 0 0 / 6px 6px',
};

/** The CSS of a swatch: colour under pattern. */
export const swatchStyle = (status: CompoundStatus) => ({
  background: `${STATUS_PATTERNS[status] === 'none' ? '' : `${STATUS_PATTERNS[status]}, `}${STATUS_COLOURS[status].fill}`,
  borderColor: STATUS_COLOURS[status].stroke,
});

const patterns = new Map<CompoundStatus, CanvasPattern | string>();

/** The canvas fill of a status: its colour with the status's pattern drawn over it. */
function canvasFill(status: CompoundStatus): CanvasPattern | string {
  const cached = patterns.get(status);
  if (cached) return cached;
  const { fill } = STATUS_COLOURS[status];
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const ctx = tile.getContext('2d');
  if (!ctx || status === 'normal') {
    patterns.set(status, fill);
    return fill;
  }
  ctx.fillStyle = fill;
  ctx.fillRect(0, 0, 8, 8);
  ctx.strokeStyle = status === 'lifted' ? 'rgb(255 255 255 / 90%)' : 'rgb(0 0 0 / 55%)';
  ctx.fillStyle = ctx.strokeStyle;
  ctx.lineWidth = 1.5;
  if (status === 'lifted') {
    ctx.beginPath();
    ctx.arc(4, 4, 1.5, 0, Math.PI * 2);
    ctx.fill();
  } else {
    const diagonal = (flip: boolean) => {
      ctx.beginPath();
      for (const o of [-8, 0, 8]) {
        ctx.moveTo(flip ? 8 - o : o, 8);
        ctx.lineTo(flip ? -o : 8 + o, 0);
      }
      ctx.stroke();
    };
    diagonal(false);
    if (status === 'lockdown') diagonal(true);
  }
  const pattern = ctx.createPattern(tile, 'repeat') ?? fill;
  patterns.set(status, pattern);
  return pattern;
}

export function compoundStyle(status: CompoundStatus, selected: boolean): PolylineOptions {
  const colour = STATUS_COLOURS[status];
  return {
    color: selected ? '#14213d' : colour.stroke,
    weight: selected ? 3 : 1,
    // Leaflet's canvas renderer hands fillColor to the context's fillStyle, which takes a pattern.
    fillColor: canvasFill(status) as unknown as string,
    fillOpacity: selected ? 0.9 : 0.7,
    // Simplifies outlines in screen pixels at every zoom (Douglas-Peucker): fewer points drawn far out.
    smoothFactor: 1.5,
  };
}

export function countByStatus(statuses: Iterable<CompoundStatus>): Record<CompoundStatus, number> {
  const counts = Object.fromEntries(COMPOUND_STATUSES.map((status) => [status, 0])) as Record<CompoundStatus, number>;
  for (const status of statuses) counts[status] += 1;
  return counts;
}

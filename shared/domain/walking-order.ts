/**
 * The order a worker walks a compound's buildings in: a nearest-neighbour path over the
 * buildings' points, starting at the compound's open exit (where the worker comes in) or, with
 * no exit known, at the building whose name sorts first (1栋 before 2栋).
 *
 * Why nearest-neighbour: a compound has tens of buildings, rarely a few hundred, so the O(n²)
 * greedy path is instant; it is within ~25 % of the best tour on such layouts, and unlike a
 * name order it does not send the worker back and forth across a compound whose numbering
 * jumps (old estates renumbered after merging, 整合归并). Ties break on the name, then the id,
 * so the order is the same on every run and every machine.
 */

export interface Stop {
  readonly id: string;
  readonly name: string;
  readonly location: readonly [number, number];
}

/** Natural name order: 2栋 before 10栋. */
const collator = new Intl.Collator('zh-CN', { numeric: true });
const byName = (a: Stop, b: Stop) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Squared distance on a local plane (longitude shrunk by the latitude's cosine); enough to compare. */
function distance2(a: readonly [number, number], b: readonly [number, number]): number {
  const k = Math.cos(((a[1] + b[1]) / 2) * (Math.PI / 180));
  const dx = (a[0] - b[0]) * k;
  const dy = a[1] - b[1];
  return dx * dx + dy * dy;
}

/** The stops' ids in walking order. */
export function walkingOrder(stops: readonly Stop[], start?: readonly [number, number]): string[] {
  const left = [...stops].sort(byName);
  const order: string[] = [];
  let here = start ?? left[0]?.location;
  while (left.length > 0 && here) {
    let best = 0;
    let bestDistance = Infinity;
    for (let i = 0; i < left.length; i++) {
      const d = distance2(here, (left[i] as Stop).location);
      // Strictly less: among equal distances the earlier name (left is sorted) wins.
      if (d < bestDistance) {
        best = i;
        bestDistance = d;
      }
    }
    const [next] = left.splice(best, 1) as [Stop];
    order.push(next.id);
    here = next.location;
  }
  return order;
}

/**
 * What the dashboard reads beyond the daily reports: the alerts of a caller's partitions raised
 * within a period — each alert-sorted partition (status, then time) read once per status with a
 * between on the time, never the whole history.
 */
import type { Alert } from '#shared/schemas/alert.ts';
import type { Source } from '../platform/list-sources.ts';
import { withoutKeys } from '../platform/list-sources.ts';
import { queryAll, type Item } from '../platform/table.ts';

/** The alerts of `sources` (alert-store's alertSources, one per status and partition) raised in [from, to]. */
export async function alertsRaisedBetween(sources: readonly Source[], from: string, to: string): Promise<Alert[]> {
  const lists = await Promise.all(sources.map((source) => {
    if (source.kind !== 'query') return Promise.resolve([] as Item[]);
    const { beginsWith, newestFirst: _order, ...query } = source.query;
    // The partition's sort key is `<status>#<raisedAt>#<id>`: the status prefix, then the period.
    const status = beginsWith ?? '';
    return queryAll<Item>({ ...query, between: [`${status}${from}`, `${status}${to}~`] });
  }));
  return lists.flat().map((item) => withoutKeys<Alert>(item));
}

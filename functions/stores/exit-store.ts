/**
 * Exits in the table: one by id, a change to one (audited and judged at once), its detail, and
 * the unresolved list, answered from the sparse indexes an exit carries only while it breaks a
 * rule (byStreet: one partition sorted by street and community, so every jurisdiction is one
 * begins_with; byGeo by cell for a bbox), never from a rescan of the city.
 */
import type { Changes } from '#shared/domain/audit.ts';
import { explain } from '#shared/domain/exit-rules.ts';
import type { Language } from '#shared/messages/language.ts';
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import { coverBbox, pointInBbox } from '#shared/geo/geohash.ts';
import { canSeeCompound, listScope, type Caller } from '#shared/roles.ts';
import type { Bbox } from '#shared/schemas/common.ts';
import type { ExitDetail, UnresolvedExit, UnresolvedExitQuery } from '#shared/schemas/exit.ts';
import { indexKeys, indexSortKeys, keys, UNASSIGNED } from '#shared/table.ts';
import { auditItem } from './audit-store.ts';
import { GEO_COVER } from './compound-store.ts';
import { groupOfCompound, reevaluateAfterWrite, storedExitFromItem, touchGroup, type StoredExit, type StoredStanding } from './exit-rules-store.ts';
import { cursorOf, pageOf, readSources, type Source } from '../platform/list-sources.ts';
import type { Places } from './places-store.ts';
import { getResponsibility, responsibilitiesOf } from './responsibility-store.ts';
import { getItem, queryPage, transactWrite, type Item } from '../platform/table.ts';
import type { Detail } from '../platform/errors.ts';
import { planTombstoneOp } from './plan-store.ts';

/** The exit with this id, from the byParent index (no compound needed). */
export async function findExit(id: string): Promise<StoredExit | undefined> {
  const page = await queryPage<Item>({ index: 'byParent', partition: indexKeys.exitById(id), limit: 1 });
  const item = page.items[0];
  return item ? storedExitFromItem(item) : undefined;
}

/** The exit item itself, read consistently: for writes that condition on what they read. */
export async function getExit(compoundId: string, id: string): Promise<StoredExit | undefined> {
  const item = await getItem<Item>(keys.exit(compoundId, id), { consistent: true });
  return item ? storedExitFromItem(item) : undefined;
}

/** An exit with its compound, as the access checks at the edge hand them on. */
export interface ExitInScope {
  readonly exit: StoredExit;
  readonly compound: CompoundRecord;
}

/** Registry fields of an exit that a change writes; absent ones are removed. */
const CHANGED_FIELDS = ['sealing', 'main', 'restricted'] as const;

/**
 * The updatedAt a change writes: its time, or just after the version it replaces when the clock
 * has not moved past it (a second change in one millisecond, a host whose clock is behind).
 * updatedAt is the exit's version — its ETag, and the condition of the next change — so every
 * change must move it, or a client holding the old tag could overwrite the new state.
 */
function nextVersion(read: string, at: string): string {
  const previous = Date.parse(read);
  if (!Number.isFinite(previous) || Date.parse(at) > previous) return at;
  return new Date(previous + 1).toISOString();
}

/**
 * Writes a changed exit with its audit record, conditional on the version that was read (its
 * `updatedAt`): an exit changed meanwhile fails with a ConflictError saying `conflict`. The
 * exit's rule group is marked due in the same transaction and judged right after.
 */
export async function saveJudgedExit(
  current: StoredExit,
  next: StoredExit,
  audit: { readonly caller: Pick<Caller, 'username' | 'role'>; readonly at: string; readonly changes: Changes },
  conflict: Detail,
): Promise<void> {
  const { caller, at } = audit;
  const group = await groupOfCompound(current.compoundId);
  const set = ['#status = :status', 'updatedAt = :at', 'updatedBy = :by'];
  const remove: string[] = [];
  const values: Record<string, unknown> = {
    ':status': next.status, ':at': nextVersion(current.updatedAt, at), ':by': caller.username, ':read': current.updatedAt,
  };
  for (const field of CHANGED_FIELDS) {
    if (next[field] === undefined) remove.push(`#${field}`);
    else {
      set.push(`#${field} = :${field}`);
      values[`:${field}`] = next[field];
    }
  }
  await transactWrite(
    [
      {
        update: {
          Key: keys.exit(current.compoundId, current.id),
          UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
          ConditionExpression: 'updatedAt = :read',
          ExpressionAttributeNames: { '#status': 'status', '#sealing': 'sealing', '#main': 'main', '#restricted': 'restricted' },
          ExpressionAttributeValues: values,
        },
      },
      { put: auditItem({ entity: 'EXIT', entityId: current.id, action: 'update', ...audit }) },
      touchGroup(group, at),
      // The sweep's walk starts at the first open exit: its compound's fan-out plan is stale.
      ...(next.status !== current.status ? [planTombstoneOp(current.compoundId)] : []),
    ],
    conflict,
  );
  await reevaluateAfterWrite(group, at);
}

const reasonsOf = (standing: StoredStanding | undefined, language: Language) =>
  (standing?.reasons ?? []).map((r) => ({ code: r.code, message: explain(r, language), since: r.since }));

export async function exitDetail(scope: ExitInScope, caller: Caller, language: Language): Promise<ExitDetail> {
  const { standing, ...exit } = scope.exit as StoredExit & Record<string, unknown>;
  const responsible = await getResponsibility(scope.compound.id, caller);
  return {
    ...(exit as StoredExit),
    compoundName: scope.compound.name,
    compoundStatus: scope.compound.status,
    communityId: scope.compound.communityId,
    streetId: scope.compound.streetId,
    unresolved: standing?.unresolved ?? false,
    reasons: reasonsOf(standing, language),
    ...(standing?.since ? { since: standing.since } : {}),
    ...(standing?.changedAt ? { checkedAt: standing.changedAt } : {}),
    ...(responsible ? { responsible } : {}),
  };
}

const unresolvedSource = (beginsWith?: string): Source => ({
  kind: 'query', query: { index: 'byStreet', partition: indexKeys.unresolvedExits(), beginsWith },
});

/** Where the caller's unresolved exits are read from: the narrowest range of the index that holds them. */
function unresolvedSources(query: UnresolvedExitQuery, caller: Caller, places: Places): Source[] {
  if (query.bbox) {
    return coverBbox(query.bbox, GEO_COVER).map((range) => ({
      kind: 'query',
      query: { index: 'byGeo', partition: indexKeys.unresolvedExitGeoCell(range.partition), between: [range.from, range.to] },
    }));
  }
  const ofCommunity = (id: string) =>
    unresolvedSource(indexSortKeys.unresolvedExitsOfCommunity(places.communityById.get(id)?.streetId ?? UNASSIGNED, id));
  if (query.communityId) return [ofCommunity(query.communityId)];
  const scope = listScope(caller);
  switch (scope.level) {
    case 'city':
      return [unresolvedSource()];
    case 'street':
      return [unresolvedSource(indexSortKeys.unresolvedExitsOfStreet(scope.streetId))];
    case 'community':
      return [ofCommunity(scope.communityId)];
    // The route's roles keep grid, duty and disinfection staff out.
    case 'grid':
    case 'compounds':
      return [];
  }
}

/** One page of unresolved exits, with their compound's responsibility list. */
export async function listUnresolved(
  query: UnresolvedExitQuery,
  caller: Caller,
  places: Places,
  language: Language,
): Promise<{ items: UnresolvedExit[]; nextToken?: string; read: number }> {
  const inBbox = (exit: StoredExit) => !query.bbox || pointInBbox(exit.location, query.bbox as Bbox);
  const page = await readSources(
    unresolvedSources(query, caller, places),
    (item) => {
      const exit = storedExitFromItem(item);
      const s = exit.standing;
      if (!s?.unresolved || !s.since || !inBbox(exit)) return undefined;
      if (query.communityId && s.communityId !== query.communityId) return undefined;
      if (!canSeeCompound(caller, { id: exit.compoundId, streetId: s.streetId, communityId: s.communityId, gridIds: [] })) return undefined;
      return { exit, standing: s, since: s.since };
    },
    query.limit ?? 100,
    cursorOf(query.nextToken),
  );
  const byCompound = await responsibilitiesOf([...new Set(page.items.map((i) => i.exit.compoundId))], caller);
  const items = page.items.map(({ exit, standing, since }): UnresolvedExit => {
    const responsible = byCompound.get(exit.compoundId);
    return {
      id: exit.id, compoundId: exit.compoundId, compoundName: standing.compoundName, communityId: standing.communityId,
      streetId: standing.streetId, name: exit.name, status: exit.status, location: exit.location,
      reasons: reasonsOf(standing, language), since, ...(responsible ? { responsible } : {}), updatedAt: exit.updatedAt,
    };
  });
  return { ...pageOf(items, page.next), read: page.read };
}

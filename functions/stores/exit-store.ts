/**
 * Exits by id, checked against the caller's jurisdiction, and the unresolved list: answered from
 * the sparse indexes an exit carries only while it breaks a rule (byStreet: one partition sorted by
 * street and community, so every jurisdiction is one begins_with; byGeo by cell for a bbox), never
 * from a rescan of the city.
 */
import { explain, type Language } from '#shared/domain/exit-rules.ts';
import { maskPhone } from '#shared/domain/privacy.ts';
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import { coverBbox, pointInBbox } from '#shared/geo/geohash.ts';
import { canSeeCompound, listScope, seesStaffPhones, worksAtExit, type Caller } from '#shared/roles.ts';
import type { Bbox } from '#shared/schemas/common.ts';
import type { ExitDetail, UnresolvedExit, UnresolvedExitQuery } from '#shared/schemas/exit.ts';
import type { Responsibility } from '#shared/schemas/sealing.ts';
import { indexKeys, indexSortKeys, keys, UNASSIGNED } from '#shared/table.ts';
import { compoundForCaller } from '../edge/access.ts';
import { GEO_COVER } from './compound-store.ts';
import { storedExitFromItem, type StoredExit, type StoredStanding } from './exit-rules-store.ts';
import { ForbiddenError, NotFoundError } from '../platform/errors.ts';
import { cursorOf, pageOf, readSources, withoutKeys, type Source } from '../platform/list-sources.ts';
import type { Places } from './places-store.ts';
import { batchGet, getItem, queryPage, type Item } from '../platform/table.ts';

/** The exit with this id, from the byParent index (no compound needed). */
async function findExit(id: string): Promise<StoredExit | undefined> {
  const page = await queryPage<Item>({ index: 'byParent', partition: indexKeys.exitById(id), limit: 1 });
  const item = page.items[0];
  return item ? storedExitFromItem(item) : undefined;
}

export interface ExitInScope {
  readonly exit: StoredExit;
  readonly compound: CompoundRecord;
}

/**
 * The exit, if the caller's jurisdiction covers its compound (else 403). `consistent` re-reads
 * the exit item itself, for writes that condition on what they read.
 */
export async function exitForCaller(id: string, caller: Caller, options: { consistent?: boolean } = {}): Promise<ExitInScope> {
  const found = await findExit(id);
  if (!found) throw new NotFoundError(`no exit ${id}`);
  const compound = await compoundForCaller(found.compoundId, caller, { ...options, asked: `exit ${found.id}` });
  if (!options.consistent) return { exit: found, compound };
  const item = await getItem<Item>(keys.exit(found.compoundId, id), { consistent: true });
  if (!item) throw new NotFoundError(`no exit ${id}`);
  return { exit: storedExitFromItem(item), compound };
}

/**
 * Where an exit is, for a warm function: an exit's compound and location do not change under its
 * id, so the busiest gate's registrations skip the index query for a minute. The compound is
 * still read every time (its status decides the entry's warnings).
 */
const PLACE_TTL_MS = 60_000;
const placeCache = new Map<string, { exit: StoredExit; until: number }>();

/** As {@link exitForCaller}, for duty staff acting at the exit: only at their own (403 elsewhere). */
export async function ownExitForCaller(id: string, caller: Caller): Promise<ExitInScope> {
  if (!worksAtExit(caller, id)) throw new ForbiddenError(`you are not on duty at exit ${id}`);
  const cached = placeCache.get(id);
  if (!cached || cached.until < Date.now()) {
    const scope = await exitForCaller(id, caller);
    placeCache.set(id, { exit: scope.exit, until: Date.now() + PLACE_TTL_MS });
    return scope;
  }
  return { exit: cached.exit, compound: await compoundForCaller(cached.exit.compoundId, caller, { asked: `exit ${cached.exit.id}` }) };
}

/**
 * As {@link exitForCaller}, for reads of what happens at the gate (shifts, entries, counts): duty
 * staff read only at the exits they are posted to, not at another exit of their compound.
 */
export async function exitForReader(id: string, caller: Caller): Promise<ExitInScope> {
  if (caller.role === 'duty' && !worksAtExit(caller, id)) throw new ForbiddenError(`you are not on duty at exit ${id}`);
  return exitForCaller(id, caller);
}

/** The exit's compound, if the caller's jurisdiction covers it. */
export const languageOf = (acceptLanguage: string | undefined): Language => (/^\s*zh/i.test(acceptLanguage ?? '') ? 'zh-CN' : 'en');

const reasonsOf = (standing: StoredStanding | undefined, language: Language) =>
  (standing?.reasons ?? []).map((r) => ({ code: r.code, message: explain(r, language), since: r.since }));

/** The responsibility list as this caller may see it: phones masked unless they are staff who call them. */
export function responsibilityFor(item: Item | undefined, caller: Caller): Responsibility | undefined {
  if (!item) return undefined;
  const r = withoutKeys<Responsibility & { compoundId?: string }>(item);
  const phone = (p: { name: string; phone: string }) => (seesStaffPhones(caller) ? { name: p.name, phone: p.phone } : { name: p.name, phone: maskPhone(p.phone) });
  return {
    streetLeader: phone(r.streetLeader), communityLeader: phone(r.communityLeader), responsiblePerson: phone(r.responsiblePerson),
    updatedAt: r.updatedAt, updatedBy: r.updatedBy,
  };
}

export async function exitDetail(scope: ExitInScope, caller: Caller, language: Language): Promise<ExitDetail> {
  const { standing, ...exit } = scope.exit as StoredExit & Record<string, unknown>;
  const responsible = responsibilityFor(await getItem<Item>(keys.responsibility(scope.compound.id)), caller);
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
  const compoundIds = [...new Set(page.items.map((i) => i.exit.compoundId))];
  const lists = await batchGet<Item>(compoundIds.map((id) => keys.responsibility(id)));
  const byCompound = new Map(lists.map((item) => [item.compoundId as string, item]));
  const items = page.items.map(({ exit, standing, since }): UnresolvedExit => {
    const responsible = responsibilityFor(byCompound.get(exit.compoundId), caller);
    return {
      id: exit.id, compoundId: exit.compoundId, compoundName: standing.compoundName, communityId: standing.communityId,
      streetId: standing.streetId, name: exit.name, status: exit.status, location: exit.location,
      reasons: reasonsOf(standing, language), since, ...(responsible ? { responsible } : {}),
    };
  });
  return { ...pageOf(items, page.next), read: page.read };
}

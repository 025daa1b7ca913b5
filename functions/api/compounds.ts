/**
 * Compound registry routes: list (GeoJSON, by bbox / status / community / street), get, create,
 * patch, history, and the buildings and exits of a compound.
 */
import { canSeeCompound, type Caller } from '#shared/roles.ts';
import { diff } from '#shared/domain/audit.ts';
import { auditFor } from '#shared/domain/privacy.ts';
import { AUDITED_COMPOUND_FIELDS, changedCompound, newCompound, type CompoundRecord } from '#shared/domain/compounds.ts';
import type { CompoundListQuery } from '#shared/schemas/compound.ts';
import { compoundEtag } from '#shared/schemas/preconditions.ts';
import { communityForCaller, compoundForCaller, streetForCaller } from '../edge/access.ts';
import { auditFromItem, auditSource } from '../stores/audit-store.ts';
import { nowIso } from '../platform/clock.ts';
import {
  buildingFromItem, childSource, communitySource, compoundFromItem, compoundInBbox, createCompound, exitFromItem, geoSources,
  getCompounds, needsWholeItem, pointSources, readStreetDotItems, scopeSources, statusPrefix, streetSource,
} from '../stores/compound-store.ts';
import { streetDots } from '../stores/street-dots-store.ts';
import { cursorOf, pageOf, readSources, tokenOf, type Source } from '../platform/list-sources.ts';
import { saveJudgedCompound } from '../stores/exit-rules-store.ts';
import { buildingFeature, collection, compoundFeature, compoundSummaryFeature, exitFeature } from '../platform/features.ts';
import { httpHandler, Reply, versioned } from '../edge/http.ts';
import { matchedWrite, requireMatch } from '../edge/preconditions.ts';
import { compoundsRoutes } from '#shared/catalogue/routes/compounds.ts';
import { loadPlaces, type Places } from '../stores/places-store.ts';
import { message } from '#shared/messages/message.ts';

export const handler = httpHandler(compoundsRoutes, {
  listCompounds: async ({ query, caller }) => {
    const places = await loadPlaces();
    if (query.communityId) communityForCaller(places, query.communityId, caller, 'query.communityId');
    if (query.streetId) streetForCaller(places, query.streetId, caller, 'query.streetId');
    const sources = await listSources(query, caller, places);
    const toFeature = (c: CompoundRecord) => (matches(c, query, caller) ? compoundSummaryFeature(c, query.shape) : undefined);
    // Dots read no polygon (pointSources); one that looks broken is read whole below, to be repaired.
    const points = query.shape === 'point';
    const { streetId } = query;
    if (points && streetId && wholeStreet(query)) {
      // A street's dots, whole: one item while no compound of the street changed (street-dots-store.ts).
      const dots = await streetDots(streetId, () => readStreetDotItems(streetId, STREET_DOTS_MAX));
      const features = dots?.flatMap((item) => toFeature(compoundFromItem(item)) ?? []);
      if (features && features.length <= (query.limit ?? 1000)) return collection(features, undefined);
    }
    const page = await readSources<ReturnType<typeof toFeature> | ReadWhole>(
      points ? pointSources(sources) : sources,
      (item) => (points && needsWholeItem(item) ? { whole: item.id as string } : toFeature(compoundFromItem(item))),
      query.limit ?? 1000,
      cursorOf(query.nextToken),
    );
    return collection(await wholeWhereNeeded(page.items, toFeature), tokenOf(page.next));
  },

  getCompound: async ({ params, caller }) => {
    const compound = await compoundForCaller(params.id, caller);
    return versioned(compoundFeature(compound), compoundEtag(compound));
  },

  createCompound: async ({ body, caller }) => {
    const places = await loadPlaces();
    // A community admin's new compound belongs to their community unless they name it.
    const communityId = body.communityId ?? (caller.role === 'community' ? caller.jurisdiction.communityId : undefined);
    if (communityId) communityForCaller(places, communityId, caller, 'body.communityId');
    const at = nowIso();
    const compound = newCompound({ ...body, communityId }, { caller, at, communities: places.communities });
    await createCompound(compound, { caller, at, changes: diff(undefined, compound, AUDITED_COMPOUND_FIELDS) });
    return new Reply(compoundFeature(compound), { location: `/v1/compounds/${compound.id}` });
  },

  patchCompound: async ({ params, body, headers, caller }) => {
    const current = await compoundForCaller(params.id, caller, { consistent: true });
    const what = message('thing.compound', { id: params.id });
    // Checked before the change is worked out: a client that saw another version decides anew.
    requireMatch(headers['if-match'], compoundEtag(current), what);
    const places = await loadPlaces();
    if (body.communityId) communityForCaller(places, body.communityId, caller, 'body.communityId');
    const at = nowIso();
    const next = changedCompound(current, body, { caller, at, communities: places.communities });
    const changes = diff(current, next, AUDITED_COMPOUND_FIELDS);
    if (Object.keys(changes).length === 0) return versioned(compoundFeature(current), compoundEtag(current));
    // A new name, place or area changes how its exits are listed: judged in the same step. The
    // write is conditional on the version read, the one If-Match named.
    await matchedWrite(headers['if-match'], what, () =>
      saveJudgedCompound(current, next, { action: 'update', caller, at, changes }, {
        conflict: message('change.meanwhile', { what }),
      }));
    return versioned(compoundFeature(next), compoundEtag(next));
  },

  listCompoundHistory: async ({ params, query, caller }) => {
    await compoundForCaller(params.id, caller);
    const page = await readSources(
      [auditSource('COMPOUND', params.id)],
      (item) => auditFor(caller, auditFromItem(item)),
      query.limit ?? 100,
      cursorOf(query.nextToken),
    );
    return pageOf(page.items, page.next);
  },

  listCompoundBuildings: async ({ params, query, caller }) => {
    await compoundForCaller(params.id, caller);
    return childCollection(childSource(params.id, 'building'), query, (item) => buildingFeature(buildingFromItem(item)));
  },

  listCompoundExits: async ({ params, query, caller }) => {
    await compoundForCaller(params.id, caller);
    return childCollection(childSource(params.id, 'exit'), query, (item) => exitFeature(exitFromItem(item)));
  },
});

/** A compound of a page of dots to be read whole (see needsWholeItem). */
interface ReadWhole {
  readonly whole: string;
}

/** The page's features, those marked ReadWhole read whole now (rare: stored before the checks). */
async function wholeWhereNeeded<F extends object>(items: readonly (F | ReadWhole | undefined)[], toFeature: (c: CompoundRecord) => F | undefined): Promise<F[]> {
  const marked = (item: F | ReadWhole | undefined): item is ReadWhole => item !== undefined && 'whole' in item;
  const ids = items.filter(marked).map((item) => item.whole);
  const whole = new Map(ids.length > 0 ? (await getCompounds(ids)).map((c) => [c.id, c]) : []);
  return items.flatMap((item) => {
    const feature = marked(item) ? (whole.has(item.whole) ? toFeature(whole.get(item.whole) as CompoundRecord) : undefined) : item;
    return feature === undefined ? [] : [feature];
  });
}

/** One page of a compound's buildings or exits as features. */
async function childCollection<F>(
  source: Source,
  query: { limit?: number; nextToken?: string },
  toFeature: (item: Record<string, unknown>) => F,
) {
  const page = await readSources(
    [source],
    toFeature,
    query.limit ?? 1000,
    cursorOf(query.nextToken),
  );
  return collection(page.items, tokenOf(page.next));
}

/** The narrowest index that answers this list for this caller. */
async function listSources(query: CompoundListQuery, caller: Caller, places: Places): Promise<Source[]> {
  const prefix = statusPrefix(query.status);
  if (query.bbox) return geoSources(query.bbox);
  if (query.unassigned) return [communitySource(null, prefix)];
  if (query.communityId) return [communitySource(query.communityId, prefix)];
  if (query.streetId) return [streetSource(query.streetId, prefix)];
  return scopeSources(caller, places, prefix);
}

/** Most compounds a street's stored dots hold (the list's largest page). */
const STREET_DOTS_MAX = 1000;

/** A street's list from its first page, filtered by nothing the street's dots cannot answer (a status, the caller's reach). */
const wholeStreet = (query: CompoundListQuery): boolean =>
  query.nextToken === undefined && query.bbox === undefined && query.communityId === undefined && query.unassigned === undefined;

function matches(c: CompoundRecord, query: CompoundListQuery, caller: Caller): boolean {
  return (
    canSeeCompound(caller, c) &&
    (query.bbox === undefined || compoundInBbox(c, query.bbox)) &&
    (query.status === undefined || c.status === query.status) &&
    (query.communityId === undefined || c.communityId === query.communityId) &&
    (query.streetId === undefined || c.streetId === query.streetId) &&
    (query.unassigned === undefined || c.unassigned === query.unassigned)
  );
}

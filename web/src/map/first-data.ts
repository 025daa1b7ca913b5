/**
 * The city map's first data, asked for the moment the map view is chosen: the communities of the
 * caller's jurisdiction and, when it spans several streets, every compound of it as a dot. The
 * map's own chunk (Leaflet and the map's views) takes a few hundred milliseconds to arrive, run
 * and render before the map could ask; the server answers meanwhile (issue 19: the city view
 * waited on its compounds, and they started only after all that).
 *
 * StaffApp starts it while the map's chunk loads (only then: a map opened again, its chunk in
 * hand, asks for itself), and the map page takes it over once, for the same user in the same
 * language, within a few seconds; anything else is dropped, never shown to anyone else. Light on
 * purpose: it is in the signed-in side's chunk, which every staff view loads.
 */
import type { CompoundShape } from '#shared/schemas/compound.ts';
import { allFeatures, type ApiClient, type FeatureOf } from '../api/client.ts';

export type CommunityFeature = FeatureOf<'listCommunities'>;
export type CompoundSummary = FeatureOf<'listCompounds'>;

/** What the map takes over: the communities, and the whole jurisdiction's dots when it spans several streets. */
export interface FirstData {
  readonly username: string;
  readonly language: string;
  readonly startedAt: number;
  readonly communities: Promise<CommunityFeature[]>;
  /** Undefined once the communities show a single street (the map then lists by view). */
  readonly compounds: Promise<CompoundSummary[] | undefined>;
}

/** Older than this, started data is not taken over: the map asks afresh. */
export const FIRST_DATA_FRESH_MS = 15_000;

let started: FirstData | undefined;

/** The streets of these communities, each once. */
export const streetIdsOf = (communities: readonly CommunityFeature[]): string[] =>
  [...new Set(communities.map((c) => c.properties.streetId))];

/**
 * Every compound of the caller's jurisdiction. Over several streets one listing would be a long
 * chain of pages, each read after the last (and each reading ahead in every street it has not
 * finished); instead each street is listed on its own, a few at once, and the compounds held at
 * city level (unassigned: no community, so no street) as one more list. That covers the
 * jurisdiction exactly: an assigned compound's street is its community's. Duplicates (none
 * expected) are dropped by id where the cells are merged.
 *
 * All are asked for at once: the browser holds back what its connections cannot carry yet (six
 * to one origin over HTTP/1.1; none over HTTP/2) and sends each the moment one frees. Queued in
 * script instead, the next list waited for the page's main thread to take the last answer, and
 * that thread is busy building the map just then (the benchmark showed 0.3 s gaps between waves).
 */
export async function wholeJurisdiction(api: ApiClient, streetIds: readonly string[], shape: CompoundShape): Promise<CompoundSummary[]> {
  const list = (query: { streetId?: string; unassigned?: 'true' }) => allFeatures(api, 'listCompounds', { query: { ...query, shape, limit: 1000 } });
  if (streetIds.length < 2) return list({});
  const parts = [...streetIds.map((streetId) => ({ streetId })), { unassigned: 'true' as const }];
  return (await Promise.all(parts.map(list))).flat();
}

/** Starts the map's first data for this user and language, unless it is already under way. */
export function startFirstData(api: ApiClient, username: string, language: string): void {
  if (started && started.username === username && started.language === language && !stale(started)) return;
  const communities = allFeatures(api, 'listCommunities', {});
  const compounds = communities.then((list) => {
    const streetIds = streetIdsOf(list);
    return streetIds.length >= 2 ? wholeJurisdiction(api, streetIds, 'point') : undefined;
  });
  // Whoever takes them over sees their failures; left alone, they are nobody's.
  communities.catch(() => undefined);
  compounds.catch(() => undefined);
  started = { username, language, startedAt: Date.now(), communities, compounds };
}

/** The data started for this user and language, if fresh; taken once (a later map asks afresh). */
export function takeFirstData(username: string, language: string): FirstData | undefined {
  const data = started;
  started = undefined;
  return data && data.username === username && data.language === language && !stale(data) ? data : undefined;
}

const spent = new WeakSet<FirstData>();

/** Taken-over data the first time a load asks, in its language; nothing after (a retry asks afresh). */
export function spendFirstData(data: FirstData | undefined, language: string): FirstData | undefined {
  if (!data || data.language !== language || spent.has(data)) return undefined;
  spent.add(data);
  return data;
}

const stale = (data: FirstData) => Date.now() - data.startedAt > FIRST_DATA_FRESH_MS;

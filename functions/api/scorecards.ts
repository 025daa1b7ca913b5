/**
 * Six in place routes (六个到位): one compound's scorecard of a China day, and the shares in place of
 * a community (its compounds), a street (by community) or the caller's jurisdiction (by street),
 * all judged by shared/domain/scorecard.ts from the evidence scorecard-store gathers.
 */
import { chinaDay } from '#shared/domain/china-time.ts';
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import { isSealed } from '#shared/domain/exits.ts';
import { scorecardGroups, scorecardItems, scorecardShares, type JudgedCompound } from '#shared/domain/scorecard.ts';
import { inParallel } from '#shared/parallel.ts';
import { scorecardsRoutes } from '#shared/catalogue/routes/scorecards.ts';
import type { Language } from '#shared/messages/language.ts';
import { canSeeCompound, listScope } from '#shared/roles.ts';
import type { Scorecard, ScorecardGroup } from '#shared/schemas/inspection.ts';
import { communityForCaller, compoundForCaller, streetForCaller } from '../edge/access.ts';
import { httpHandler } from '../edge/http.ts';
import { nowIso } from '../platform/clock.ts';
import { cityCompounds, compoundsOfCommunity, compoundsOfStreet } from '../stores/compound-store.ts';
import { loadPlaces } from '../stores/places-store.ts';
import { scorecardEvidence } from '../stores/scorecard-store.ts';

/** Compounds judged side by side in a roll-up (each a handful of queries). */
const IN_FLIGHT = 8;

async function scorecardOf(compound: CompoundRecord, date: string, at: string, language: Language): Promise<Scorecard> {
  const items = scorecardItems(await scorecardEvidence(compound, date, at), language);
  return { compoundId: compound.id, compoundName: compound.name, date, inPlace: items.filter((i) => i.inPlace).length, items };
}

export const handler = httpHandler(scorecardsRoutes, {
  getCompoundScorecard: async ({ params, query, caller, language }) => {
    const compound = await compoundForCaller(params.id, caller);
    const at = nowIso();
    return scorecardOf(compound, query.date ?? chinaDay(at), at, language);
  },

  listScorecards: async ({ query, caller, language }) => {
    const places = await loadPlaces();
    const at = nowIso();
    const date = query.date ?? chinaDay(at);
    let level: 'community' | 'street' | 'city';
    let compounds: CompoundRecord[];
    let total: Pick<ScorecardGroup, 'id' | 'name' | 'level'>;
    const scope = listScope(caller);
    const communityId = query.communityId ?? (scope.level === 'community' ? scope.communityId : undefined);
    const streetId = query.streetId ?? (scope.level === 'street' ? scope.streetId : undefined);
    if (communityId !== undefined) {
      const community = communityForCaller(places, communityId, caller, 'query.communityId');
      compounds = await compoundsOfCommunity(community.id);
      level = 'community';
      total = { id: community.id, name: community.name, level };
    } else if (streetId !== undefined) {
      const street = streetForCaller(places, streetId, caller, 'query.streetId');
      compounds = await compoundsOfStreet(street.id);
      level = 'street';
      total = { id: street.id, name: street.name, level };
    } else {
      compounds = await cityCompounds();
      level = 'city';
      total = { id: null, name: '', level };
    }
    // Only the compounds under closure have six in place to judge.
    const judged = compounds.filter((c) => isSealed(c.status) && canSeeCompound(caller, c));
    const cards = await inParallel(judged, IN_FLIGHT, (c) => scorecardOf(c, date, at, language));
    const placed: JudgedCompound[] = cards.map((card, i) => {
      const c = judged[i] as CompoundRecord;
      return { compoundId: c.id, communityId: c.communityId, streetId: c.streetId, sealed: true, items: card.items };
    });
    const nameOf = (id: string | null) =>
      (id === null ? '' : (places.communityById.get(id)?.name ?? places.streetById.get(id)?.name ?? id));
    const groups = level === 'community'
      ? placed.map((p, i) => scorecardShares([p], { id: p.compoundId, name: cards[i]?.compoundName ?? p.compoundId, level: 'compound' }))
      : scorecardGroups(placed, level === 'street' ? 'community' : 'street', nameOf);
    return { date, total: scorecardShares(placed, total), groups, compounds: level === 'community' ? cards : [] };
  },
});

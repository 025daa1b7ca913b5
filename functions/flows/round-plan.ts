/**
 * Planning a disinfection round (the fan-out's level 1 for the disinfection kind): which
 * compounds it covers and the case buildings its task builder needs, read once for the whole
 * round — 14 queries of the sparse case-buildings index, never a read per compound.
 * - Scheduled rounds: every compound under closed management or lockdown (a slot with public
 *   areas; from the street index by status) and every compound with a case building (a slot with
 *   case buildings).
 * - Manual rounds: the compounds of the launched scope.
 */
import type { CampaignRecord } from '../stores/campaign-store.ts';
import { caseBuildings } from '../stores/case-store.ts';
import { cityCompounds } from '../stores/compound-store.ts';
import { CLOSURE_STATUSES } from '#shared/domain/disinfection.ts';

export async function planRound(
  campaign: CampaignRecord,
  inScope: () => Promise<string[]>,
): Promise<{ compoundIds: string[]; caseBuildings: Record<string, string[]> }> {
  const round = campaign.round;
  if (!round) return { compoundIds: await inScope(), caseBuildings: {} };
  const [cases, listed] = await Promise.all([
    round.caseBuildings ? caseBuildings(round.day) : Promise.resolve({} as Record<string, string[]>),
    round.scheduled ? (round.publicAreas ? cityCompounds(CLOSURE_STATUSES).then((compounds) => compounds.map((c) => c.id)) : Promise.resolve([])) : inScope(),
  ]);
  const compoundIds = round.scheduled ? [...new Set([...listed, ...Object.keys(cases)])] : [...new Set(listed)];
  const inRound = new Set(compoundIds);
  const caseMap = Object.fromEntries(Object.entries(cases).filter(([id]) => inRound.has(id)));
  return { compoundIds, caseBuildings: caseMap };
}

/**
 * Every 5 minutes: starts the disinfection round of the current China-time slot (the latest slot
 * of today that has started; DISINFECTION_ROUND_TIMES and CASE_BUILDING_ROUND_TIMES). The round's
 * campaign id comes from its day and slot and is created conditionally, so a schedule fired twice,
 * late, or by two runners makes one round; a round whose plan message was lost is resent by
 * restartCampaigns. City-wide: the planner picks the compounds under closed management or
 * lockdown and those with case buildings (functions/flows/round-plan.ts).
 */
import { currentRound, roundIdOf, scheduledRound } from '#shared/domain/disinfection.ts';
import { SYSTEM_ACTOR } from '#shared/roles.ts';
import { launchCampaign } from '../flows/campaign-launch.ts';
import { nowIso } from '../platform/clock.ts';
import { config } from '../platform/config.ts';
import { ConflictError } from '../platform/errors.ts';
import { logger } from '../platform/logger.ts';
import { scheduledHandler } from '../edge/scheduled.ts';

const CITY = { type: 'city', streetId: null, communityId: null, gridId: null, compoundId: null } as const;

/** The current slot's round: started now, or found started already; undefined before the day's first slot. */
export async function startRound(at: string = nowIso()): Promise<{ id: string; started: boolean } | undefined> {
  const settings = config().rounds;
  const slot = currentRound(at, settings);
  if (!slot) return undefined;
  const id = roundIdOf(slot.day, slot.slot);
  try {
    await launchCampaign({ id, kind: 'disinfection', scope: { type: 'city' }, place: CITY, createdAt: at, createdBy: SYSTEM_ACTOR.username, round: scheduledRound(slot, settings) }, SYSTEM_ACTOR);
    return { id, started: true };
  } catch (error) {
    if (error instanceof ConflictError) return { id, started: false };
    throw error;
  }
}

export const handler = scheduledHandler('startRounds', async () => {
  logger.info('disinfection round', { round: (await startRound()) ?? 'none yet today' });
});

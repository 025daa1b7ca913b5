/**
 * Worker of the assignCompounds queue: once community boundaries change (an import, or the
 * hourly safety net), places every compound still held at city level in the community whose
 * boundary holds its point, writing each with an audit record by `system`. Each compound is a
 * conditional write on its version, so a redelivered message or a concurrent edit never puts
 * back a stale compound: a compound someone changed meanwhile is left for the next run.
 * A compound placed in a community has its exits' rule group marked due in the same write and
 * judged after it, so the unresolved exits list shows its community and street at once.
 */
import { diff } from '#shared/domain/audit.ts';
import { AUDITED_COMPOUND_FIELDS, changedCompound } from '#shared/domain/compounds.ts';
import { SYSTEM_ACTOR } from '#shared/roles.ts';
import { nowIso } from '../platform/clock.ts';
import { compoundsOfCommunity } from '../stores/compound-store.ts';
import { ConflictError } from '../platform/errors.ts';
import { saveJudgedCompound } from '../stores/exit-rules-store.ts';
import { logger } from '../platform/logger.ts';
import { inParallel } from '#shared/parallel.ts';
import { loadPlaces } from '../stores/places-store.ts';
import { sqsHandler } from '../edge/sqs.ts';

const CONCURRENCY = 8;

export interface AssignResult {
  readonly unassigned: number;
  readonly assigned: number;
  /** Changed by someone else between read and write; the next run sees them again. */
  readonly conflicts: number;
}

/** Places the unassigned compounds that a boundary now holds. */
export async function assignUnassigned(options: { reason: string }): Promise<AssignResult> {
  const { communities } = await loadPlaces({ fresh: true });
  const waiting = await compoundsOfCommunity(null);
  const at = nowIso();
  const placed = waiting
    .map((current) => ({ current, next: changedCompound(current, {}, { caller: SYSTEM_ACTOR, at, communities }) }))
    .filter(({ next }) => !next.unassigned);
  const written = await inParallel(placed, CONCURRENCY, async ({ current, next }) => {
    try {
      await saveJudgedCompound(
        current,
        next,
        { action: 'assign', caller: SYSTEM_ACTOR, at, changes: diff(current, next, AUDITED_COMPOUND_FIELDS), source: options.reason },
        { condition: 'unassigned = :yes', values: { ':yes': true }, conflict: `compound ${next.id} changed while it was being assigned` },
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return false;
    }
  });
  const conflicts = written.filter((ok) => !ok).length;
  return { unassigned: waiting.length, assigned: placed.length - conflicts, conflicts };
}

export const handler = sqsHandler('assignCompounds', async (message) => {
  const result = await assignUnassigned(message);
  logger.info('assigned compounds', { ...result, reason: message.reason });
});

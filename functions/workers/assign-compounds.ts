/**
 * Worker of the assignCompounds queue: once community boundaries change (an import, or the
 * hourly safety net), places every compound still held at city level in the community whose
 * boundary holds its point, writing each with an audit record by `system`. Each compound is a
 * conditional write on its version, so a redelivered message or a concurrent edit never puts
 * back a stale compound: a compound someone changed meanwhile is left for the next run.
 */
import { diff } from '../../shared/domain/audit.ts';
import { AUDITED_COMPOUND_FIELDS, changedCompound, type CompoundRecord } from '../../shared/domain/compounds.ts';
import { indexKeys } from '../../shared/table.ts';
import { auditItem } from '../lib/audit.ts';
import { nowIso } from '../lib/clock.ts';
import { compoundFromItem, compoundWriteItem } from '../lib/compound-store.ts';
import { ConflictError } from '../lib/errors.ts';
import { logger } from '../lib/logger.ts';
import { loadPlaces } from '../lib/places-store.ts';
import { sqsHandler } from '../lib/sqs.ts';
import { queryAll, transactWrite, type Item } from '../lib/table.ts';

/** The system acts with city-wide reach; audit records name it as the actor. */
export const SYSTEM = { username: 'system', role: 'city' } as const;
const CONCURRENCY = 8;

export interface AssignResult {
  readonly unassigned: number;
  readonly assigned: number;
  /** Changed by someone else between read and write; the next run sees them again. */
  readonly conflicts: number;
}

/** Places the unassigned compounds (of one street's communities, when given) that a boundary now holds. */
export async function assignUnassigned(options: { streetId?: string | null | undefined; reason: string }): Promise<AssignResult> {
  const places = await loadPlaces({ fresh: true });
  const communities = options.streetId ? places.communities.filter((c) => c.streetId === options.streetId) : places.communities;
  const waiting = (await queryAll<Item>({ index: 'byParent', partition: indexKeys.compoundsOfCommunity(null) })).map(compoundFromItem);
  const at = nowIso();
  const placed = waiting
    .map((current) => ({ current, next: changedCompound(current, {}, { caller: SYSTEM, at, communities }) }))
    .filter(({ next }) => !next.unassigned);
  let conflicts = 0;
  let cursor = 0;
  const lanes = Array.from({ length: Math.min(CONCURRENCY, placed.length) }, async () => {
    while (cursor < placed.length) {
      const { current, next } = placed[cursor++] as { current: CompoundRecord; next: CompoundRecord };
      try {
        await write(current, next, at, options.reason);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        conflicts++;
      }
    }
  });
  await Promise.all(lanes);
  return { unassigned: waiting.length, assigned: placed.length - conflicts, conflicts };
}

function write(current: CompoundRecord, next: CompoundRecord, at: string, reason: string): Promise<void> {
  return transactWrite(
    [
      { put: compoundWriteItem(next), condition: 'version = :v AND unassigned = :yes', values: { ':v': current.version, ':yes': true } },
      {
        put: auditItem({
          entity: 'COMPOUND', entityId: next.id, action: 'assign', caller: SYSTEM, at,
          changes: diff(current, next, AUDITED_COMPOUND_FIELDS), source: reason,
        }),
      },
    ],
    `compound ${next.id} changed while it was being assigned`,
  );
}

export const handler = sqsHandler('assignCompounds', async (message) => {
  const result = await assignUnassigned(message);
  logger.info('assigned compounds', { ...result, reason: message.reason });
});

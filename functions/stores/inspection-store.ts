/**
 * Inspections (督导检查) in the table: `INSPECTION#<id>`, listed from their street's partition
 * (byStreet, sorted by community, compound and time, so a community's or a compound's are one
 * begins_with). An open inspection with a deadline also sits in the sparse due partition (byParent
 * `INSPECTIONS#DUE`, by deadline), which the overdue job reads; flagging it overdue or rectifying it
 * takes it out. Every change is conditional on the status read and carries its audit record; the
 * overdue flag lands with its alert in one transaction, so a rerun raises nothing twice, and a
 * rectification closes that alert in its own transaction, so no overdue alert outlives its finding.
 */
import { chinaDay } from '#shared/domain/china-time.ts';
import { dayEnd } from '#shared/domain/disinfection.ts';
import { clockInState } from '#shared/domain/duty.ts';
import { message } from '#shared/messages/message.ts';
import { inParallel } from '#shared/parallel.ts';
import { listScope, type Caller } from '#shared/roles.ts';
import type { MissedRound } from '#shared/schemas/disinfection.ts';
import type { Inspection, InspectionStatus } from '#shared/schemas/inspection.ts';
import { indexKeys, indexSortKeys, keys, UNASSIGNED } from '#shared/table.ts';
import { auditItem } from './audit-store.ts';
import { missedRoundsSource, type MissedRoundsWithin } from './disinfection-log-store.ts';
import { shiftsBetween } from './duty-store.ts';
import { ruleSettings } from './exit-rules-store.ts';
import { chinaDayStart, exitsOf } from './scorecard-store.ts';
import type { Places } from './places-store.ts';
import { readAll, withoutKeys, type Source } from '../platform/list-sources.ts';
import { getItem, queryAll, transactWrite, type Item, type TransactOp } from '../platform/table.ts';

/** The query of a list source (the ones read here are queries). */

const DUE_STATUSES: readonly InspectionStatus[] = ['open'];

export function inspectionItem(inspection: Inspection): Item {
  const due = DUE_STATUSES.includes(inspection.status) && inspection.deadline !== undefined;
  return {
    ...keys.inspection(inspection.id),
    type: 'inspection',
    gsi3pk: indexKeys.inspectionsOfStreet(inspection.streetId),
    gsi3sk: indexSortKeys.inspection(inspection.communityId, inspection.compoundId, inspection.inspectedAt, inspection.id),
    ...(due ? { gsi1pk: indexKeys.inspectionsDue(), gsi1sk: `${inspection.deadline}#${inspection.id}` } : {}),
    ...inspection,
  };
}

export const inspectionFromItem = (item: Item): Inspection => withoutKeys<Inspection>(item);

export async function getInspection(id: string, options: { consistent?: boolean } = {}): Promise<Inspection | undefined> {
  const item = await getItem<Item>(keys.inspection(id), options);
  return item ? inspectionFromItem(item) : undefined;
}

/** Records a new inspection with its audit record. */
export async function recordInspection(inspection: Inspection, caller: Pick<Caller, 'username' | 'role'>): Promise<Inspection> {
  await transactWrite(
    [
      { put: inspectionItem(inspection), condition: 'attribute_not_exists(pk)' },
      {
        put: auditItem({
          entity: 'INSPECTION', entityId: inspection.id, action: 'create', caller, at: inspection.inspectedAt,
          changes: {
            status: { from: null, to: inspection.status },
            findings: { from: null, to: inspection.items.filter((i) => !i.ok).map((i) => i.key).join(',') },
            responsible: { from: null, to: inspection.responsible ?? null },
          },
        }),
      },
    ],
    message('inspection.exists', { id: inspection.id }),
  );
  return inspection;
}

/**
 * Writes a status change read as `from` (rectified, or flagged overdue), only while the stored
 * inspection still has that status: a change meanwhile fails with a ConflictError. `alertWrites`
 * land in the same transaction: the overdue alert raised (alertOps), or closed on rectification
 * (closeAlertOps).
 */
export async function saveInspectionChange(
  next: Inspection,
  from: InspectionStatus,
  caller: Pick<Caller, 'username' | 'role'>,
  at: string,
  alertWrites: readonly TransactOp[] = [],
): Promise<void> {
  await transactWrite(
    [
      { put: inspectionItem(next), condition: '#status = :from', names: { '#status': 'status' }, values: { ':from': from } },
      {
        put: auditItem({
          entity: 'INSPECTION', entityId: next.id, action: next.status === 'rectified' ? 'rectify' : 'overdue', caller, at,
          changes: {
            status: { from, to: next.status },
            ...(next.rectifyNote !== undefined ? { rectifyNote: { from: null, to: next.rectifyNote } } : {}),
          },
        }),
      },
      ...alertWrites,
    ],
    message('inspection.changed-meanwhile', { id: next.id }),
  );
}

/** Open inspections whose deadline is at or before `at`, from the sparse due partition. */
export async function inspectionsDueBy(at: string): Promise<Inspection[]> {
  const items = await queryAll<Item>({ index: 'byParent', partition: indexKeys.inspectionsDue(), between: ['0', `${at}#~`] });
  return items.map(inspectionFromItem);
}

/**
 * Where a caller's inspections are read from: a compound's or a community's (one begins_with of
 * its street's partition), a street's, or every street of the caller's jurisdiction.
 */
export function inspectionSources(
  caller: Caller,
  places: Places,
  narrowed: { readonly streetId?: string | null; readonly communityId?: string | null; readonly compoundId?: string },
): Source[] {
  const source = (streetId: string | null, beginsWith?: string): Source => ({
    kind: 'query', query: { index: 'byStreet', partition: indexKeys.inspectionsOfStreet(streetId), beginsWith, newestFirst: true },
  });
  if (narrowed.communityId !== undefined && narrowed.streetId !== undefined) {
    const prefix = `${narrowed.communityId ?? UNASSIGNED}#${narrowed.compoundId !== undefined ? `${narrowed.compoundId}#` : ''}`;
    return [source(narrowed.streetId, prefix)];
  }
  if (narrowed.streetId !== undefined) return [source(narrowed.streetId)];
  const scope = listScope(caller);
  switch (scope.level) {
    case 'city':
      return [...places.streets.map((s) => source(s.id)), source(null)];
    case 'street':
      return [source(scope.streetId)];
    case 'community': {
      const community = places.communityById.get(scope.communityId);
      return community ? [source(community.streetId ?? null, `${community.id}#`)] : [];
    }
    case 'grid':
    case 'compounds':
      return [];
  }
}

/** Every inspection of the sources (an accountability list reads all of a community's or street's). */
export async function inspectionsOf(sources: readonly Source[]): Promise<Inspection[]> {
  const lists = await Promise.all(sources.map((s) => readAll(s)));
  return lists.flat().map(inspectionFromItem);
}

/** The missed disinfection rounds of these China days, within a street or community (or the city's). */
export async function missedRoundsOn(days: readonly string[], within: MissedRoundsWithin | undefined): Promise<MissedRound[]> {
  const lists = await Promise.all(days.map((day) => readAll(missedRoundsSource(day, within))));
  return lists.flat().map((item) => withoutKeys<MissedRound>(item));
}

/** A shift whose person never clocked in (擅离职守): its compound, China day and person (a username). */
export interface MissedClockIn {
  readonly compoundId: string;
  readonly date: string;
  readonly person: string;
}

/**
 * The missed clock-ins of these compounds on these China days, judged as of `at`: the shifts of
 * their exits (any exit: one sealed now may have been open then) that started on one of the days
 * and were not clocked in within the grace. Shifts are stored per exit, so this reads each exit's
 * shifts over the days' span once.
 */
export async function missedClockInsOn(compoundIds: readonly string[], days: readonly string[], at: string): Promise<MissedClockIn[]> {
  if (days.length === 0) return [];
  const wanted = new Set(days);
  const sorted = [...days].sort();
  const from = chinaDayStart(sorted[0] as string);
  const to = dayEnd(sorted[sorted.length - 1] as string);
  const grace = ruleSettings().clockInGraceMinutes;
  const exits = (await inParallel(compoundIds, 8, exitsOf)).flat();
  const lists = await inParallel(exits, 8, (exit) => shiftsBetween(exit.id, from, to));
  return lists.flat().flatMap((shift) => {
    const date = chinaDay(shift.start);
    if (!wanted.has(date) || clockInState(shift, at, grace) !== 'missed') return [];
    return [{ compoundId: shift.compoundId, date, person: shift.person }];
  });
}

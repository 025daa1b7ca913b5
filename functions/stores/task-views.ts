/**
 * A task as the API shows it: the summary of lists and actions (lease time left, coverage, a
 * round's due time), the full view with households and visits (their residents' details and the
 * round's free text as the reader may see them), and a visit stored earlier answered again to a
 * resend.
 */
import { secondsLeft } from '#shared/domain/tasks.ts';
import { noteFor } from '#shared/domain/privacy.ts';
import { coverageRatio, visitFingerprint, withoutResidentDetails } from '#shared/domain/visits.ts';
import { roundStatus } from '#shared/domain/disinfection.ts';
import type { RoundOfTask } from '#shared/schemas/disinfection.ts';
import { seesResidentDetails, type Caller } from '#shared/roles.ts';
import type { Task, TaskSummary } from '#shared/schemas/task.ts';
import type { Visit, VisitCreate } from '#shared/schemas/visit.ts';
import { keys } from '#shared/table.ts';
import { householdsOfTask, type TaskRecord } from './task-records.ts';
import { now } from '../platform/clock.ts';
import { ConflictError } from '../platform/errors.ts';
import { withoutKeys } from '../platform/list-sources.ts';
import { getItem, queryAll, type Item } from '../platform/table.ts';
import { message } from '#shared/messages/message.ts';

export function taskSummary(t: TaskRecord, at: Date = now()): TaskSummary {
  return {
    id: t.id, campaignId: t.campaignId, kind: t.kind, targetId: t.targetId, buildingId: t.buildingId, buildingName: t.buildingName,
    compoundId: t.compoundId, compoundName: t.compoundName, communityId: t.communityId, streetId: t.streetId, gridId: t.gridId,
    order: t.order, location: [t.location[0], t.location[1]], status: t.status, holder: t.holder ?? null, leaseExpiresAt: t.leaseExpiresAt ?? null,
    leaseSecondsLeft: t.status === 'claimed' ? secondsLeft(t.leaseExpiresAt ?? null, at) : null,
    householdsTotal: t.householdsTotal, householdsVisited: t.householdsVisited, peopleSeen: t.peopleSeen,
    coverage: coverageRatio(t.householdsVisited, t.householdsTotal), covered: t.covered,
    ...(t.round ? roundSummary(t, at) : {}),
  };
}

/** A round task's own fields in a summary. */
function roundSummary(t: TaskRecord, at: Date) {
  const round = t.round as RoundOfTask;
  return {
    round: { day: round.day, slot: round.slot, target: round.target, dueAt: round.dueAt, planned: [...round.planned] },
    overdue: roundStatus({ status: t.status, dueAt: round.dueAt }, at.toISOString()) === 'overdue',
    ...(t.status === 'done' ? { areasDone: [...(t.areasDone ?? [])], partial: t.partial === true } : {}),
  };
}

const visitFromItem = (item: Item): Visit => {
  const { fingerprint: _f, ...visit } = withoutKeys<Visit & { fingerprint?: string }>(item);
  return visit;
};

/**
 * The task with its households and visits as the caller may read it: a visit's note and a
 * returnee's origin only for those who see residents' details, a round's note and reason masked
 * for the rest (noteFor).
 */
export async function taskView(t: TaskRecord, caller: Caller): Promise<Task> {
  const visits = (await queryAll<Item>({ partition: keys.visit(t.id, '').pk, beginsWith: 'VISIT#', consistent: true }))
    .map(visitFromItem)
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.visitId.localeCompare(b.visitId));
  return {
    ...taskSummary(t),
    households: householdsOfTask(t).map((h) => ({ ...h, outcome: t.hh[h.id]?.o ?? null })),
    visits: seesResidentDetails(caller) ? visits : visits.map(withoutResidentDetails),
    ...(t.completedAt ? { completedAt: t.completedAt, completedBy: t.completedBy } : {}),
    ...(t.note ? { note: noteFor(caller, t.note) } : {}),
    ...(t.reason ? { reason: noteFor(caller, t.reason) } : {}),
  };
}

/** A conflict for a resent visit id whose body differs; the stored visit when it is the same. */
function sameVisit(existing: Item, body: VisitCreate): Visit {
  if (existing.fingerprint !== visitFingerprint(body)) {
    throw new ConflictError(message('task.visit-differs', { id: body.visitId }));
  }
  return visitFromItem(existing);
}

/** The visit already stored under this id: the same one answered again, or a conflict when the body differs. */
export async function storedVisit(taskId: string, body: VisitCreate): Promise<Visit | undefined> {
  const existing = await getItem<Item>(keys.visit(taskId, body.visitId), { consistent: true });
  return existing ? sameVisit(existing, body) : undefined;
}

/**
 * Recording a visit to a household of a task: the visit, the task's household state and
 * counters, the campaign's and places' coverage, the audit record and, when symptoms were met,
 * the alert, in one transaction.
 */
import { addOp, campaignAdds, coverOp } from './campaign-store.ts';
import { alertOps } from './alert-store.ts';
import { householdsOfTask, type TaskRecord } from './task-records.ts';
import { storedVisit } from './task-views.ts';
import { asHolder, onLatestTask, taskAudit, taskUpdate } from './task-writes.ts';
import { newAlert } from '#shared/domain/alerts.ts';
import { applyVisit, checkVisit, flagCounts, visitFingerprint } from '#shared/domain/visits.ts';
import type { Caller } from '#shared/roles.ts';
import type { Visit, VisitCreate } from '#shared/schemas/visit.ts';
import { keys } from '#shared/table.ts';
import { ConflictError, ValidationError } from '../platform/errors.ts';
import { failedConditions, transactWithRetry, type TransactOp } from '../platform/table.ts';
import { message } from '#shared/messages/message.ts';

/**
 * Visits to one task are serialised by its version, so a phone sending its offline backlog at
 * once (a building's households in parallel) needs about one round per visit: retry with
 * jittered backoff so the racers spread out instead of all losing again together (the first
 * retry waits up to 20 ms, doubling to 400 ms: the numbers the race was tuned with).
 */
const VISIT_RACE = { baseMs: 20, capMs: 400, attempts: 16 } as const;

/**
 * Records a visit once. A resent visit (same id, same body) answers the stored visit and changes
 * nothing: the caller looks it up first ({@link storedVisit}), before any check a replay must
 * pass even after the task moved on; here a visit stored meanwhile is caught. A visit racing
 * another on the same task (the version moved) is recomputed on the new state.
 */
export async function recordVisit(first: TaskRecord, body: VisitCreate, caller: Caller): Promise<Visit> {
  return onLatestTask(first, VISIT_RACE, async (t, attempt) => {
    // A racing request may have stored this visit since the caller looked.
    if (attempt > 1) {
      const replayed = await storedVisit(t.id, body);
      if (replayed) return replayed;
    }
    const atIso = asHolder(t, caller);
    const problems = checkVisit(body, new Set(householdsOfTask(t).map((h) => h.id)));
    if (problems.length > 0) throw new ValidationError(problems);
    const ops = visitOps(t, body, caller, atIso);
    try {
      await transactWithRetry(ops.ops);
      return ops.visit;
    } catch (error) {
      const failed = failedConditions(error);
      if (failed?.includes(0)) {
        const stored = await storedVisit(t.id, body);
        if (stored) return stored;
      }
      if (failed?.includes(ops.alertIndex)) throw new ConflictError(message('task.visit-id-used', { id: body.visitId }), { cause: error });
      throw error;
    }
  });
}

function visitOps(t: TaskRecord, body: VisitCreate, caller: Caller, atIso: string) {
  const visit: Visit = { ...body, taskId: t.id, recordedAt: atIso, recordedBy: caller.username };
  const before = t.hh[body.householdId];
  const effect = applyVisit(before, body);
  const coveredNow = !t.covered && t.householdsVisited + effect.householdsVisited >= t.householdsTotal;
  const counts = { householdsVisited: effect.householdsVisited, peopleSeen: effect.peopleSeen, buildingsVisited: coveredNow ? 1 : 0 };
  const place = { streetId: t.streetId, communityId: t.communityId };
  const campaignCounts = campaignAdds(counts, flagCounts(body));
  const ops: TransactOp[] = [
    { put: { ...keys.visit(t.id, body.visitId), type: 'visit', ...visit, fingerprint: visitFingerprint(body) }, condition: 'attribute_not_exists(pk)' },
    taskUpdate(
      t,
      coveredNow ? { covered: true } : {},
      coveredNow ? ['gsi2pk', 'gsi2sk'] : [],
      {
        condition: '#status = :claimed AND holder = :me',
        names: { '#status': 'status', '#hh': 'hh', '#household': body.householdId },
        values: { ':claimed': 'claimed', ':me': caller.username, ':state': effect.next, ':hv': effect.householdsVisited, ':ps': effect.peopleSeen },
        expression: '#hh.#household = :state, householdsVisited = householdsVisited + :hv, peopleSeen = peopleSeen + :ps',
      },
    ),
    taskAudit(t, 'visit', caller, atIso, {
      [`household.${body.householdId}`]: { from: before?.o ?? null, to: effect.next.o },
      visitId: { from: null, to: body.visitId },
    }),
  ];
  if (Object.values(campaignCounts).some((n) => n !== 0)) ops.push(addOp(keys.campaign(t.campaignId), { add: campaignCounts }));
  if (Object.values(counts).some((n) => n !== 0)) {
    ops.push(coverOp(t.campaignId, 'compound', t.compoundId, counts, place));
    ops.push(coverOp(t.campaignId, 'grid', t.gridId, counts, place));
    ops.push(coverOp(t.campaignId, 'community', t.communityId, counts, place));
  }
  let alertIndex = -1;
  if (body.symptoms.length > 0) {
    alertIndex = ops.length;
    ops.push(...alertOps(newAlert({
      kind: 'symptoms',
      source: { type: 'visit', id: body.visitId },
      compoundId: t.compoundId,
      communityId: t.communityId,
      streetId: t.streetId,
      ...(t.buildingId ? { buildingId: t.buildingId } : {}),
      raisedAt: atIso,
      raisedBy: caller.username,
      details: { symptoms: body.symptoms, householdId: body.householdId, taskId: t.id, campaignId: t.campaignId, peopleSeen: body.peopleSeen },
    }), caller));
  }
  return { ops, visit, alertIndex };
}

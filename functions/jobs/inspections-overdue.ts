/**
 * Every 15 minutes: the inspections whose rectification deadline has passed unrectified are flagged
 * overdue, each with one `inspection_overdue` alert for its community (which escalates like any
 * alert nobody acknowledges). Reads only the sparse due partition (open inspections with a
 * deadline, by deadline); the flag, its audit record and the alert land in one transaction
 * conditional on the inspection still being open, and flagging takes it out of the partition — so
 * a rerun, or two runs at once, flag and alert each inspection once.
 */
import { newAlert } from '#shared/domain/alerts.ts';
import { isOverdue } from '#shared/domain/inspections.ts';
import { SYSTEM_ACTOR } from '#shared/roles.ts';
import type { Inspection } from '#shared/schemas/inspection.ts';
import { nowIso } from '../platform/clock.ts';
import { ConflictError } from '../platform/errors.ts';
import { logger } from '../platform/logger.ts';
import { alertOps } from '../stores/alert-store.ts';
import { inspectionsDueBy, saveInspectionChange } from '../stores/inspection-store.ts';
import { scheduledHandler } from '../edge/scheduled.ts';

export async function flagOverdueInspections(at: string = nowIso()): Promise<{ due: number; flagged: number }> {
  const due = (await inspectionsDueBy(at)).filter((i) => isOverdue(i, at));
  let flagged = 0;
  for (const inspection of due) {
    const next: Inspection = { ...inspection, status: 'overdue', overdueAt: at };
    const alert = newAlert({
      kind: 'inspection_overdue',
      source: { type: 'inspection', id: inspection.id },
      compoundId: inspection.compoundId,
      communityId: inspection.communityId,
      streetId: inspection.streetId,
      raisedAt: at,
      raisedBy: SYSTEM_ACTOR.username,
      // The place and the items, never a person's phone: the responsible person's name is on the public list.
      details: {
        inspectionId: inspection.id,
        compoundName: inspection.compoundName,
        deadline: inspection.deadline ?? null,
        items: inspection.items.filter((i) => !i.ok).map((i) => i.key),
        ...(inspection.responsible !== undefined ? { responsible: inspection.responsible } : {}),
      },
    });
    try {
      await saveInspectionChange(next, 'open', SYSTEM_ACTOR, at, alertOps(alert, SYSTEM_ACTOR));
      flagged += 1;
    } catch (error) {
      // Rectified or flagged by another run meanwhile: nothing left to do for it.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return { due: due.length, flagged };
}

export const handler = scheduledHandler('inspectionsOverdue', async () => {
  logger.info('overdue inspections flagged', await flagOverdueInspections());
});

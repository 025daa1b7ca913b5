/**
 * Every minute: alerts reach people. From the alert job's sparse index (the work due by now, the
 * last CATCH_UP_DAYS UTC days) it
 * - sends an alert's notices for a level (`notice-<level>`): the recipients of that level from the
 *   staff directory each get an in-app notice, and the notification port sends SMS / e-mail (SNS in
 *   the cloud); every send is recorded per recipient (who, when, channel);
 * - escalates an alert nobody acknowledged within its kind's time (`escalate`): community → street
 *   → city, with an audit record, the next level's notice, and the next escalation due.
 * A rerun does nothing twice: a level's notices are claimed once (the claim's conditional put), an
 * escalation is written only while the alert is still open at the level read, and done work is
 * dropped conditionally. An alert acknowledged or closed meanwhile just has its work dropped.
 */
import { escalatedAlert, gridOfAlert } from '#shared/domain/alerts.ts';
import { escalationDue, noticeText, recipientsAt } from '#shared/domain/escalation.ts';
import { dayBefore } from '#shared/domain/disinfection.ts';
import type { Alert, AlertLevel } from '#shared/schemas/alert.ts';
import { scheduledHandler } from '../edge/scheduled.ts';
import { nowIso } from '../platform/clock.ts';
import { ConflictError } from '../platform/errors.ts';
import { logger } from '../platform/logger.ts';
import { notify, type NoticeRecipient } from '../platform/notifications.ts';
import { alertWorkDue, finishAlertWork, getAlert, saveEscalation, type AlertDue } from '../stores/alert-store.ts';
import { getCompound } from '../stores/compound-store.ts';
import { claimNotices, recordNotice } from '../stores/notification-store.ts';
import { listStaff, type StoredStaff } from '../stores/staff-store.ts';

/** How many UTC days back a run reads: a job down for a day still sends and escalates. */
export const CATCH_UP_DAYS = 2;

interface Run {
  readonly at: string;
  /** The directory, read once per run and only when a notice is due. */
  directory?: Promise<StoredStaff[]>;
  readonly totals: { notices: number; escalated: number; done: number };
}

/** Where a directory entry is reached; the entry may carry an e-mail (an imported roster), which the API never shows. */
function noticeRecipient(r: StoredStaff & { email?: unknown }): NoticeRecipient {
  return {
    username: r.username,
    ...(r.phone ? { phone: r.phone } : {}),
    ...(typeof r.email === 'string' ? { email: r.email } : {}),
    ...(r.notify === undefined ? {} : { notify: r.notify }),
  };
}

/** Sends an alert's notices for a level once (the claim decides which run), recording each send. */
async function sendNotices(run: Run, alert: Alert, level: AlertLevel): Promise<void> {
  if (!(await claimNotices(alert.id, level, run.at))) return;
  run.directory ??= listStaff();
  const recipients = recipientsAt(alert, gridOfAlert(alert), level, await run.directory);
  const compound = await getCompound(alert.compoundId);
  const reason = level === 'community' ? 'raised' : 'escalated';
  const text = noticeText(alert, compound?.name ?? alert.compoundId, reason, level);
  const record = { alert, level, reason, at: run.at, text } as const;
  for (const r of recipients) await recordNotice({ ...record, username: r.username, channel: 'app' });
  const sends = await notify({ alert, text, recipients: recipients.map(noticeRecipient) });
  for (const s of sends) await recordNotice({ ...record, username: s.username, channel: s.channel });
  run.totals.notices += recipients.length + sends.length;
}

async function work(run: Run, due: AlertDue): Promise<void> {
  const alert = await getAlert(due.alertId, { consistent: true });
  if (alert && due.work !== 'escalate') {
    if (alert.status !== 'closed') await sendNotices(run, alert, due.work.slice('notice-'.length) as AlertLevel);
  } else if (alert) {
    const to = escalationDue(alert, run.at);
    if (to) {
      const up = escalatedAlert(alert, to, run.at);
      try {
        await saveEscalation(alert, up, run.at, due);
      } catch (error) {
        // Acknowledged, closed or escalated meanwhile: the next run finds it as it is now.
        if (error instanceof ConflictError) return;
        throw error;
      }
      run.totals.escalated += 1;
      await sendNotices(run, up, to);
      await finishAlertWork({ alertId: up.id, dueAt: run.at, work: `notice-${to}` });
      return;
    }
  }
  // Done, or moot (the alert acknowledged, closed or gone): drop it.
  if (await finishAlertWork(due)) run.totals.done += 1;
}

export async function escalateAlerts(at: string = nowIso()) {
  const run: Run = { at, totals: { notices: 0, escalated: 0, done: 0 } };
  const today = at.slice(0, 10);
  for (let back = CATCH_UP_DAYS; back >= 0; back -= 1) {
    for (const due of await alertWorkDue(dayBefore(today, back), at)) await work(run, due);
  }
  return run.totals;
}

export const handler = scheduledHandler('escalateAlerts', async () => {
  logger.info('alerts escalated', await escalateAlerts());
});

/**
 * Every scheduled job of Cordon, once. The fan-out issues add disinfection rounds and lease expiry.
 */
import { defineSchedules } from './types.ts';

export const schedules = defineSchedules({
  assignUnassigned: {
    job: 'assign-unassigned',
    description: 'Safety net: retry placing unassigned compounds every hour, in case a boundary import was missed',
    expression: 'rate(1 hour)',
  },
  recheckExits: {
    job: 'recheck-exits',
    description:
      'Judge again the exits whose time-based rules (24-hour duty coverage, clock-in grace) may have changed: only the rule groups due, from a sparse index by day',
    expression: 'rate(5 minutes)',
  },
  expireLeases: {
    job: 'expire-leases',
    description: 'Return claimed tasks whose lease lapsed to open, from the sparse lease index, each with an audit record',
    expression: 'rate(5 minutes)',
  },
  restartCampaigns: {
    job: 'restart-campaigns',
    description:
      'Send the plan message again for campaigns stuck fanning out (the first send failed, or the plan went to the DLQ), read from the campaigns index; the fan-out is idempotent',
    expression: 'rate(5 minutes)',
  },
  startRounds: {
    job: 'start-rounds',
    description:
      'Start the disinfection round of the current China-time slot (DISINFECTION_ROUND_TIMES, CASE_BUILDING_ROUND_TIMES): one campaign per day and slot, created conditionally, so repeated or late firings make one round',
    expression: 'rate(5 minutes)',
  },
  missedRounds: {
    job: 'missed-rounds',
    description:
      'At 00:10 China time (16:10 UTC): record the compounds under closure with fewer completed disinfection rounds than required on the day that ended, in a sparse index by day',
    expression: 'cron(10 16 * * ? *)',
  },
  judgeSlots: {
    job: 'judge-slots',
    description:
      'Mark the report slots of people under observation missed once their window has closed unreported, from a sparse index by day and slot (only the people still due), and raise one alert for the grid worker on two missed in a row',
    expression: 'rate(15 minutes)',
  },
  releasePeople: {
    job: 'release-people',
    description:
      'Release the people under observation whose every condition holds (period over, slots reported or judged, due tests negative), from a sparse index by the day their period ends; the report link is revoked as by the release route',
    expression: 'rate(1 hour)',
  },
  escalateAlerts: {
    job: 'escalate-alerts',
    description:
      'Send the notices of newly raised alerts, and move open alerts not acknowledged within their kind\'s time up a level (community → street → city) with a notice to the next level, from a sparse index by due minute; conditional writes make a rerun change nothing',
    expression: 'rate(1 minute)',
  },
  inspectionsOverdue: {
    job: 'inspections-overdue',
    description:
      'Flag the inspections whose rectification deadline passed unrectified as overdue, from a sparse index by deadline (only the open ones with a deadline), each with one inspection_overdue alert in the same conditional transaction, so a rerun changes nothing',
    expression: 'rate(15 minutes)',
  },
  dailyReportDeadline: {
    job: 'daily-report-deadline',
    description:
      'After the day\'s daily-report deadline (DAILY_REPORT_DEADLINE, default 18:00 China time): raise one daily_report_missing alert per community whose compounds under closure have not reported, from the day\'s report partition and the compounds by status; the alert\'s id comes from the day and community, so a rerun raises nothing twice',
    expression: 'rate(15 minutes)',
  },
  unreachedPairs: {
    job: 'unreached-pairs',
    description:
      'At 00:05 China time (16:05 UTC): record the vulnerable residents whose paired cadre logged no contact that reached them on the day that ended, in a sparse partition by day',
    expression: 'cron(5 16 * * ? *)',
  },
  ordersOverdue: {
    job: 'orders-overdue',
    description:
      'Raise one order_overdue alert for the community per order nobody accepted within its time (medicine 2 h, urgent 2 h, others 12 h by default), from a sparse index by due minute holding only requested orders; the alert\'s id comes from the order, so a rerun raises nothing twice',
    expression: 'rate(5 minutes)',
  },
});

export type Schedules = typeof schedules;
export type ScheduleName = keyof Schedules;

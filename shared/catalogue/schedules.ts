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
});

export type Schedules = typeof schedules;
export type ScheduleName = keyof Schedules;

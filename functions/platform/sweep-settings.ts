/**
 * The knobs of task pick-up, from the environment (CDK and the local runtime may set them):
 * - TASK_LEASE_MINUTES: how long a claim holds a task before it returns to open (default 120,
 *   HOT Tasking Manager's 2 h).
 * - TASK_LIMIT_PER_WORKER: how many tasks one worker may hold at once (default 5: a few
 *   buildings of a round, not a whole grid locked away from colleagues).
 * Read on each call, so tests can change them between requests.
 */
export interface SweepSettings {
  readonly leaseMinutes: number;
  readonly taskLimit: number;
}

const positive = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

export function sweepSettings(): SweepSettings {
  return {
    leaseMinutes: positive(process.env.TASK_LEASE_MINUTES, 120),
    // At least one: a limit of 0 (e.g. "0.5" floored) would refuse every claim.
    taskLimit: Math.max(1, Math.floor(positive(process.env.TASK_LIMIT_PER_WORKER, 5))),
  };
}

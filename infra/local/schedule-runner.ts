/**
 * The in-process EventBridge: fires each catalogue schedule's job `functions/jobs/<job>.ts` with
 * a ScheduledEvent at the times EventBridge would (schedule-expression.ts, UTC). A rate
 * counts from start(); a cron fires on its whole minutes.
 *
 * A failing job is logged and the schedule goes on (EventBridge would retry the async
 * invocation twice; locally the next firing is the retry). Firings missed while the process
 * slept are skipped, not caught up, as EventBridge does not replay them. Timers longer than
 * setTimeout's limit (~24.8 days) are re-armed, and a timer that wakes before the injected
 * clock says the time has come waits again.
 */
import { randomUUID } from 'node:crypto';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { schedules as catalogueSchedules, type ScheduleSpec } from '#shared/catalogue/index.ts';
import { nextFire, parseScheduleExpression, type ScheduleExpression } from './schedule-expression.ts';
import { cachedLoader, importHandler } from './handler-import.ts';
import { lambdaContext } from './lambda-context.ts';
import { LOCAL_ACCOUNT, LOCAL_REGION, localArn } from './local-arn.ts';

/** A job's Lambda handler, as the runner calls it. */
export type JobHandler = (event: ScheduledEvent, context: Context) => Promise<unknown>;

export interface ScheduleRunnerOptions {
  /** @default the catalogue's schedules */
  readonly schedules?: Readonly<Record<string, ScheduleSpec>>;
  /** @default imports `functions/jobs/<job>.ts` once and takes its `handler` */
  readonly loadJob?: (job: string) => Promise<JobHandler>;
  /** @default () => new Date() */
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
}

export interface ScheduleRunner {
  start(): void;
  /** Disarms every schedule and waits for the jobs still running. */
  stop(): Promise<void>;
  /** Fires the schedule's job now, outside its timetable; rejects if the job fails. */
  runNow(name: string): Promise<void>;
  /** The next firing: the armed one once started, else the next after now. */
  next(name: string): Date;
}

/** setTimeout fires at once for delays above 2^31 - 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Lambda's longest function timeout; only what the context reports, not enforced. */
const JOB_TIMEOUT_MS = 15 * 60_000;

interface Entry {
  readonly name: string;
  readonly spec: ScheduleSpec;
  readonly schedule: ScheduleExpression;
  armed: { readonly at: Date; readonly timer: NodeJS.Timeout } | undefined;
}

export function createScheduleRunner(options: ScheduleRunnerOptions = {}): ScheduleRunner {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const jobOf = cachedLoader(options.loadJob ?? ((job) => importHandler<JobHandler>('jobs', job)));
  // Parsed up front: a bad expression fails the runner's creation, not a timer days later.
  const entries = new Map<string, Entry>(
    Object.entries(options.schedules ?? catalogueSchedules).map(([name, spec]) => [
      name,
      { name, spec, schedule: parseScheduleExpression(spec.expression), armed: undefined },
    ]),
  );
  const running = new Set<Promise<unknown>>();
  let started = false;

  const entryOf = (name: string): Entry => {
    const entry = entries.get(name);
    if (!entry) throw new Error(`no schedule "${name}" (known: ${[...entries.keys()].join(', ')})`);
    return entry;
  };

  function arm(entry: Entry, at: Date): void {
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, at.getTime() - now().getTime()));
    entry.armed = { at, timer: setTimeout(() => due(entry, at), wait) };
  }

  function due(entry: Entry, at: Date): void {
    if (!started) return;
    const t = now();
    if (t < at) return arm(entry, at);
    let next = nextFire(entry.schedule, at);
    let missed = 0;
    for (; next <= t; missed++) next = nextFire(entry.schedule, next);
    if (missed > 0) log(`schedule ${entry.name}: skipped ${missed} missed firings`);
    arm(entry, next);
    // Not fatal: the failure is logged in run(), and the schedule stays armed.
    void run(entry, at).catch(() => undefined);
  }

  async function run(entry: Entry, time: Date): Promise<void> {
    const job = jobOf(entry.spec.job).then((handler) =>
      handler(scheduledEvent(entry.name, time), lambdaContext(entry.spec.job, JOB_TIMEOUT_MS)),
    );
    running.add(job);
    const startedAt = performance.now();
    try {
      await job;
      log(`schedule ${entry.name}: ${entry.spec.job} done in ${Math.round(performance.now() - startedAt)} ms`);
    } catch (error) {
      log(`schedule ${entry.name}: ${entry.spec.job} failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    } finally {
      running.delete(job);
    }
  }

  return {
    start() {
      if (started) return;
      started = true;
      const t = now();
      for (const entry of entries.values()) arm(entry, nextFire(entry.schedule, t));
    },

    async stop() {
      started = false;
      for (const entry of entries.values()) {
        clearTimeout(entry.armed?.timer);
        entry.armed = undefined;
      }
      await Promise.allSettled(running);
    },

    runNow(name) {
      return run(entryOf(name), now());
    },

    next(name) {
      const entry = entryOf(name);
      return entry.armed?.at ?? nextFire(entry.schedule, now());
    },
  };
}

/** What EventBridge sends a rule's Lambda target; `time` has no milliseconds, like EventBridge's. */
function scheduledEvent(name: string, time: Date): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: LOCAL_ACCOUNT,
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: LOCAL_REGION,
    resources: [localArn('events', `rule/cordon-${name}`)],
    detail: {},
  };
}

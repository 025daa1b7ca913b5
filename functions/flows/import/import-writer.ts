/**
 * The write side of an import: one stream of BatchWriteItem calls (up to 25 items each, a row's
 * items never split between calls, a fixed number in flight) fed by every chunk, with the set
 * ADDs in the same stream. Chunks queue their writes and go on classifying the next rows; the
 * stream stays full instead of draining at the end of each chunk, and a reader that runs ahead
 * waits once too much is queued. Work that must see a chunk's items (the exit rules' judgement)
 * waits for that chunk's batches, not for the stream.
 */
import { nowIso } from '#functions/platform/clock.ts';
import { groupsOfCompounds, reevaluateAfterWrite, touchGroups } from '#functions/stores/exit-rules-store.ts';
import { inParallel } from '#shared/parallel.ts';
import { ITEMS_PER_WRITE, writeUnits, type RefusedUnit, type WriteUnit } from '#functions/stores/import-store.ts';

export class WriteStream {
  private readonly queue: (() => Promise<void>)[] = [];
  private running = 0;
  private failure: unknown;
  private readonly idle: (() => void)[] = [];
  private readonly concurrency: number;

  constructor(concurrency: number) {
    this.concurrency = concurrency;
  }

  /**
   * Queues the units, whole, up to 25 items to a call (UnprocessedItems are retried by
   * writeUnits), and `then` once every call has succeeded. `settled` hears of each call's units
   * once they have landed, with those DynamoDB refused (which wrote nothing).
   */
  write<U extends WriteUnit>(
    units: readonly U[],
    then: readonly (() => Promise<void>)[] = [],
    settled: (units: readonly U[], refused: readonly RefusedUnit<U>[]) => void = () => {},
  ): void {
    this.runThen(callsOf(units).map((call) => async () => settled(call, await writeUnits(call))), then);
  }

  /** Queues any other write. */
  run(task: () => Promise<void>): void {
    this.queue.push(task);
    while (this.running < this.concurrency && this.queue.length > 0) void this.lane();
  }

  /**
   * Queues the tasks, and `then` once all of them have succeeded (never, if one fails: the
   * failure is reported as any other). `then` is queued by the lane that finishes the last task,
   * before that lane lets {@link close} see an idle stream.
   */
  runThen(tasks: readonly (() => Promise<void>)[], then: readonly (() => Promise<void>)[]): void {
    let left = tasks.length;
    const release = () => {
      for (const task of then) this.run(task);
    };
    for (const task of tasks) {
      this.run(async () => {
        await task();
        if (--left === 0) release();
      });
    }
    if (tasks.length === 0) release();
  }

  /** Resolves once at most `tasks` writes wait; throws the first failure, if a write failed. */
  async below(tasks: number): Promise<void> {
    while (this.queue.length > tasks && this.failure === undefined) await this.change();
    if (this.failure !== undefined) throw this.failure;
  }

  /** Resolves when every queued write has landed; throws the first failure. */
  async close(): Promise<void> {
    await this.below(0);
    while (this.running > 0) await this.change();
    if (this.failure !== undefined) throw this.failure;
  }

  /**
   * Resolves once no write is in flight, whether or not one failed: after a failure, what the
   * lanes were sending has landed or failed before anyone reports what is in.
   */
  async quiet(): Promise<void> {
    while (this.running > 0) await this.change();
  }

  private change(): Promise<void> {
    return new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private async lane(): Promise<void> {
    this.running++;
    try {
      for (let task = this.queue.shift(); task; task = this.queue.shift()) {
        if (this.failure !== undefined) break;
        try {
          await task();
        } catch (error) {
          this.failure ??= error;
        }
        this.wake();
      }
    } finally {
      this.running--;
      this.wake();
    }
  }

  private wake(): void {
    for (const resolve of this.idle.splice(0)) resolve();
  }
}

/** Units packed in order into calls of at most {@link ITEMS_PER_WRITE} items; a unit is never split. */
function callsOf<U extends WriteUnit>(units: readonly U[]): U[][] {
  const calls: U[][] = [];
  let call: U[] = [];
  let items = 0;
  for (const unit of units) {
    if (items + unit.items.length > ITEMS_PER_WRITE && call.length > 0) {
      calls.push(call);
      call = [];
      items = 0;
    }
    call.push(unit);
    items += unit.items.length;
  }
  if (call.length > 0) calls.push(call);
  return calls;
}

/**
 * Rule groups judged within one import request; the rest are left due for the recheck job. Judging
 * a group takes about seven calls (enclosure pointer, rules item, compound, exits, shifts, the
 * write) where its exits took a fraction of one BatchWrite call. On the import bench (1,000
 * compounds, 2,513 exits, about 1,000 groups; one loaded machine) the exit import ran at 1,364
 * rows/s marking groups due only, 424 judging 250 of them, 225 judging all (1,753 without any rule
 * work): judging everything would push a 10,000-row part past API Gateway's 30 s. A correction
 * that touches a few hundred groups is judged at once; most of a city's first exit import is
 * judged by the job's next run.
 */
const JUDGED_PER_REQUEST = 250;
/** Judgements at once: enough to keep DynamoDB busy, not to crowd out the import's own writes. */
const JUDGE_CONCURRENCY = 4;

/**
 * The exit rules after an import's writes, one per request. For each chunk, once its items have
 * landed: the rule groups of the compounds it changed are marked due (100 touches a transaction),
 * then judged while the request's budget lasts. A group not judged here, or whose judgement
 * failed, stays due, and the recheck job (every five minutes) judges it.
 */
export function exitRulesFollowUp(): (compoundIds: ReadonlySet<string>) => () => Promise<void> {
  let left = JUDGED_PER_REQUEST;
  return (compoundIds) => async () => {
    const groups = await groupsOfCompounds(compoundIds);
    const now = nowIso();
    await touchGroups(groups, now);
    const judged = groups.slice(0, Math.max(0, left));
    left -= judged.length;
    await inParallel(judged, JUDGE_CONCURRENCY, (group) => reevaluateAfterWrite(group, now));
  };
}

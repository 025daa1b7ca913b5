/**
 * The write side of an import: one stream of BatchWriteItem calls (25 items each, a fixed number
 * in flight) fed by every chunk, with the set ADDs in the same stream. Chunks queue their writes
 * and go on classifying the next rows; the stream stays full instead of draining at the end of
 * each chunk, and a reader that runs ahead waits once too much is queued.
 */
import { BATCH_WRITE_SIZE, batchWrite, type Item } from './table.ts';

export class WriteStream {
  private readonly queue: (() => Promise<void>)[] = [];
  private running = 0;
  private failure: unknown;
  private readonly idle: (() => void)[] = [];
  private readonly concurrency: number;

  constructor(concurrency: number) {
    this.concurrency = concurrency;
  }

  /** Queues the items, 25 to a call; UnprocessedItems are retried by batchWrite. */
  write(items: readonly Item[]): void {
    for (let i = 0; i < items.length; i += BATCH_WRITE_SIZE) {
      const batch = items.slice(i, i + BATCH_WRITE_SIZE);
      this.run(() => batchWrite(batch, { concurrency: 1 }));
    }
  }

  /** Queues any other write. */
  run(task: () => Promise<void>): void {
    this.queue.push(task);
    while (this.running < this.concurrency && this.queue.length > 0) void this.lane();
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

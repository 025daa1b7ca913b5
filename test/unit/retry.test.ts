/**
 * shared/retry.ts: the one retry-with-backoff. The random source, sleep and delay are injected, so
 * the waits are checked exactly and nothing really sleeps.
 */
import { describe, expect, it } from 'vitest';
import { backoffDelay, drain, retry, type Backoff } from '#shared/retry.ts';

const BACKOFF: Backoff = { baseMs: 40, capMs: 1000, attempts: 5 };

/** A sleep that records its waits instead of waiting. */
function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

/** Work that fails with `errors`, in order, then answers `value`. */
function failing<T>(errors: readonly unknown[], value: T) {
  const attempts: number[] = [];
  const work = async (attempt: number) => {
    attempts.push(attempt);
    if (attempts.length <= errors.length) throw errors[attempts.length - 1];
    return value;
  };
  return { attempts, work };
}

const busy = new Error('busy');
const refused = new Error('refused');
const isBusy = (error: unknown) => error === busy;

describe('backoffDelay', () => {
  it('doubles the bound from the base with each retry, up to the cap', () => {
    const almostOne = () => 0.999999;
    const bounds = [1, 2, 3, 4, 5, 6, 10].map((n) => Math.round(backoffDelay(n, BACKOFF, almostOne)));
    expect(bounds).toEqual([40, 80, 160, 320, 640, 1000, 1000]);
  });

  it('jitters the whole way down to nothing', () => {
    expect(backoffDelay(3, BACKOFF, () => 0)).toBe(0);
    expect(backoffDelay(3, BACKOFF, () => 0.5)).toBe(80);
  });

  it('treats a retry number below 1 as the first', () => {
    expect(backoffDelay(0, BACKOFF, () => 0.5)).toBe(20);
  });
});

describe('retry', () => {
  it('answers at once when the work succeeds, without waiting', async () => {
    const { waits, sleep } = recorder();
    const { attempts, work } = failing([], 'done');
    await expect(retry(work, { ...BACKOFF, retryable: isBusy, sleep })).resolves.toBe('done');
    expect(attempts).toEqual([1]);
    expect(waits).toEqual([]);
  });

  it('retries retryable failures, numbering the attempts, until the work succeeds', async () => {
    const { waits, sleep } = recorder();
    const { attempts, work } = failing([busy, busy], 'done');
    await expect(retry(work, { ...BACKOFF, retryable: isBusy, sleep, random: () => 0.5 })).resolves.toBe('done');
    expect(attempts).toEqual([1, 2, 3]);
    expect(waits).toEqual([20, 40]);
  });

  it('throws a failure that is not retryable at once', async () => {
    const { waits, sleep } = recorder();
    const { attempts, work } = failing([busy, refused], 'done');
    await expect(retry(work, { ...BACKOFF, retryable: isBusy, sleep })).rejects.toBe(refused);
    expect(attempts).toEqual([1, 2]);
    expect(waits).toHaveLength(1);
  });

  it('throws the last failure when the attempts run out, waiting only between them', async () => {
    const { waits, sleep } = recorder();
    const { attempts, work } = failing(Array(10).fill(busy), 'done');
    await expect(retry(work, { ...BACKOFF, retryable: isBusy, sleep })).rejects.toBe(busy);
    expect(attempts).toEqual([1, 2, 3, 4, 5]);
    expect(waits).toHaveLength(4);
  });

  it('keeps every wait within backoffDelay\'s bound for its retry', async () => {
    const { waits, sleep } = recorder();
    const draws = [0.9, 0.1, 0.999, 0.5];
    const random = () => draws[waits.length] ?? 0;
    const { work } = failing(Array(10).fill(busy), 'done');
    await expect(retry(work, { ...BACKOFF, retryable: isBusy, sleep, random })).rejects.toBe(busy);
    expect(waits).toEqual(draws.map((draw, i) => backoffDelay(i + 1, BACKOFF, () => draw)));
    waits.forEach((ms, i) => expect(ms).toBeLessThanOrEqual(Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** i)));
  });

  it('takes an injected delay by retry number instead of the jittered one', async () => {
    const { waits, sleep } = recorder();
    const { work } = failing([busy, busy], 'done');
    await retry(work, { ...BACKOFF, retryable: isBusy, sleep, delay: (n) => n * 1000 });
    expect(waits).toEqual([1000, 2000]);
  });
});

describe('drain', () => {
  /** A step that leaves over what `left` names for each round, recording what it was given. */
  function stepping(left: readonly (readonly number[])[]) {
    const given: (readonly number[])[] = [];
    const step = async (pending: readonly number[]) => {
      given.push(pending);
      return left[given.length - 1] ?? [];
    };
    return { given, step };
  }

  it('stops as soon as nothing is left over, waiting only between rounds', async () => {
    const { waits, sleep } = recorder();
    const { given, step } = stepping([[2, 3], [3]]);
    await drain([1, 2, 3], step, { ...BACKOFF, what: 'items', sleep, random: () => 0.5 });
    expect(given).toEqual([[1, 2, 3], [2, 3], [3]]);
    expect(waits).toEqual([20, 40]);
  });

  it('does nothing for nothing', async () => {
    const { given, step } = stepping([]);
    await drain([], step, { ...BACKOFF, what: 'items' });
    expect(given).toEqual([]);
  });

  it('throws naming what remains when the attempts run out, after the last round', async () => {
    const { waits, sleep } = recorder();
    const { given, step } = stepping(Array(10).fill([7, 8]));
    await expect(drain([1, 7, 8], step, { ...BACKOFF, attempts: 3, what: 'keys', sleep })).rejects.toThrow(
      '2 keys still unprocessed after 3 attempts',
    );
    expect(given).toHaveLength(3);
    expect(waits).toHaveLength(2);
  });

  it('says what the leftovers still are when told', async () => {
    const { sleep } = recorder();
    const { step } = stepping(Array(10).fill([1]));
    await expect(drain([1], step, { ...BACKOFF, attempts: 2, what: 'messages', left: 'unsent', sleep })).rejects.toThrow(
      '1 messages still unsent after 2 attempts',
    );
  });

  it('passes on a step\'s own failure without retrying it', async () => {
    const { sleep } = recorder();
    let calls = 0;
    const step = async () => {
      calls += 1;
      throw refused;
    };
    await expect(drain([1], step, { ...BACKOFF, what: 'items', sleep })).rejects.toBe(refused);
    expect(calls).toBe(1);
  });

  it('takes an injected delay by retry number', async () => {
    const { waits, sleep } = recorder();
    const { step } = stepping([[1], [1]]);
    await drain([1], step, { ...BACKOFF, what: 'items', sleep, delay: (n) => n });
    expect(waits).toEqual([1, 2]);
  });
});

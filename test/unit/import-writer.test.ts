import { describe, expect, it } from 'vitest';
import { WriteStream } from '#functions/flows/import/import-writer.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('WriteStream', () => {
  it('keeps at most `concurrency` writes in flight and runs them all', async () => {
    const stream = new WriteStream(3);
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    for (let i = 0; i < 20; i++) {
      stream.run(async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await tick();
        inFlight--;
        done.push(i);
      });
    }
    await stream.close();
    expect(most).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('lets a reader wait until few writes are queued', async () => {
    const stream = new WriteStream(1);
    let finished = 0;
    for (let i = 0; i < 10; i++) stream.run(async () => { await tick(); finished++; });
    await stream.below(2);
    // One running and at most two waiting: seven or more are done.
    expect(finished).toBeGreaterThanOrEqual(7);
    await stream.close();
    expect(finished).toBe(10);
  });

  it('stops at the first failure and reports it to whoever waits', async () => {
    const stream = new WriteStream(2);
    let ran = 0;
    stream.run(async () => { ran++; throw new Error('write failed'); });
    for (let i = 0; i < 10; i++) stream.run(async () => { await tick(); ran++; });
    await expect(stream.below(0)).rejects.toThrow('write failed');
    await expect(stream.close()).rejects.toThrow('write failed');
    expect(ran).toBeLessThan(11);
  });

  it('runs what follows a group of writes only once all of them have succeeded, before close resolves', async () => {
    const stream = new WriteStream(4);
    const landed: number[] = [];
    let seen: number[] | undefined;
    stream.runThen(
      [30, 1, 10].map((ms, i) => async () => { await new Promise((resolve) => setTimeout(resolve, ms)); landed.push(i); }),
      [async () => { await tick(); seen = [...landed]; }],
    );
    await stream.close();
    expect(seen?.sort()).toEqual([0, 1, 2]);
  });

  it('does not run what follows a group with a failed write', async () => {
    const stream = new WriteStream(2);
    let followed = false;
    stream.runThen([async () => { throw new Error('write failed'); }, async () => { await tick(); }], [async () => { followed = true; }]);
    await expect(stream.close()).rejects.toThrow('write failed');
    expect(followed).toBe(false);
  });
});

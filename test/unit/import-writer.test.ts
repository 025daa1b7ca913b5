import { describe, expect, it } from 'vitest';
import { Outcome, type ImportContext } from '#functions/flows/import/import-kind.ts';
import { LineLedger } from '#functions/flows/import/import-ledger.ts';
import { WriteStream } from '#functions/flows/import/import-writer.ts';
import type { Places } from '#functions/stores/places-store.ts';

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

describe('LineLedger', () => {
  const unit = (line: number) => ({ line, items: [{}] });

  it('names the lines that are in, those that are not, the rejects and where reading stopped', () => {
    // Prepare: lines 2–7 read (4 rejected as read), 2–5 classified (3 unchanged), 8 never read.
    const ledger = new LineLedger();
    for (const line of [2, 3, 5, 6, 7]) ledger.read(line);
    ledger.rejectedOnRead(4);
    const units = [unit(2), unit(5)];
    ledger.classified([2, 3, 5], [], units);
    ledger.settled(units[0] as ReturnType<typeof unit>);

    // Act
    const error = ledger.incomplete([{ line: 4, reason: 'name: is required' }], {});

    // Assess
    expect(error).toMatchObject({ code: 'import-incomplete', name: 'ImportIncompleteError' });
    expect(error.errors).toEqual([
      { field: 'lines.2-3', message: 'written' },
      { field: 'lines.4', message: 'rejected: name: is required' },
      { field: 'lines.5-7', message: 'not written' },
      { field: 'lines.8-', message: 'not read' },
    ]);
    expect(error.message).toMatch(/Lines in: 2-3\. Lines read but not written: 5-7; lines after 7 were not read\. Send the file again/);
  });

  it('keeps a rejected line inside a range of written ones, and takes back a row the table refused', () => {
    const ledger = new LineLedger();
    for (const line of [2, 3, 4, 5]) ledger.read(line);
    const units = [unit(2), unit(3), unit(4), unit(5)];
    ledger.classified([2, 3, 4, 5], [{ line: 3, reason: 'duplicate' }], units.filter((u) => u.line !== 3));
    for (const u of units.filter((u) => u.line !== 3)) ledger.settled(u, u.line === 5);
    ledger.finishedReading();

    const error = ledger.incomplete([{ line: 3, reason: 'duplicate' }, { line: 5, reason: 'too big' }], {});

    expect(error.errors).toEqual([
      { field: 'lines.2-4', message: 'written' },
      { field: 'lines.3', message: 'rejected: duplicate' },
      { field: 'lines.5', message: 'rejected: too big' },
    ]);
    expect(error.message).not.toMatch(/not read/);
  });

  it('holds a line with several rows (a minified FeatureCollection) until all of them are in', () => {
    const ledger = new LineLedger();
    ledger.read(1);
    ledger.read(1);
    const units = [unit(1), unit(1)];
    ledger.classified([1, 1], [], units);
    ledger.settled(units[0] as ReturnType<typeof unit>);
    expect(ledger.incomplete([], {}).errors?.[0]).toEqual({ field: 'lines.1', message: 'not written' });
    ledger.settled(units[1] as ReturnType<typeof unit>);
    expect(ledger.incomplete([], {}).errors?.[0]).toEqual({ field: 'lines.1', message: 'written' });
  });
});

describe('Outcome', () => {
  const context: ImportContext = {
    caller: { userId: 'u-city1', username: 'city1', role: 'city', jurisdiction: {} }, at: '2026-11-01T00:00:00.000Z', source: 'import:imp-1', dryRun: false, places: {} as Places,
  };
  const item = (extra: Record<string, unknown>) => ({ pk: 'COMPOUND#c_1', sk: 'META', type: 'compound', name: '甲', ...extra });

  it('rejects a row whose item is over 400 KB before it joins a batch, naming its biggest field, and counts nothing', () => {
    const outcome = new Outcome(context);
    const big = { type: 'Polygon', coordinates: [Array.from({ length: 30_000 }, (_, i) => [112.5 + i * 1e-7, 31.1 + i * 1e-7])] };

    expect(outcome.write('COMPOUND', 'c_1', item({ geometry: big }), { geometry: { from: null, to: big } }, false, 9)).toBe(false);
    expect(outcome.write('COMPOUND', 'c_2', item({}), { name: { from: null, to: '甲' } }, false, 10)).toBe(true);

    expect(outcome.rejects).toEqual([{ line: 9, reason: expect.stringMatching(/^geometry: too big to store: the item would be \d+ bytes, and DynamoDB stores at most 409600/) }]);
    expect(outcome.imported).toBe(1);
    expect(outcome.units).toEqual([{ line: 10, counted: 'imported', items: [expect.objectContaining({ pk: 'COMPOUND#c_1' }), expect.objectContaining({ type: 'audit', entityId: 'c_2' })] }]);
  });

  it('rejects a change whose audit record would be over 400 KB, naming the changed field', () => {
    const outcome = new Outcome(context);
    const half = 'x'.repeat(210 * 1024);

    expect(outcome.write('COMPOUND', 'c_1', item({ address: half }), { address: { from: `${half}y`, to: half } }, true, 4)).toBe(false);

    expect(outcome.rejects).toEqual([{ line: 4, reason: expect.stringMatching(/^address: too big to store: the record of this change would be/) }]);
    expect(outcome.updated).toBe(0);
    expect(outcome.units).toEqual([]);
  });
});

/**
 * The visit outbox's sending rules, on the in-memory store (the IndexedDB store keeps the same
 * contract and is checked in real Chromium by test/component/tasks-outbox.test.tsx): oldest
 * first, one entry per visitId, retries with backoff for what waiting can fix, a failure shown
 * for what it cannot, and only the signed-in user's visits sent.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError, ProblemError, UnauthorizedError } from '#web/src/api/errors.ts';
import { createMemoryOutbox, type OutboxEntry, type OutboxStore } from '#web/src/tasks/outbox.ts';
import { createOutboxSync, isRetryable, retryDelay as backoffDelay, type OutboxSync } from '#web/src/tasks/outbox-sync.ts';
import type { VisitCreate } from '#shared/schemas/visit.ts';

const visit = (visitId: string, householdId = '1-1-101'): VisitCreate => ({
  visitId, householdId, outcome: 'seen_all', peopleSeen: 2, symptoms: [], flags: [],
});

const conflict = () =>
  new ProblemError('recordVisit', { type: '/problems/conflict', title: 'Conflict', status: 409, detail: 'visit v1 was recorded with different content' });

/** A sender that answers from a script, one answer per call, and records the order of calls. */
function scripted(...answers: (unknown | 'ok')[]) {
  const sent: string[] = [];
  const send = vi.fn(async (entry: OutboxEntry) => {
    sent.push(entry.visitId);
    const answer = answers.length > 0 ? answers.shift() : 'ok';
    if (answer !== 'ok') throw answer;
  });
  return { send, sent };
}

let syncs: OutboxSync[] = [];
function syncOf(store: OutboxStore, send: (e: OutboxEntry) => Promise<unknown>, username = 'grid-a') {
  const sync = createOutboxSync({ store, username, send, backoff: { baseMs: 1000, capMs: 8000 }, random: () => 0.999 });
  syncs.push(sync);
  return sync;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  for (const sync of syncs) sync.stop();
  syncs = [];
  vi.useRealTimers();
});

describe('outbox store', () => {
  it('keeps entries in queueing order and one entry per visitId', async () => {
    const store = createMemoryOutbox();
    const first = await store.add({ taskId: 't.1', username: 'u', body: visit('a') });
    await store.add({ taskId: 't.1', username: 'u', body: visit('b') });
    const again = await store.add({ taskId: 't.1', username: 'u', body: { ...visit('a'), peopleSeen: 5 } });
    expect(again).toEqual(first);
    expect((await store.list()).map((e) => [e.visitId, e.body.peopleSeen])).toEqual([['a', 2], ['b', 2]]);
    const [a, b] = await store.list();
    expect(a && b && a.seq < b.seq).toBe(true);
  });
});

describe('outbox sync', () => {
  it('sends queued visits oldest first and empties the outbox', async () => {
    const store = createMemoryOutbox();
    const { send, sent } = scripted();
    const sync = syncOf(store, send);
    for (const id of ['v1', 'v2', 'v3']) await store.add({ taskId: 't.1', username: 'grid-a', body: visit(id) });
    await sync.flush();
    expect(sent).toEqual(['v1', 'v2', 'v3']);
    expect(await store.list()).toEqual([]);
    expect(sync.getState()).toMatchObject({ phase: 'idle', pending: [], failed: [] });
  });

  it('shows a visit as pending at once, before any answer', async () => {
    const store = createMemoryOutbox();
    let answer: (() => void) | undefined;
    const sync = syncOf(store, () => new Promise<void>((resolve) => (answer = resolve)));
    await sync.enqueue('t.1', visit('v1'));
    expect(sync.getState().pending.map((e) => e.visitId)).toEqual(['v1']);
    await vi.waitFor(() => expect(answer).toBeDefined());
    expect(sync.getState()).toMatchObject({ phase: 'syncing' });
    answer?.();
    await vi.waitFor(() => expect(sync.getState().pending).toEqual([]));
  });

  it('retries without the network, with growing delays, and keeps the order', async () => {
    const store = createMemoryOutbox();
    const offline = new NetworkError('recordVisit', new TypeError('Failed to fetch'));
    const { send, sent } = scripted(offline, offline, 'ok', 'ok');
    const sync = syncOf(store, send);
    await store.add({ taskId: 't.1', username: 'grid-a', body: visit('v1') });
    await store.add({ taskId: 't.1', username: 'grid-a', body: visit('v2') });

    await sync.flush();
    expect(sent).toEqual(['v1']); // v2 waits behind v1
    expect(sync.getState().phase).toBe('waiting');
    expect((await store.list())[0]?.attempts).toBe(1);

    await vi.advanceTimersByTimeAsync(1000); // first delay: up to 1 s
    expect(sent).toEqual(['v1', 'v1']);
    await vi.advanceTimersByTimeAsync(1500);
    expect(sent).toEqual(['v1', 'v1']); // second delay: just under 2 s
    await vi.advanceTimersByTimeAsync(600);
    await vi.waitFor(() => expect(sent).toEqual(['v1', 'v1', 'v1', 'v2']));
    expect(await store.list()).toEqual([]);
    expect(sync.getState().phase).toBe('idle');
  });

  it('resends a visit whose answer was lost with the same visitId and body, so the API counts it once', async () => {
    const store = createMemoryOutbox();
    // An API that records by visitId (a repeat is answered, not counted) and loses its first answer.
    const recorded = new Map<string, VisitCreate>();
    const bodies: VisitCreate[] = [];
    let lose = true;
    const sync = syncOf(store, async (entry) => {
      bodies.push(entry.body);
      if (!recorded.has(entry.body.visitId)) recorded.set(entry.body.visitId, entry.body);
      if (lose) {
        lose = false;
        throw new NetworkError('recordVisit', new TypeError('Failed to fetch'));
      }
    });
    await sync.enqueue('t.1', visit('v1'));
    await vi.waitFor(() => expect(sync.getState().phase).toBe('waiting'));
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(sync.getState().phase).toBe('idle'));
    expect(bodies).toEqual([visit('v1'), visit('v1')]);
    expect([...recorded.keys()]).toEqual(['v1']);
    expect(await store.list()).toEqual([]);
  });

  it('marks a 409 or another 4xx failed, shows why, and goes on with the next', async () => {
    const store = createMemoryOutbox();
    const { send, sent } = scripted(conflict(), new ApiError('recordVisit', 404, 'gone'), 'ok');
    const sync = syncOf(store, send);
    for (const id of ['v1', 'v2', 'v3']) await store.add({ taskId: 't.1', username: 'grid-a', body: visit(id) });
    await sync.flush();
    expect(sent).toEqual(['v1', 'v2', 'v3']);
    const { failed, pending, phase } = sync.getState();
    expect(pending).toEqual([]);
    expect(phase).toBe('idle');
    expect(failed.map((e) => [e.visitId, e.failure?.status])).toEqual([['v1', 409], ['v2', 404]]);
    expect(failed[0]?.failure?.detail).toContain('different content');

    // Not retried on its own: time passes, nothing is sent.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sent).toHaveLength(3);
    // The worker may send it again, or drop it.
    await sync.retry('v2');
    expect(sent).toEqual(['v1', 'v2', 'v3', 'v2']);
    await sync.discard('v1');
    expect(await store.list()).toEqual([]);
  });

  it('waits for sign-in after a 401, without marking anything failed', async () => {
    const store = createMemoryOutbox();
    const { send, sent } = scripted(new UnauthorizedError('recordVisit'));
    const sync = syncOf(store, send);
    await store.add({ taskId: 't.1', username: 'grid-a', body: visit('v1') });
    await sync.flush();
    expect(sent).toEqual(['v1']);
    expect(sync.getState()).toMatchObject({ phase: 'idle', failed: [] });
    expect(sync.getState().pending).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sent).toHaveLength(1);
  });

  it('sends only the signed-in user\'s visits', async () => {
    const store = createMemoryOutbox();
    const { send, sent } = scripted();
    await store.add({ taskId: 't.1', username: 'grid-b', body: visit('theirs') });
    await store.add({ taskId: 't.1', username: 'grid-a', body: visit('mine') });
    await syncOf(store, send, 'grid-a').flush();
    expect(sent).toEqual(['mine']);
    expect((await store.list()).map((e) => e.visitId)).toEqual(['theirs']);
  });

  it('sends at once when the browser comes back online, and when started', async () => {
    const store = createMemoryOutbox();
    const offline = new NetworkError('recordVisit', new TypeError('Failed to fetch'));
    const { send, sent } = scripted(offline);
    const events = new EventTarget();
    const sync = createOutboxSync({ store, username: 'grid-a', send, events: events as unknown as Window, backoff: { baseMs: 60_000, capMs: 60_000 } });
    syncs.push(sync);
    await store.add({ taskId: 't.1', username: 'grid-a', body: visit('v1') });
    sync.start();
    await vi.waitFor(() => expect(sync.getState().phase).toBe('waiting'));
    events.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(sync.getState().phase).toBe('idle'));
    expect(sent).toEqual(['v1', 'v1']);
    expect(await store.list()).toEqual([]);
  });

  it('never runs two passes at once (one visit is never sent twice concurrently)', async () => {
    const store = createMemoryOutbox();
    let inFlight = 0;
    let most = 0;
    const sent: string[] = [];
    const sync = syncOf(store, async (entry) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      sent.push(entry.visitId);
      await new Promise((resolve) => setTimeout(resolve, 10));
      inFlight -= 1;
    });
    await Promise.all(['v1', 'v2', 'v3'].map((id) => sync.enqueue('t.1', visit(id))));
    void sync.flush();
    void sync.flush();
    await vi.advanceTimersByTimeAsync(100);
    await vi.waitFor(() => expect(sync.getState().pending).toEqual([]));
    expect(most).toBe(1);
    expect(sent).toEqual(['v1', 'v2', 'v3']);
  });
});

describe('retry rules', () => {
  it('retries no answer, 5xx, 408 and 429; not 400, 403, 404 or 409', () => {
    expect(isRetryable(new NetworkError('x', undefined))).toBe(true);
    for (const status of [500, 503, 408, 429]) expect(isRetryable(new ApiError('x', status, '')), String(status)).toBe(true);
    for (const status of [400, 403, 404, 409]) expect(isRetryable(new ApiError('x', status, '')), String(status)).toBe(false);
  });

  it('doubles the delay up to the cap, jittered below it', () => {
    const b = { baseMs: 1000, capMs: 8000 };
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, b, () => 0.999999))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(backoffDelay(3, b, () => 0)).toBe(0);
  });
});

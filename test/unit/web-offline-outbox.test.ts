/**
 * The visit outbox's sending rules, on the in-memory store (the IndexedDB store keeps the same
 * contract and is checked in real Chromium by test/component/tasks-outbox.test.tsx): oldest
 * first, one entry per visitId, retries with backoff for what waiting can fix, a failure shown
 * for what it cannot, and only the signed-in user's visits sent.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError, ProblemError, UnauthorizedError } from '#web/src/api/errors.ts';
import { createMemoryOutbox, type OutboxEntry, type OutboxStore } from '#web/src/tasks/outbox.ts';
import { waitsBehindFailure } from '#web/src/tasks/outbox-kinds.ts';
import { createOutboxSync, isRetryable, retryDelay as backoffDelay, type OutboxSync } from '#web/src/tasks/outbox-sync.ts';
import type { VisitCreate } from '#shared/schemas/visit.ts';

const visit = (visitId: string, householdId = '1-1-101'): VisitCreate => ({
  visitId, householdId, outcome: 'seen_all', peopleSeen: 2, symptoms: [], flags: [],
});

const visitDraft = (body: VisitCreate) => ({ id: body.visitId, kind: 'visit', subject: 't.1', body });

const conflict = () =>
  new ProblemError('recordVisit', { type: '/problems/conflict', title: 'Conflict', status: 409, detail: 'visit v1 was recorded with different content' });

/** A sender that answers from a script, one answer per call, and records the order of calls. */
function scripted(...answers: (unknown | 'ok')[]) {
  const sent: string[] = [];
  const send = vi.fn(async (entry: OutboxEntry) => {
    sent.push(entry.id);
    const answer = answers.length > 0 ? answers.shift() : 'ok';
    if (answer !== 'ok') throw answer;
  });
  return { send, sent };
}

let syncs: OutboxSync[] = [];
function syncOf(store: OutboxStore, send: (e: OutboxEntry) => Promise<unknown>, username = 'grid-a') {
  const sync = createOutboxSync({ store, username, send, waitsBehindFailure, backoff: { baseMs: 1000, capMs: 8000 }, random: () => 0.999 });
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
    const first = await store.add({ kind: 'visit', subject: 't.1', username: 'u', id: 'a', body: visit('a') });
    await store.add({ kind: 'visit', subject: 't.1', username: 'u', id: 'b', body: visit('b') });
    const again = await store.add({ kind: 'visit', subject: 't.1', username: 'u', id: 'a', body: { ...visit('a'), peopleSeen: 5 } });
    expect(again).toEqual(first);
    expect((await store.list()).map((e) => [e.id, (e.body as VisitCreate).peopleSeen])).toEqual([['a', 2], ['b', 2]]);
    const [a, b] = await store.list();
    expect(a && b && a.seq < b.seq).toBe(true);
  });
});

describe('outbox sync', () => {
  it('sends queued visits oldest first and empties the outbox', async () => {
    const store = createMemoryOutbox();
    const { send, sent } = scripted();
    const sync = syncOf(store, send);
    for (const id of ['v1', 'v2', 'v3']) await store.add({ kind: 'visit', subject: 't.1', username: 'grid-a', id, body: visit(id) });
    await sync.flush();
    expect(sent).toEqual(['v1', 'v2', 'v3']);
    expect(await store.list()).toEqual([]);
    expect(sync.getState()).toMatchObject({ phase: 'idle', pending: [], failed: [] });
  });

  it('shows a visit as pending at once, before any answer', async () => {
    const store = createMemoryOutbox();
    let answer: (() => void) | undefined;
    const sync = syncOf(store, () => new Promise<void>((resolve) => (answer = resolve)));
    await sync.enqueue(visitDraft(visit('v1')));
    expect(sync.getState().pending.map((e) => e.id)).toEqual(['v1']);
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
    await store.add({ kind: 'visit', subject: 't.1', username: 'grid-a', id: 'v1', body: visit('v1') });
    await store.add({ kind: 'visit', subject: 't.1', username: 'grid-a', id: 'v2', body: visit('v2') });

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
      bodies.push(entry.body as VisitCreate);
      const body = entry.body as VisitCreate;
      if (!recorded.has(body.visitId)) recorded.set(body.visitId, body);
      if (lose) {
        lose = false;
        throw new NetworkError('recordVisit', new TypeError('Failed to fetch'));
      }
    });
    await sync.enqueue(visitDraft(visit('v1')));
    await vi.waitFor(() => expect(sync.getState().phase).toBe('waiting'));
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(sync.getState().phase).toBe('idle'));
    expect(bodies).toEqual([visit('v1'), visit('v1')]);
    expect([...recorded.keys()]).toEqual(['v1']);
    expect(await store.list()).toEqual([]);
  });

  it('marks a 409 or another 4xx failed, shows why, and goes on with other tasks\' entries', async () => {
    const store = createMemoryOutbox();
    const { send, sent } = scripted(conflict(), new ApiError('recordVisit', 404, 'gone'), 'ok');
    const sync = syncOf(store, send);
    await store.add({ kind: 'visit', subject: 't.1', username: 'grid-a', id: 'v1', body: visit('v1') });
    await store.add({ kind: 'visit', subject: 't.2', username: 'grid-a', id: 'v2', body: visit('v2') });
    await store.add({ kind: 'visit', subject: 't.3', username: 'grid-a', id: 'v3', body: visit('v3') });
    await sync.flush();
    expect(sent).toEqual(['v1', 'v2', 'v3']);
    const { failed, pending, blocked, phase } = sync.getState();
    expect(pending).toEqual([]);
    expect(blocked).toEqual([]);
    expect(phase).toBe('idle');
    expect(failed.map((e) => [e.id, e.failure?.status])).toEqual([['v1', 409], ['v2', 404]]);
    expect(failed[0]?.failure).toMatchObject({ type: '/problems/conflict', detail: expect.stringContaining('different content') });

    // Not retried on its own: time passes, nothing is sent.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sent).toHaveLength(3);
    // The worker may send it again, or drop it.
    await sync.retry('v2');
    expect(sent).toEqual(['v1', 'v2', 'v3', 'v2']);
    await sync.discard('v1');
    expect(await store.list()).toEqual([]);
  });

  it('holds a task\'s later entries behind its refused one (blocked), never sending them to fail each in turn', async () => {
    const store = createMemoryOutbox();
    const taken = new ProblemError('claimTask', { type: '/problems/conflict', title: 'Conflict', status: 409, detail: 'the task is held by another worker' });
    const { send, sent } = scripted(taken);
    const sync = syncOf(store, send);
    await sync.enqueue({ id: 'claim-1', kind: 'claim', subject: 't.1', body: undefined });
    await sync.enqueue(visitDraft(visit('v1')));
    await sync.enqueue({ id: 'other-1', kind: 'visit', subject: 't.2', body: visit('other-1') });
    await sync.enqueue(visitDraft(visit('v2')));
    await vi.waitFor(() => expect(sync.getState().phase).toBe('idle'));
    expect(sent).toEqual(['claim-1', 'other-1']);
    expect(sync.getState().failed.map((e) => e.id)).toEqual(['claim-1']);
    expect(sync.getState().blocked.map((e) => e.id)).toEqual(['v1', 'v2']);
    expect(sync.getState().pending.map((e) => e.id)).toEqual(['v1', 'v2']);

    // Time, the online event, another flush: still not sent.
    await vi.advanceTimersByTimeAsync(120_000);
    await sync.flush();
    expect(sent).toEqual(['claim-1', 'other-1']);

    // The worker gives up the claim and what waits on it.
    await sync.discard('claim-1', { withBlocked: true });
    await sync.flush();
    expect(sent).toEqual(['claim-1', 'other-1']);
    expect(await store.list()).toEqual([]);
  });

  it('sends the blocked entries once the refused one is retried and answered, in their order', async () => {
    const store = createMemoryOutbox();
    const lapsed = new ProblemError('recordVisit', { type: '/problems/conflict', title: 'Conflict', status: 409, detail: 'your lease on this task has lapsed' });
    const { send, sent } = scripted(lapsed);
    const sync = syncOf(store, send, 'grid-a');
    sync.onSent(() => undefined);
    await sync.enqueue(visitDraft(visit('v1')));
    await sync.enqueue(visitDraft(visit('v2')));
    await vi.waitFor(() => expect(sync.getState().blocked.map((e) => e.id)).toEqual(['v2']));
    // A new claim does not wait behind the refusal: it wins the right to act back.
    await sync.enqueue({ id: 'claim-2', kind: 'claim', subject: 't.1', body: undefined });
    await vi.waitFor(() => expect(sent).toEqual(['v1', 'claim-2']));
    await sync.retry('v1');
    await vi.waitFor(() => expect(sync.getState().phase).toBe('idle'));
    expect(sent).toEqual(['v1', 'claim-2', 'v1', 'v2']);
    expect(await store.list()).toEqual([]);
  });

  it('answers an action the page waits on: sent, refused, or left queued when offline', async () => {
    const store = createMemoryOutbox();
    const offline = new NetworkError('claimTask', new TypeError('Failed to fetch'));
    const limit = new ProblemError('claimTask', { type: '/problems/task-limit', title: 'Task limit reached', status: 409 });
    const answers: unknown[] = [{ id: 't.1' }, limit, offline];
    const sync = syncOf(store, async () => {
      const next = answers.shift();
      if (next instanceof Error) throw next;
      return next;
    });
    const sent = await sync.submit({ kind: 'claim', subject: 't.1', body: undefined });
    expect(sent.settlement).toEqual({ kind: 'sent', answer: { id: 't.1' } });
    expect(sent.entry.id).toMatch(/^[A-Za-z0-9_.:-]{8,100}$/);
    const refused = await sync.submit({ kind: 'claim', subject: 't.2', body: undefined });
    expect(refused.settlement).toEqual({ kind: 'failed', error: limit });
    const kept = await sync.submit({ kind: 'claim', subject: 't.3', body: undefined });
    expect(kept.settlement).toEqual({ kind: 'queued' });
    expect(sync.getState().pending.map((e) => e.subject)).toEqual(['t.3']);
  });

  it('keeps every kind in one queue, oldest first, each with its own client id', async () => {
    const store = createMemoryOutbox();
    const { send, sent } = scripted();
    const sync = syncOf(store, send);
    await store.add({ kind: 'claim', subject: 't.1', username: 'grid-a', id: 'k-claim', body: undefined });
    await store.add({ kind: 'visit', subject: 't.1', username: 'grid-a', id: 'v1', body: visit('v1') });
    await store.add({ kind: 'complete', subject: 't.1', username: 'grid-a', id: 'k-complete', body: undefined });
    await store.add({ kind: 'release', subject: 't.2', username: 'grid-a', id: 'k-release', body: undefined });
    await sync.flush();
    expect(sent).toEqual(['k-claim', 'v1', 'k-complete', 'k-release']);
  });

  it('waits for sign-in after a 401, without marking anything failed', async () => {
    const store = createMemoryOutbox();
    const { send, sent } = scripted(new UnauthorizedError('recordVisit'));
    const sync = syncOf(store, send);
    await store.add({ kind: 'visit', subject: 't.1', username: 'grid-a', id: 'v1', body: visit('v1') });
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
    await store.add({ kind: 'visit', subject: 't.1', username: 'grid-b', id: 'theirs', body: visit('theirs') });
    await store.add({ kind: 'visit', subject: 't.1', username: 'grid-a', id: 'mine', body: visit('mine') });
    await syncOf(store, send, 'grid-a').flush();
    expect(sent).toEqual(['mine']);
    expect((await store.list()).map((e) => e.id)).toEqual(['theirs']);
  });

  it('sends at once when the browser comes back online, and when started', async () => {
    const store = createMemoryOutbox();
    const offline = new NetworkError('recordVisit', new TypeError('Failed to fetch'));
    const { send, sent } = scripted(offline);
    const events = new EventTarget();
    const sync = createOutboxSync({ store, username: 'grid-a', send, events: events as unknown as Window, backoff: { baseMs: 60_000, capMs: 60_000 } });
    syncs.push(sync);
    await store.add({ kind: 'visit', subject: 't.1', username: 'grid-a', id: 'v1', body: visit('v1') });
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
      sent.push(entry.id);
      await new Promise((resolve) => setTimeout(resolve, 10));
      inFlight -= 1;
    });
    await Promise.all(['v1', 'v2', 'v3'].map((id) => sync.enqueue(visitDraft(visit(id)))));
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

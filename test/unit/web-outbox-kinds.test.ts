/**
 * The outbox's kinds and what the view lays over the API's word: each task action is sent to its
 * route with the entry's client id as its Idempotency-Key (a visit keeps its own visitId), an
 * unknown kind is refused rather than retried for ever, and the worker's unsent claim, release
 * and completion show on the task (a claim made offline: mine, 待确认).
 */
import { describe, expect, it } from 'vitest';
import { createApiClient } from '#web/src/api/client.ts';
import { ApiError } from '#web/src/api/errors.ts';
import { IDEMPOTENCY_KEY_HEADER } from '#shared/schemas/idempotency.ts';
import type { TaskSummary } from '#shared/schemas/task.ts';
import type { VisitCreate } from '#shared/schemas/visit.ts';
import { holdsBackOnFailure, sendByKind, waitsBehindFailure } from '#web/src/tasks/outbox-kinds.ts';
import type { OutboxEntry } from '#web/src/tasks/outbox.ts';
import { blockedOf, isRetryable } from '#web/src/tasks/outbox-sync.ts';
import { entriesOver, overlay } from '#web/src/tasks/overlay.ts';

const entry = (over: Partial<OutboxEntry>): OutboxEntry => ({
  id: 'k-0a1b2c3d4e', kind: 'claim', subject: 'cp1.b1', username: 'grid-a', body: undefined,
  seq: 1, queuedAt: '', state: 'pending', attempts: 0, ...over,
});

/** The HTTP edge of the client: what it would put on the wire, answered 200. */
function wire() {
  const requests: { method: string; url: string; headers: Record<string, string>; body?: unknown }[] = [];
  const api = createApiClient({
    baseUrl: 'http://api.test',
    getToken: () => 'token',
    onUnauthorized: () => undefined,
    fetch: async (url, init) => {
      requests.push({
        method: init?.method ?? 'GET', url: String(url), headers: init?.headers as Record<string, string>,
        ...(typeof init?.body === 'string' ? { body: JSON.parse(init.body) } : {}),
      });
      return Response.json({}, { status: 200 });
    },
  });
  return { api, requests };
}

describe('outbox kinds', () => {
  it('sends claim, extend, release and complete with the entry id as Idempotency-Key', async () => {
    const { api, requests } = wire();
    for (const kind of ['claim', 'extend', 'release']) await sendByKind(api, entry({ kind, id: `key-${kind}-0001` }));
    await sendByKind(api, entry({ kind: 'complete', id: 'key-complete-1', body: { areas: ['corridor'] } }));
    expect(requests.map((r) => [r.method, r.url, new Headers(r.headers).get(IDEMPOTENCY_KEY_HEADER)])).toEqual([
      ['POST', 'http://api.test/v1/tasks/cp1.b1/claim', 'key-claim-0001'],
      ['POST', 'http://api.test/v1/tasks/cp1.b1/extend', 'key-extend-0001'],
      ['POST', 'http://api.test/v1/tasks/cp1.b1/release', 'key-release-0001'],
      ['POST', 'http://api.test/v1/tasks/cp1.b1/complete', 'key-complete-1'],
    ]);
    expect(requests[3]?.body).toEqual({ areas: ['corridor'] });
  });

  it('sends a visit with its own visitId and no Idempotency-Key', async () => {
    const { api, requests } = wire();
    const visit: VisitCreate = { visitId: 'v-1', householdId: '1-1-101', outcome: 'vacant', peopleSeen: 0, symptoms: [], flags: [] };
    await sendByKind(api, entry({ kind: 'visit', id: 'v-1', body: visit }));
    expect(requests[0]).toMatchObject({ url: 'http://api.test/v1/tasks/cp1.b1/visits', body: visit });
    expect(new Headers(requests[0]?.headers).get(IDEMPOTENCY_KEY_HEADER)).toBeNull();
  });

  it('takes a claim refused because the worker holds the task already (claimed from another device) as done', async () => {
    const refusing = (code: string) => createApiClient({
      baseUrl: 'http://api.test', getToken: () => 'token', onUnauthorized: () => undefined,
      fetch: async () => Response.json({ type: '/problems/conflict', title: 'Conflict', status: 409, detail: code, code },
        { status: 409, headers: { 'content-type': 'application/problem+json' } }),
    });
    await expect(sendByKind(refusing('task.held-by-you'), entry({ kind: 'claim' }))).resolves.toBeUndefined();
    await expect(sendByKind(refusing('task.taken'), entry({ kind: 'claim' }))).rejects.toMatchObject({ status: 409 });
    await expect(sendByKind(refusing('task.held-by-you'), entry({ kind: 'extend' }))).rejects.toMatchObject({ status: 409 });
  });

  it('refuses an unknown kind as a failure the worker sees, not one retried for ever', async () => {
    const { api } = wire();
    const error = await sendByKind(api, entry({ kind: 'from-a-newer-app' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(isRetryable(error)).toBe(false);
  });

  it('lets a claim pass a refused entry of its task; every other kind waits behind it', () => {
    expect(waitsBehindFailure(entry({ kind: 'claim' }))).toBe(false);
    for (const kind of ['extend', 'release', 'complete', 'visit', 'later-kind']) expect(waitsBehindFailure(entry({ kind })), kind).toBe(true);
  });

  it('lets the duty worker clock out at an exit whose last registration was refused', () => {
    const at = { subject: 'e_a1', username: 'duty-a' };
    const queue = [
      entry({ ...at, id: 'en-1', seq: 1, kind: 'gate-entry', state: 'failed' }),
      entry({ ...at, id: 'out-1', seq: 2, kind: 'clock-out', state: 'pending' }),
    ];
    expect(blockedOf(queue, waitsBehindFailure, holdsBackOnFailure)).toEqual([]);
    // A refused clock-in still holds back the clock-out after it.
    const clocks = [entry({ ...at, id: 'in-1', seq: 1, kind: 'clock-in', state: 'failed' }), queue[1]!];
    expect(blockedOf(clocks, waitsBehindFailure, holdsBackOnFailure).map((e) => e.id)).toEqual(['out-1']);
  });
});

const task = (over: Partial<TaskSummary> = {}): TaskSummary => ({
  id: 'cp1.b1', campaignId: 'cp1', kind: 'sweep', targetId: 'b1', buildingId: 'b1', buildingName: '1栋', compoundId: 'c1',
  compoundName: '南湖里', communityId: 'cm', streetId: 'st', gridId: 'g1', order: 0, location: [112.58, 31.17],
  status: 'open', holder: null, leaseExpiresAt: null, leaseSecondsLeft: null,
  householdsTotal: 2, householdsVisited: 0, peopleSeen: 0, coverage: 0, covered: false, ...over,
});

describe('pending actions over the API\'s word', () => {
  it('shows an open task claimed offline as mine, unconfirmed', () => {
    expect(overlay(task(), [entry({ kind: 'claim' })], 'grid-a')).toEqual({
      task: { ...task(), status: 'claimed', holder: 'grid-a' },
      unconfirmed: 'claim',
    });
  });

  it('keeps the claim unconfirmed through an extend, and follows release and completion', () => {
    const claimThenExtend = [entry({ kind: 'claim' }), entry({ kind: 'extend', seq: 2 })];
    expect(overlay(task(), claimThenExtend, 'grid-a').unconfirmed).toBe('claim');
    const held = task({ status: 'claimed', holder: 'grid-a', leaseSecondsLeft: 600 });
    expect(overlay(held, [entry({ kind: 'release' })], 'grid-a').task).toMatchObject({ status: 'open', holder: null });
    expect(overlay(held, [entry({ kind: 'complete' })], 'grid-a')).toMatchObject({ task: { status: 'done' }, unconfirmed: 'complete' });
  });

  it('lays over neither refused entries, nor other tasks\', nor other users\', nor visits', () => {
    const others = [
      entry({ kind: 'claim', state: 'failed' }),
      entry({ kind: 'claim', subject: 'cp1.b2' }),
      entry({ kind: 'claim', username: 'grid-b' }),
      entry({ kind: 'visit' }),
    ];
    expect(overlay(task(), others, 'grid-a')).toEqual({ task: task() });
  });

  it('keeps an answered claim laid over until a read made after it settles, so the task does not flip back to open meanwhile', () => {
    const sent = entry({ kind: 'claim', id: 'k-sent-claim' });
    const idle = { phase: 'idle' as const, pending: [], failed: [], blocked: [] };
    // The outbox no longer holds the claim; the list read before it says the task is open.
    expect(overlay(task(), entriesOver(idle, [sent], false), 'grid-a').task).toMatchObject({ status: 'claimed', holder: 'grid-a' });
    // The read made after the answer has settled: the API's word stands alone.
    expect(overlay(task(), entriesOver(idle, [sent], true), 'grid-a')).toEqual({ task: task() });
    // A refused entry is never laid over, answered list or not.
    const refused = { ...sent, state: 'failed' as const };
    expect(overlay(task(), entriesOver({ ...idle, failed: [refused] }, [sent], false), 'grid-a')).toEqual({ task: task() });
  });
});

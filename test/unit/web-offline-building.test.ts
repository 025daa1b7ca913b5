/**
 * What the tasks view computes on the phone, offline included: the building by unit and floor
 * with the outbox's visits laid over the API's outcomes, how many households are left, nearest
 * first, and the visit and round bodies checked by the API's own schema and rules.
 */
import { describe, expect, it } from 'vitest';
import type { VisitCreate } from '#shared/schemas/visit.ts';
import { buildingOf, leftToVisit } from '#web/src/tasks/households.ts';
import type { VisitEntry } from '#web/src/tasks/households.ts';
import { distanceM, nearestFirst } from '#web/src/tasks/place.ts';
import { roundCompletionOf } from '#web/src/tasks/RoundForm.tsx';
import { emptyDraft, visitOf, withOutcome, withPeople } from '#web/src/tasks/visit-draft.ts';

const hh = (id: string, outcome: string | null = null) => {
  const [unit, floor, room] = id.split('-');
  return { id, unit: Number(unit), floor: Number(floor), room: room ?? '', outcome };
};

const queued = (visitId: string, body: Partial<VisitCreate>, state: VisitEntry['state'] = 'pending', seq = 1): VisitEntry => ({
  id: visitId, kind: 'visit', subject: 't', username: 'u', seq, queuedAt: '', state, attempts: 0,
  body: { visitId, householdId: '1-1-101', outcome: 'seen_all', peopleSeen: 1, symptoms: [], flags: [], ...body },
});

describe('building view', () => {
  it('groups by unit and floor in number order, rooms in order', () => {
    const units = buildingOf([hh('2-1-101'), hh('1-10-1002'), hh('1-2-202'), hh('1-2-201'), hh('1-1-101')], []);
    expect(units.map((u) => u.unit)).toEqual([1, 2]);
    expect(units[0]?.floors.map((f) => f.floor)).toEqual([1, 2, 10]);
    expect(units[0]?.floors[1]?.households.map((h) => h.room)).toEqual(['201', '202']);
  });

  it('lays the outbox over the API: the newest queued visit of a household wins; failed ones show as failed', () => {
    const units = buildingOf(
      [hh('1-1-101', 'no_answer'), hh('1-1-102', 'seen_all'), hh('1-1-103')],
      [
        queued('a', { householdId: '1-1-101', outcome: 'no_answer', peopleSeen: 0 }, 'pending', 1),
        queued('b', { householdId: '1-1-101', outcome: 'seen_some', peopleSeen: 2 }, 'pending', 2),
        queued('c', { householdId: '1-1-103', outcome: 'vacant', peopleSeen: 0 }, 'failed', 3),
      ],
    );
    const marks = units[0]?.floors[0]?.households.map((h) => h.mark);
    expect(marks).toEqual([
      { kind: 'pending', outcome: 'seen_some' },
      { kind: 'recorded', outcome: 'seen_all' },
      { kind: 'failed', outcome: 'vacant' },
    ]);
    // A pending result counts as done (it will be sent); a failed one and no answer do not.
    expect(leftToVisit(units)).toBe(1);
    expect(leftToVisit(buildingOf([hh('1-1-101', 'no_answer'), hh('1-1-102', 'refused')], []))).toBe(1);
  });
});

describe('nearest first', () => {
  it('sorts by distance from the phone, keeping walking order for ties, and leaves the order alone without a position', () => {
    const at = (id: string, lng: number, lat: number) => ({ id, location: [lng, lat] as [number, number] });
    const items = [at('far', 112.6, 31.2), at('near', 112.581, 31.171), at('tie-a', 112.59, 31.17), at('tie-b', 112.59, 31.17)];
    expect(nearestFirst(items, [112.58, 31.17]).map((i) => i.id)).toEqual(['near', 'tie-a', 'tie-b', 'far']);
    expect(nearestFirst(items, undefined).map((i) => i.id)).toEqual(['far', 'near', 'tie-a', 'tie-b']);
    expect(distanceM([112.58, 31.17], [112.58, 31.18])).toBeCloseTo(1112, -1);
  });
});

describe('visit draft', () => {
  const draft = emptyDraft('2026-11-23');

  it('keeps the count to what the outcome allows', () => {
    expect(withOutcome(draft, 'seen_some').peopleSeen).toBe(1);
    expect(withOutcome(withPeople(withOutcome(draft, 'seen_all'), 4), 'vacant')).toMatchObject({ peopleSeen: 0, symptoms: [] });
    expect(withPeople(withOutcome(draft, 'seen_all'), 0).peopleSeen).toBe(1);
    expect(withPeople(withOutcome(draft, 'refused'), 99).peopleSeen).toBe(50);
  });

  it('answers the API\'s body, or the fields to correct', () => {
    expect(visitOf(draft, '1-1-101', 'v1')).toEqual({ ok: false, fields: ['outcome'] });
    const returnee = { ...withOutcome(draft, 'seen_all'), returnee: { on: true, origin: ' ', date: '2026-11-20' } };
    expect(visitOf(returnee, '1-1-101', 'v1')).toEqual({ ok: false, fields: ['origin'] });
    const ok = visitOf({ ...returnee, returnee: { on: true, origin: '武汉', date: '2026-11-20' }, tenant: true, note: ' 东户 ' }, '1-1-101', 'v1');
    expect(ok).toEqual({
      ok: true,
      body: {
        visitId: 'v1', householdId: '1-1-101', outcome: 'seen_all', peopleSeen: 1, symptoms: [],
        flags: [{ type: 'returnee', origin: '武汉', date: '2026-11-20' }, { type: 'tenant' }], note: '东户',
      },
    });
    // The API's own rule, not only the schema: no symptoms when nobody was met.
    expect(visitOf({ ...withOutcome(draft, 'no_answer'), symptoms: ['fever'] }, '1-1-101', 'v1')).toEqual({ ok: false, fields: ['symptoms'] });
  });
});

describe('round completion', () => {
  it('sends the areas done, and needs a reason for fewer than the set', () => {
    const planned = ['corridor', 'elevator', 'guard_room'] as const;
    expect(roundCompletionOf(planned, ['corridor', 'elevator', 'guard_room'], '', '')).toEqual({ ok: true, body: { areas: ['corridor', 'elevator', 'guard_room'] } });
    expect(roundCompletionOf(planned, ['corridor'], ' ', '')).toEqual({ ok: false, missing: 'reason' });
    expect(roundCompletionOf(planned, [], 'x', '')).toEqual({ ok: false, missing: 'areas' });
    expect(roundCompletionOf(planned, ['guard_room', 'corridor'], '电梯停用', ' 已通风 ')).toEqual({
      ok: true, body: { areas: ['corridor', 'guard_room'], reason: '电梯停用', note: '已通风' },
    });
  });
});

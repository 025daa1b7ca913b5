/**
 * A tiny people API for the people views' component tests: the register of one grid (people
 * under observation, a vulnerable resident paired with the signed-in worker), reports on their
 * behalf filling the slot being chased, contacts, link issues, and enrolment — kept in memory,
 * as the API would answer, so a test sees what a view asked and what it then shows.
 */
import { chinaDay } from '#shared/domain/china-time.ts';
import type { PersonCreate, PersonSummary, Slot } from '#shared/schemas/person.ts';
import type { Call } from './render.tsx';

/** The fixed "now" of these tests: 09:00 in China on 2026-12-07, inside the morning window. */
export const NOW = new Date('2026-12-07T01:00:00.000Z');
export const TODAY = '2026-12-07';

export const gridUser = { username: 'grid-p3-1', role: 'grid' as const, name: '测试网格员', jurisdiction: { gridId: 'g1' } };
export const communityUser = { username: 'community-p3-1', role: 'community' as const, name: '测试社区', jurisdiction: { communityId: 'cm1' } };

const slot = (date: string, name: 'am' | 'pm', status: Slot['status'], temperatureC?: number): Slot => ({ date, slot: name, status, ...(temperatureC ? { temperatureC } : {}) });

export function person(id: string, over: Partial<PersonSummary> = {}): PersonSummary {
  const made: PersonSummary = {
    id, name: '张*', compoundId: 'c1', buildingId: 'b1', room: '1单元302', communityId: 'cm1', streetId: 's1', gridId: 'g1',
    category: 'returnee', status: 'under_observation', period: { start: '2026-12-01', end: '2026-12-14' },
    today: [slot(TODAY, 'am', 'pending'), slot(TODAY, 'pm', 'pending')], missed: 0, testsOutstanding: [],
    createdAt: '2026-12-01T01:00:00.000Z', createdBy: 'community-p3-1', slots: [], ...over,
  };
  return { ...made, slots: over.slots ?? slotsOf(made) };
}

/**
 * The period's slots of a person as the page lists them: the first two days reported well, the
 * third day's morning with symptoms at 37.8 °C, its evening missed, the days up to today
 * reported, today's as the list says, the rest still to come (none listed).
 */
export function slotsOf(p: Pick<PersonSummary, 'today'>): Slot[] {
  const days = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
  const past = days.flatMap((date) => (['am', 'pm'] as const).map((name) => slot(date, name, 'reported_ok', 36.5)));
  past[4] = slot('2026-12-03', 'am', 'reported_symptoms', 37.8);
  past[5] = slot('2026-12-03', 'pm', 'missed');
  return [...past, ...p.today];
}

const json = (body: unknown, status = 200) => Response.json(body, { status });
const notFound = () => Response.json({ type: '/problems/not-found', title: 'Not found', status: 404 }, { status: 404, headers: { 'content-type': 'application/problem+json' } });

export function peopleApi(initial: PersonSummary[]) {
  const people = new Map(initial.map((p) => [p.id, p]));
  const enrolled: PersonCreate[] = [];
  const answer = (call: Call): unknown => {
    const path = call.path.split('?')[0] ?? '';
    const query = new URLSearchParams(call.path.split('?')[1] ?? '');
    if (call.method === 'GET' && path === '/v1/people') {
      const items = [...people.values()].filter((p) =>
        (!query.get('status') || p.status === query.get('status')) &&
        (!query.get('compoundId') || p.compoundId === query.get('compoundId')) &&
        (!query.get('category') || p.category === query.get('category')) &&
        (!query.get('pairedWith') || p.pairedWith === query.get('pairedWith')));
      const counts: Record<string, number> = {};
      for (const p of items) counts[p.status] = (counts[p.status] ?? 0) + 1;
      return { items, counts };
    }
    const one = /^\/v1\/people\/([^/]+)$/.exec(path);
    if (call.method === 'GET' && one?.[1]) {
      const p = people.get(one[1]);
      return p ? { ...p, tests: [], contacts: [] } : notFound();
    }
    const report = /^\/v1\/people\/([^/]+)\/reports$/.exec(path);
    if (call.method === 'POST' && report?.[1]) {
      const p = people.get(report[1]);
      if (!p) return notFound();
      const body = call.body as { temperatureC: number; symptoms: string[]; date?: string; slot?: 'am' | 'pm' };
      // The slot the report names (the one being chased), else this morning's.
      const key = { date: body.date ?? TODAY, slot: body.slot ?? 'am' };
      const filled = slot(key.date, key.slot, body.symptoms.length > 0 || body.temperatureC >= 37.3 ? 'reported_symptoms' : 'reported_ok', body.temperatureC);
      const same = (s: Slot) => s.date === key.date && s.slot === key.slot;
      // `today` holds the China day's slots as the API lists them: yesterday evening's is not among them.
      const today = key.date === chinaDay(new Date().toISOString()) ? [filled, ...p.today.filter((s) => !same(s))] : p.today;
      const slots = p.slots.some(same) ? p.slots.map((s) => (same(s) ? filled : s)) : [...p.slots, filled];
      people.set(p.id, { ...p, today, slots });
      return json({ personId: p.id, slot: filled }, 201);
    }
    const contact = /^\/v1\/people\/([^/]+)\/contacts$/.exec(path);
    if (call.method === 'POST' && contact?.[1]) {
      const p = people.get(contact[1]);
      if (!p) return notFound();
      const at = new Date().toISOString();
      people.set(p.id, { ...p, lastContactAt: at });
      return json({ at, by: gridUser.username, ...(call.body as object) }, 201);
    }
    if (call.method === 'POST' && /^\/v1\/people\/[^/]+\/link$/.test(path)) return json({ reportToken: 'tok-abc.def' });
    if (call.method === 'POST' && path === '/v1/people') {
      enrolled.push(call.body as PersonCreate);
      return json({ id: 'p-new', status: 'under_observation', reportToken: 'tok-new.123' }, 201);
    }
    if (path === '/v1/compounds') return { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [112.58, 31.17] }, properties: { id: 'c1', name: '粮食局宿舍区' } }] };
    if (path === '/v1/communities') return { type: 'FeatureCollection', features: [] };
    if (path === '/v1/compounds/c1') return { type: 'Feature', geometry: null, properties: { id: 'c1', name: '粮食局宿舍区' } };
    if (path === '/v1/compounds/c1/buildings') {
      return {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [112.58, 31.17] }, properties: { id: 'b1', compoundId: 'c1', name: '3栋', gridId: 'g1', units: 2, floors: 6, householdsPerFloor: 2, households: 24 } }],
      };
    }
    if (path === '/v1/staff') return { items: [{ username: 'cadre-1', name: '王干部', role: 'community', jurisdiction: {} }] };
    return notFound();
  };
  return { answer, people, enrolled };
}

/**
 * What the fuzz tests share (fuzz-routes, fuzz-imports): a city made fresh for each route on the
 * run's DynamoDB Local (the fixture city with more exits, a sweep and a disinfection round with a
 * task of each claimed, a shift on duty now, two open alerts, a drop-off point and two orders, one
 * accepted by cm1's volunteer); domain hints so that generated
 * input reaches past lookups and jurisdiction; and the check every request must pass: never a
 * 5xx, and a 4xx leaves the table exactly as it was.
 */
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { expect } from 'vitest';
import { localClient } from '#infra/local/bootstrap.ts';
import { batchWrite } from '#functions/platform/table.ts';
import { buildingItem, exitItem } from '#functions/stores/compound-store.ts';
import { dropOffItem } from '#functions/stores/drop-off-store.ts';
import { putStaff } from '#functions/stores/staff-store.ts';
import { chinaDay } from '#shared/domain/china-time.ts';
import { CampaignScope } from '#shared/schemas/campaign.ts';
import type { LocalUser } from '#shared/schemas/local.ts';
import { AreaGeometry, Id, Position } from '#shared/schemas/common.ts';
import { freshTable } from '../support/env.ts';
import { fixture, fixtureUsers, seedFixtureCity } from '../support/fixture-city.ts';
import type { Client, TestStack } from '../support/stack.ts';
import { tableFingerprint } from '../support/table-scan.ts';
import { valid, type Hints } from '../support/zod-arbitrary.ts';

/** Runs per route: small in `npm test`, `npm run fuzz` sets 500. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 20);
/**
 * fast-check's parameters for every property here. `npm test` runs a fixed seed, so a CI run
 * answers for the code it was given rather than for the luck of the draw; `npm run fuzz`
 * (FUZZ_SEED=random) draws new values every time, and a failure prints the seed that repeats it
 * (FUZZ_SEED=<seed>).
 */
const seedSetting = process.env.FUZZ_SEED ?? '20261206';
export const FUZZ_PARAMETERS = {
  numRuns: FUZZ_RUNS,
  ...(seedSetting === 'random' ? {} : { seed: Number(seedSetting) }),
};
/** A property's time: the city's making, and each run's request and table scan. */
export const fuzzTimeout = (perRunMs: number) => 60_000 + FUZZ_RUNS * perRunMs;

/** The fixture's users and a volunteer of cm1, who works its orders (issue 18). */
export const fuzzUsers: LocalUser[] = [
  ...fixtureUsers,
  { username: 'volunteer-cm1', name: '志愿者', role: 'volunteer', jurisdiction: { streetId: 's1', communityId: 'cm1' } },
];
export const COMPOUNDS = Object.values(fixture.compounds).map((c) => c.id);
export const EXITS = ['e_a1', 'e_a2', 'e_b1', 'e_d1'];
export const BUILDINGS = ['b_a1', 'b_a2', 'b_d1'];
/** Households of b_a1 (2 units, 6 floors, 2 a floor) and b_a2 (1, 5, 2). */
const HOUSEHOLDS = ['1-1-101', '1-1-102', '2-6-602', '1-5-502', '2-3-301'];

export interface City {
  readonly tableName: string;
  readonly campaigns: readonly string[];
  readonly tasks: readonly string[];
  readonly alerts: readonly string[];
  /** People under care: a returnee under observation and a vulnerable resident paired with the grid worker. */
  readonly people: readonly string[];
  /** An open emergency help request in c_a. */
  readonly helpRequests: readonly string[];
  readonly inspections: readonly string[];
  /** Orders of a household of c_a: one requested, one accepted by the volunteer. */
  readonly orders: readonly string[];
}

const seedAt = '2026-11-01T00:00:00.000Z';
const json = async <T>(response: Response, status: number): Promise<T> => {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
};

/** A fresh table (the previous one dropped) with the city and its work in progress, made through the API where it can be. */
export async function freshCity(stack: TestStack, previous?: City): Promise<City> {
  await stack.queues.drain();
  if (previous) {
    const client = localClient(stack.endpoint);
    await client.send(new DeleteTableCommand({ TableName: previous.tableName }));
    client.destroy();
  }
  const tableName = await freshTable(stack.endpoint);
  await seedFixtureCity();
  // The new table's staff directory holds the users the local sign-in knows, as the runtime's start wrote them into the first.
  await putStaff(stack.identity.users, seedAt, 'system:test');
  const exit = (id: string, compoundId: string, location: [number, number]) =>
    exitItem({ id, compoundId, name: `${id}门`, kind: 'mixed', status: 'open', location, updatedAt: seedAt, updatedBy: 'system:test' });
  await batchWrite([
    exit('e_b1', 'c_b', [112.546, 31.121]),
    exit('e_d1', 'c_d', [112.611, 31.111]),
    buildingItem({
      id: 'b_d1', compoundId: 'c_d', name: '1栋', gridId: null, units: 1, floors: 2, householdsPerFloor: 2, households: 4,
      location: [112.611, 31.111], geometry: null, updatedAt: seedAt, updatedBy: 'system:test',
    }),
    dropOffItem({ id: 'dp_a1', compoundId: 'c_a', name: '东门存放点', createdAt: seedAt, createdBy: 'system:test' }),
  ]);
  const city = await stack.as('city');
  const hour = 3_600_000;
  await json(await city.post('/v1/exits/e_a1/shifts', {
    person: 'duty-a', start: new Date(Date.now() - hour).toISOString(), end: new Date(Date.now() + 7 * hour).toISOString(),
  }), 201);
  const launch = async (body: unknown) => (await json<{ id: string }>(await city.post('/v1/campaigns', body), 202)).id;
  const campaigns = [
    await launch({ kind: 'sweep', scope: { type: 'community', id: 'cm1' } }),
    await launch({ kind: 'disinfection', scope: { type: 'compound', id: 'c_d' } }),
  ];
  await stack.queues.drain();
  const tasks: string[] = [];
  for (const campaignId of campaigns) {
    const page = await json<{ items: { id: string }[] }>(await city.get(`/v1/tasks?campaignId=${campaignId}`), 200);
    tasks.push(...page.items.map((t) => t.id));
  }
  await json(await (await stack.as('grid-g1')).post(`/v1/tasks/${campaigns[0]}.b_a1/claim`), 200);
  const roundTask = tasks.find((t) => t.startsWith(`${campaigns[1]}.`));
  if (roundTask) await json(await (await stack.as('disinfection-c')).post(`/v1/tasks/${roundTask}/claim`), 200);
  await json(await city.post('/v1/cases', {
    compoundId: 'c_a', buildingId: 'b_a1', date: chinaDay(new Date().toISOString()), kind: 'confirmed', count: 1,
  }), 201);
  await json(await (await stack.as('duty-a')).post('/v1/exits/e_a1/entries', {
    entryId: 'en_fever', direction: 'in', category: 'resident', outcome: 'admitted', temperatureC: 38.6,
    checks: { identityAsked: true, recorded: true, temperatureMeasured: true, maskWorn: true }, escort: { hospital: '市人民医院' },
  }), 201);
  const alerts = (await json<{ items: { id: string }[] }>(await city.get('/v1/alerts'), 200)).items.map((a) => a.id);
  const community = await stack.as('community-cm1');
  const person = { name: '张三', compoundId: 'c_a', buildingId: 'b_a1', reason: 'fuzz' };
  const people = [
    (await json<{ id: string }>(await community.post('/v1/people', { ...person, category: 'returnee' }), 201)).id,
    (await json<{ id: string }>(await community.post('/v1/people', { ...person, category: 'vulnerable', pairedWith: 'grid-g1' }), 201)).id,
  ];
  const helpRequests = [
    (await json<{ id: string }>(await community.post('/v1/help-requests', { compoundId: 'c_a', buildingId: 'b_a1', kind: 'medicine', urgency: 'normal', note: 'fuzz' }), 201)).id,
  ];
  // An inspection with a finding, for the community to rectify.
  const inspections = [
    (await json<{ id: string }>(await city.post('/v1/inspections', { compoundId: 'c_a', items: [{ key: 'checkpoint', ok: false, finding: 'fuzz' }] }), 201)).id,
  ];
  const order = (orderId: string) => ({ orderId, compoundId: 'c_a', buildingId: 'b_a1', room: '2单元301', kind: 'groceries', items: [{ name: '大米', qty: 1 }] });
  const orders = [
    (await json<{ id: string }>(await community.post('/v1/orders', order('fuzz-order-1')), 201)).id,
    (await json<{ id: string }>(await community.post('/v1/orders', order('fuzz-order-2')), 201)).id,
  ];
  await json(await (await stack.as('volunteer-cm1')).post(`/v1/orders/${orders[1]}/accept`, {}), 200);
  await stack.queues.drain();
  return { tableName, campaigns, tasks, alerts, people, helpRequests, inspections, orders };
}

/** A closed n-gon around a centre, in degrees; n may be in the tens of thousands. */
function ring(cx: number, cy: number, r: number, n: number): [number, number][] {
  const points: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    points.push([Number((cx + r * Math.cos(a)).toFixed(7)), Number((cy + r * Math.sin(a)).toFixed(7))]);
  }
  return [...points, points[0]!];
}

/** Polygons on the seeded map: some with a hole inside or (wrongly) outside, some self-crossing, tiny, huge, or over the vertex cap. */
const polygon = fc.record({
  cx: fc.integer({ min: 0, max: 1200 }).map((i) => 112.5 + i / 1e4),
  cy: fc.integer({ min: 0, max: 600 }).map((i) => 31.1 + i / 1e4),
  r: fc.oneof(fc.constantFrom(1e-6, 1e-4, 0.002, 0.01, 0.5, 30), fc.integer({ min: 1, max: 100 }).map((i) => i / 1e4)),
  n: fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 3, max: 12 }) }, { weight: 2, arbitrary: fc.constantFrom(4_999, 5_000, 5_001) }, { weight: 1, arbitrary: fc.constant(40_000) }),
  hole: fc.constantFrom('none', 'none', 'none', 'inside', 'inside', 'outside', 'bowtie'),
}).map(({ cx, cy, r, n, hole }) => {
  if (hole === 'bowtie') return { type: 'Polygon', coordinates: [[[cx, cy], [cx + r, cy + r], [cx + r, cy], [cx, cy + r], [cx, cy]]] };
  const shell = ring(cx, cy, r, n);
  if (hole === 'none') return { type: 'Polygon', coordinates: [shell] };
  return { type: 'Polygon', coordinates: [shell, ring(hole === 'inside' ? cx : cx + 3 * r, cy, r / 3, 5)] };
});
/** Polygons each under the vertex cap that together outgrow a DynamoDB item (400 KB). */
const heavy = fc.integer({ min: 2, max: 8 }).map((k) => ({
  type: 'MultiPolygon',
  coordinates: Array.from({ length: k }, (_, i) => [ring(112.51 + 0.004 * i, 31.12, 0.0015, 4_999)]),
}));
/** What a geometry key gets: mostly those, and now and then anything AreaGeometry's structure takes. */
export const areaGeometry = fc.oneof(
  { weight: 12, arbitrary: polygon },
  { weight: 1, arbitrary: heavy },
  { weight: 2, arbitrary: fc.array(polygon, { minLength: 1, maxLength: 3 }).map((ps) => ({ type: 'MultiPolygon', coordinates: ps.map((p) => p.coordinates) })) },
  { weight: 2, arbitrary: valid(AreaGeometry) },
);
export const nearPoint = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 })).map(([x, y]) => [112.5 + x / 1e4, 31.1 + y / 1e4]) },
  { weight: 1, arbitrary: valid(Position) },
);

const seeded = <T>(values: readonly T[], otherwise: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: otherwise });
/** Client ids that repeat, so that replays and conflicts (same id, other body) come up. */
const replayable = fc.oneof({ weight: 1, arbitrary: fc.constantFrom('k1', 'k2') }, { weight: 3, arbitrary: valid(Id) });

/** Keys whose generic values would never name anything in the city. Each is valid for its key's schema. */
export const cityHints: Hints = {
  keys: {
    compoundId: seeded(COMPOUNDS, valid(Id)),
    buildingId: seeded(BUILDINGS, valid(Id)),
    communityId: seeded(['cm1', 'cm2', 'cm3'], valid(Id)),
    compoundIds: seeded([['c_a', 'c_b'], ['c_c', 'c_d'], ['c_a', 'c_e', 'c_c']], fc.array(valid(Id), { minLength: 2, maxLength: 20 })),
    scope: seeded([
      { type: 'city' }, { type: 'street', id: 's1' }, { type: 'community', id: 'cm2' }, { type: 'grid', id: 'g1' }, { type: 'compound', id: 'c_a' },
    ], valid(CampaignScope)),
    person: fc.constantFrom('duty-a', 'duty-d', '值守员', 'x'),
    householdId: seeded(HOUSEHOLDS, fc.stringMatching(/^\d{1,2}-\d{1,3}-\d{1,5}$/)),
    entryId: replayable, visitId: replayable, caseId: replayable, passId: replayable, orderId: replayable,
    dropOffPointId: seeded(['dp_a1'], valid(Id)),
    geometry: areaGeometry, boundary: areaGeometry,
    location: nearPoint, position: nearPoint,
  },
};

/**
 * Sends requests and holds each to the rule: no 5xx, and a 4xx writes nothing. The table is read
 * before a request (once after a write; a 4xx's after-read serves as the next before) and, after
 * a 4xx, again, with the queues drained both times.
 */
export function guard(stack: TestStack) {
  let before: string | undefined;
  /** Answers by status, printed with FUZZ_STATS=1 to see how far the generated input got. */
  const statuses: Record<number, number> = {};
  /** `writes: false`: a success must leave the table as it was too (a dry run). */
  const send = async (label: string, request: () => Promise<Response>, options = { writes: true }): Promise<{ status: number; text: string }> => {
    before ??= await tableFingerprint();
    const response = await request();
    const text = await response.text();
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    await stack.queues.drain();
    if (response.status >= 500) {
      before = undefined;
      expect.fail(`${label} answered ${response.status}: ${text.slice(0, 500)}`);
    }
    if (response.status < 400 && options.writes) {
      before = undefined;
      return { status: response.status, text };
    }
    const after = await tableFingerprint();
    const was = before;
    before = after;
    if (after !== was) {
      const [old, now] = [new Set(was.split('\n')), new Set(after.split('\n'))];
      const changed = [...[...old].filter((l) => !now.has(l)).map((l) => `- ${l}`), ...[...now].filter((l) => !old.has(l)).map((l) => `+ ${l}`)];
      expect.fail(`${label} answered ${response.status} (${text.slice(0, 300)}) but wrote:\n${changed.slice(0, 6).join('\n').slice(0, 3000)}`);
    }
    return { status: response.status, text };
  };
  const report = (label: string) => {
    if (process.env.FUZZ_STATS) console.warn(`${label}: ${JSON.stringify(statuses)}`);
  };
  return { send, report };
}

/** Issues a client per user once for each property (tokens outlive a route's runs). */
export async function clientsOf(stack: TestStack, usernames: readonly string[]): Promise<Record<string, Client>> {
  return Object.fromEntries(await Promise.all(usernames.map(async (u) => [u, await stack.as(u)] as const)));
}

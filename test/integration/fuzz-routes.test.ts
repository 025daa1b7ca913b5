/**
 * A property per write route of the catalogue (FUZZ_RUNS runs each; `npm run fuzz` runs 500):
 * bodies generated from the route's own zod schema, valid and with one thing made wrong, sent by
 * callers the route allows, at seeded entities and sometimes at unknown or malformed ids, with
 * If-Match and Idempotency-Key headers where the route reads them. Never a 5xx; a 4xx writes nothing. Imports have their own file (fuzz-imports.test.ts).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '#shared/catalogue/routes.ts';
import type { RouteSpec } from '#shared/catalogue/types.ts';
import { Id } from '#shared/schemas/common.ts';
import { ORDER_ACTIONS } from '#shared/schemas/order.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { mutated, valid } from '../support/zod-arbitrary.ts';
import { COMPOUNDS, EXITS, FUZZ_PARAMETERS, clientsOf, cityHints, freshCity, fuzzTimeout, fuzzUsers, guard, type City } from './fuzz-support.ts';

const writeRoutes = Object.entries(routes as Record<string, RouteSpec>)
  .filter(([, route]) => route.auth === 'jwt' && route.method !== 'GET');
const jsonRoutes = writeRoutes.filter(([, route]) => route.body?.kind !== 'raw');

/** The seeded ids a route's `{id}` may name, by the collection its path starts with. */
const seededIds: Record<string, (city: City) => readonly string[]> = {
  compounds: () => COMPOUNDS,
  exits: () => EXITS,
  alerts: (city) => city.alerts,
  campaigns: (city) => city.campaigns,
  tasks: (city) => city.tasks,
  people: (city) => city.people,
  'help-requests': (city) => city.helpRequests,
  inspections: (city) => city.inspections,
  orders: (city) => city.orders,
};
const collectionOf = (route: RouteSpec) => route.path.split('/')[2]!;

/** An id in the path: a seeded one mostly, else unknown, else malformed (escaped, or a bare `%`). */
function pathOf(route: RouteSpec, city: City): fc.Arbitrary<string> {
  if (!route.path.includes('{id}')) return fc.constant(route.path);
  const ids = seededIds[collectionOf(route)]?.(city) ?? [];
  const id = fc.oneof(
    { weight: 8, arbitrary: ids.length > 0 ? fc.constantFrom(...ids) : valid(Id) },
    { weight: 1, arbitrary: valid(route.params?.shape.id ?? Id) as fc.Arbitrary<string> },
    { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 80 }).map(encodeURIComponent), fc.constantFrom('%', '%zz', '..', '%2e%2e', '%00')) },
  );
  // A second id (a pass of the compound): one the fuzzed bodies issue, or any.
  const passId = route.path.includes('{passId}') ? ((cityHints.keys?.passId ?? valid(Id)) as fc.Arbitrary<string>) : fc.constant('');
  // A step of an order: any of them mostly (the rules answer for each status), now and then one that is none.
  const action = route.path.includes('{action}')
    ? fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...ORDER_ACTIONS) }, { weight: 1, arbitrary: fc.constantFrom('x', '%', 'ACCEPT') })
    : fc.constant('');
  return fc.tuple(id, passId, action).map(([value, pass, step]) => route.path.replace('{id}', value).replace('{passId}', pass).replace('{action}', step));
}

type Body = { json: unknown } | { raw: string };
function bodyOf(route: RouteSpec): fc.Arbitrary<Body> {
  const junk = fc.constantFrom('', '{', 'null', '[]', '"x"', '{"a":', '\u0000').map((raw): Body => ({ raw }));
  if (route.body?.kind !== 'json') return fc.oneof(fc.constant({ json: undefined }), fc.jsonValue({ maxDepth: 2 }).map((json) => ({ json })), junk);
  const schema = route.body.schema;
  return fc.oneof(
    { weight: 5, arbitrary: valid(schema, cityHints).map((json): Body => ({ json })) },
    { weight: 5, arbitrary: mutated(schema, cityHints).map((json): Body => ({ json })) },
    { weight: 1, arbitrary: junk },
  );
}

/** If-Match on a PATCH: none mostly, else a tag that cannot be current, or any. */
const ifMatch = fc.option(fc.constantFrom('*', '"0"', 'W/"stale"', 'garbage', ''), { freq: 2 });
/** On an idempotent route: no key, a few keys used again and again (resends, and reuse with other bodies), or any printable text. */
const idempotencyKey = (route: RouteSpec) => (route.idempotent
  ? fc.option(fc.oneof(fc.constantFrom('fuzz-key-0001', 'fuzz-key-0002'), fc.stringMatching(/^[ -~]{0,120}$/)), { freq: 3 })
  : fc.constant(null));

let stack: TestStack;
let city: City | undefined;
beforeAll(async () => {
  stack = await startTestStack({ users: fuzzUsers });
});
afterAll(() => stack.stop());

it('covers every write route of the catalogue', () => {
  expect(writeRoutes.length).toBeGreaterThan(15);
  for (const [operationId, route] of writeRoutes) {
    if (route.body?.kind === 'raw') expect(operationId).toBe('createImport');
    if (route.path.includes('{id}')) expect(seededIds, `${operationId}: say which seeded ids its {id} takes`).toHaveProperty(collectionOf(route));
  }
});

describe.each(jsonRoutes)('%s', (operationId, route) => {
  it(`${route.method} ${route.path}: never 5xx, and a 4xx writes nothing`, async () => {
    city = await freshCity(stack, city);
    const callers = fuzzUsers.filter((u) => route.roles?.includes(u.role)).map((u) => u.username);
    const clients = await clientsOf(stack, callers);
    const { send, report } = guard(stack);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...callers), pathOf(route, city), bodyOf(route), ifMatch, idempotencyKey(route), async (caller, path, body, tag, key) => {
        const headers = {
          ...(route.method === 'PATCH' && tag !== null ? { 'if-match': tag } : {}),
          ...(key !== null ? { 'idempotency-key': key } : {}),
        };
        const init = 'raw' in body ? { raw: body.raw, contentType: 'application/json', headers } : { body: body.json, headers };
        await send(`${caller} ${route.method} ${path}`, () => clients[caller]!.request(route.method, path, init));
      }),
      FUZZ_PARAMETERS,
    );
    report(operationId);
  }, fuzzTimeout(1_500));
});

/**
 * Households' links on DynamoDB Local (issue 18): made by a grid worker for their grid's buildings
 * or a community admin (one household per door however its room is typed; making one again
 * revokes the previous), refused outside the caller's jurisdiction (403) and for a building not
 * of the compound (404); revoked by token (once: a second revocation keeps the first time), a
 * token that is no household link 404. Only the token's hash is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { householdIdOf } from '#shared/domain/households.ts';
import { buildingItem } from '#functions/stores/compound-store.ts';
import { batchWrite } from '#functions/platform/table.ts';
import { expectStatus } from '../support/exit-fixture.ts';
import { fixtureUsers, seedFixtureCity } from '../support/fixture-city.ts';
import { expectProblem } from '../support/problem.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { scanTable } from '../support/table-scan.ts';

let stack: TestStack;
const at = '2026-11-01T00:00:00.000Z';

beforeAll(async () => {
  stack = await startTestStack({
    users: fixtureUsers,
    seed: async () => {
      await seedFixtureCity();
      // A building of cm2's compound, in grid g2: outside grid-g1's and community-cm1's reach.
      await batchWrite([buildingItem({
        id: 'b_c1', compoundId: 'c_c', name: '1幢', gridId: 'g2', units: 1, floors: 6, householdsPerFloor: 2, households: 12,
        location: [112.561, 31.111], geometry: null, updatedAt: at, updatedBy: 'system:test',
      })]);
    },
  });
}, 60_000);
afterAll(() => stack.stop());

const door = { compoundId: 'c_a', buildingId: 'b_a1', room: '2单元301' };
const make = async (username: string, body: unknown) => (await stack.as(username)).post('/v1/household-links', body);
const revoke = async (username: string, token: string) => (await stack.as(username)).post('/v1/household-links/revoke', { token });
const page = (token: string) => stack.anonymous().get(`/public/orders/${token}`);
const tokens: string[] = [];

describe('POST /v1/household-links', () => {
  it('makes a community admin a household link for 60 days, the household written once with its place', async () => {
    const issued = await expectStatus(await make('community-cm1', door), 201);
    expect(Object.keys(issued).sort()).toEqual(['householdId', 'token', 'validUntil']);
    expect(issued.householdId).toBe(householdIdOf(door));
    expect(String(issued.token)).toMatch(/^R1\.o\./);
    const days = (Date.parse(String(issued.validUntil)) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(59.9);
    expect(days).toBeLessThanOrEqual(60);
    tokens.push(String(issued.token));
    const household = (await scanTable()).filter((i) => i.type === 'household');
    expect(household).toEqual([expect.objectContaining({
      pk: `HOUSEHOLD#${String(issued.householdId)}`, id: issued.householdId, compoundId: 'c_a', compoundName: '阳光花园',
      communityId: 'cm1', streetId: 's1', gridIds: ['g1'], buildingId: 'b_a1', buildingName: '1栋', room: '2单元301',
    })]);
    const shown = await expectStatus(await page(String(issued.token)), 200);
    expect(shown).toMatchObject({ compoundId: 'c_a', compoundName: '阳光花园', buildingName: '1栋', room: '2单元301', items: [] });
  });

  it('gives the grid worker the same household for the door typed otherwise, and revokes the previous link', async () => {
    const issued = await expectStatus(await make('grid-g1', { ...door, room: ' 2单元 ３０１' }), 201);
    expect(issued.householdId).toBe(householdIdOf(door));
    tokens.push(String(issued.token));
    expect(await expectStatus(await page(tokens[0]!), 404)).toMatchObject({ code: 'link.refused.revoked' });
    await expectStatus(await page(String(issued.token)), 200);
    expect((await scanTable()).filter((i) => i.type === 'household')).toHaveLength(1);
  });

  it('refuses a household outside the caller\'s jurisdiction with 403, writing nothing', async () => {
    await expectProblem(await make('grid-g1', { compoundId: 'c_c', buildingId: 'b_c1', room: '101' }), 403);
    await expectProblem(await make('community-cm2', door), 403);
    expect((await scanTable()).filter((i) => i.type === 'household')).toHaveLength(1);
  });

  it('refuses roles that do not make links with 403', async () => {
    for (const username of ['city', 'duty-a', 'official-city', 'official-s1', 'disinfection-c']) {
      await expectProblem(await make(username, door), 403);
    }
  });

  it.each([
    ['an unknown compound', { ...door, compoundId: 'c_nope' }],
    ['an unknown building', { ...door, buildingId: 'b_nope' }],
    ['a building of another compound', { ...door, compoundId: 'c_b' }],
  ])('answers 404 for %s', async (_, body) => {
    await expectProblem(await make('community-cm1', body), 404);
  });

  it.each([
    ['no room', { compoundId: 'c_a', buildingId: 'b_a1' }, 'body.room'],
    ['a blank room', { ...door, room: '   ' }, 'body.room'],
    ['a bad building id', { ...door, buildingId: 'b a1' }, 'body.buildingId'],
    ['an unknown field', { ...door, phone: '13812345678' }, 'body.phone'],
  ])('refuses %s with 400 naming the field', async (_, body, field) => {
    const problem = await expectProblem(await make('community-cm1', body), 400);
    expect(problem.errors?.map((e) => e.field)).toContain(field);
  });
});

describe('POST /v1/household-links/revoke', () => {
  it('refuses a caller outside the household\'s jurisdiction with 403, the link still working', async () => {
    const token = tokens[1]!;
    await expectProblem(await revoke('community-cm2', token), 403);
    await expectStatus(await page(token), 200);
  });

  it('revokes the link: 404 saying so from then on; revoking again keeps the first time', async () => {
    const token = tokens[1]!;
    const first = await expectStatus(await revoke('grid-g1', token), 200);
    expect(first).toEqual({ householdId: householdIdOf(door), revokedAt: expect.any(String) });
    expect(await expectStatus(await page(token), 404)).toMatchObject({ code: 'link.refused.revoked' });
    const again = await expectStatus(await revoke('community-cm1', token), 200);
    expect(again).toEqual(first);
    // An older link, revoked when the next was made, can be handed back too.
    await expectStatus(await revoke('community-cm1', tokens[0]!), 200);
  });

  it('answers 404 for a token that is no household link: forged, tampered, a report link', async () => {
    const person = await expectStatus(await (await stack.as('community-cm1')).post('/v1/people', {
      name: '张三丰', phone: '13812345678', idNumber: '420881198001011234', compoundId: 'c_a', buildingId: 'b_a1', room: '2单元301',
      category: 'returnee', reason: '11-22 从外地返回',
    }), 201);
    const reportToken = String(person.reportToken);
    const fresh = String((await expectStatus(await make('community-cm1', door), 201)).token);
    const tampered = fresh.slice(0, -1) + (fresh.endsWith('A') ? 'B' : 'A');
    for (const token of ['not-a-token', tampered, reportToken, reportToken.replace(/^R1\.r\./, 'R1.o.')]) {
      expect(await expectStatus(await revoke('community-cm1', token), 404), token).toMatchObject({ code: 'household.not-a-link' });
    }
    await expectStatus(await page(fresh), 200);
    tokens.push(fresh);
  });

  it('refuses a token with characters no token has with 400 naming the field', async () => {
    const problem = await expectProblem(await revoke('community-cm1', 'a b/c'), 400);
    expect(problem.errors?.map((e) => e.field)).toContain('body.token');
  });

  it('stores no token, only its hash', async () => {
    const text = JSON.stringify(await scanTable(), (_, v: unknown) => (v instanceof Set ? [...v] : v));
    for (const token of tokens) expect(text).not.toContain(token.split('.').at(-1));
  });
});

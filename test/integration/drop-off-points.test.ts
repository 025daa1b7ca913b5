/**
 * Drop-off points (物品指定存放点) on DynamoDB Local: posted by city staff and community admins
 * within their jurisdiction, listed by name to overseers and the compound's duty staff, refused
 * with 400 naming the field (a building of another compound, a point far from the compound, a
 * location with nothing in it), and shown on the public route with allow-listed keys only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DropOffPoint } from '#shared/schemas/drop-off.ts';
import type { PublicDropOffPoints } from '#shared/schemas/public.ts';
import { fixtureUsers, seedFixtureCity } from '../support/fixture-city.ts';
import { expectProblem } from '../support/problem.ts';
import { leakedKeys } from '../support/public-keys.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
const path = (id = 'c_a') => `/v1/compounds/${id}/drop-off-points`;
const EAST_GATE = { name: '东门物品存放点', hours: '08:00–20:00', location: { description: '东门外快递架', point: [112.5141, 31.1121] } };

async function created(username: string, compoundId: string, body: unknown): Promise<DropOffPoint> {
  const response = await (await stack.as(username)).post(path(compoundId), body);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as DropOffPoint;
}

async function listed(username: string, compoundId = 'c_a'): Promise<DropOffPoint[]> {
  const response = await (await stack.as(username)).get(path(compoundId));
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { items: DropOffPoint[] }).items;
}

beforeAll(async () => {
  stack = await startTestStack({ users: fixtureUsers, seed: seedFixtureCity });
  await created('community-cm1', 'c_a', EAST_GATE);
  await created('city', 'c_a', { name: '1栋单元门存放点', buildingId: 'b_a1', location: { description: '1栋一单元门口' } });
}, 60_000);

afterAll(() => stack.stop());

describe('POST and GET /v1/compounds/{id}/drop-off-points', () => {
  it('lists the compound\'s points by name, with the building\'s name and who posted them', async () => {
    const items = await listed('city');
    expect(items.map((p) => p.name)).toEqual(['1栋单元门存放点', '东门物品存放点']);
    expect(items[0]).toMatchObject({ compoundId: 'c_a', buildingId: 'b_a1', buildingName: '1栋', createdBy: 'city', id: expect.stringMatching(/^do_/) });
    expect(items[1]).toMatchObject({ ...EAST_GATE, createdBy: 'community-cm1' });
  });

  it('lets the compound\'s duty staff and overseers read them', async () => {
    for (const username of ['duty-a', 'official-s1', 'official-city', 'community-cm1']) {
      expect((await listed(username)).length, username).toBe(2);
    }
  });

  it('lists nothing for a compound without points', async () => {
    expect(await listed('city', 'c_b')).toEqual([]);
  });

  it('refuses callers outside the compound\'s jurisdiction with 403', async () => {
    await expectProblem(await (await stack.as('community-cm2')).post(path('c_a'), EAST_GATE), 403);
    await expectProblem(await (await stack.as('community-cm2')).get(path('c_a')), 403);
    await expectProblem(await (await stack.as('duty-a')).get(path('c_b')), 403);
  });

  it('refuses roles that may not post or read them with 403', async () => {
    await expectProblem(await (await stack.as('duty-a')).post(path('c_a'), EAST_GATE), 403);
    await expectProblem(await (await stack.as('official-city')).post(path('c_a'), EAST_GATE), 403);
    await expectProblem(await (await stack.as('grid-g1')).get(path('c_a')), 403);
  });

  it('answers 404 for an unknown compound', async () => {
    await expectProblem(await (await stack.as('city')).post(path('c_nope'), EAST_GATE), 404);
  });

  it.each([
    ['a building of another compound', { name: '存放点', buildingId: 'b_nope' }, 'body.buildingId'],
    ['a point far from the compound', { name: '存放点', location: { point: [112.6, 31.11] } }, 'body.location.point'],
    ['a point off the globe', { name: '存放点', location: { point: [200, 31.11] } }, 'body.location.point.0'],
    ['a location with nothing in it', { name: '存放点', location: {} }, 'body.location.description'],
    ['no name', { hours: '全天' }, 'body.name'],
    ['a blank name', { name: '   ' }, 'body.name'],
    ['an unknown field', { name: '存放点', phone: '13812345678' }, 'body.phone'],
  ])('refuses %s with 400 naming the field', async (_, body, field) => {
    const problem = await expectProblem(await (await stack.as('city')).post(path('c_a'), body), 400);
    expect(problem.errors?.map((e) => e.field)).toContain(field);
  });

  it('stores nothing it refused', async () => {
    expect((await listed('city')).map((p) => p.name)).not.toContain('存放点');
  });
});

describe('GET /public/compounds/{id}/drop-off-points', () => {
  it('gives residents each point\'s name, hours, place in words and building — allow-listed keys only', async () => {
    const response = await stack.anonymous().get('/public/compounds/c_a/drop-off-points');
    expect(response.status).toBe(200);
    const text = await response.clone().text();
    const body = (await response.json()) as PublicDropOffPoints;
    expect(body).toEqual({
      compound: { id: 'c_a', name: '阳光花园', status: 'closed' },
      items: [
        { name: '1栋单元门存放点', location: { description: '1栋一单元门口' }, buildingName: '1栋' },
        { name: '东门物品存放点', hours: '08:00–20:00', location: { description: '东门外快递架' } },
      ],
    });
    expect(leakedKeys(body)).toEqual([]);
    for (const secret of ['community-cm1', 'do_', 'b_a1']) expect(text).not.toContain(secret);
  });

  it('answers 404 for an unknown compound', async () => {
    await expectProblem(await stack.anonymous().get('/public/compounds/c_nope/drop-off-points'), 404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putPlaces, communityItem, streetItem } from '#functions/stores/places-store.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const users = [
  { username: 'city1', name: '市指挥部', role: 'city' as const, jurisdiction: {} },
  { username: 'comm1', name: '社区', role: 'community' as const, jurisdiction: { streetId: 's1', communityId: 'cm1' } },
];
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    users,
    seed: () => putPlaces([
      streetItem({ id: 's1', name: '郢中街道' }),
      communityItem({ id: 'cm1', name: '王府社区', streetId: 's1', boundary: { type: 'Polygon', coordinates: [[[112.5, 31.1], [112.6, 31.1], [112.6, 31.2], [112.5, 31.2], [112.5, 31.1]]] } }),
    ]),
  });
});
afterAll(() => stack.stop());

describe('smoke', () => {
  it('creates and lists a compound', async () => {
    const city = await stack.as('city1');
    const created = await city.post('/v1/compounds', { name: '阳光小区', location: [112.55, 31.15] });
    expect(created.status, await created.clone().text()).toBe(201);
    const list = await city.get('/v1/compounds?bbox=112.54,31.14,112.56,31.16');
    const body = await list.json();
    expect(body.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual(['阳光小区']);
    expect(body.features[0].properties.communityId).toBe('cm1');
    const anon = await stack.anonymous().get('/v1/compounds');
    expect(anon.status).toBe(401);
  });
});

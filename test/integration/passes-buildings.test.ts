/**
 * Passes by building on DynamoDB Local: a pass names its holder's building (one of the compound's),
 * and a compound's passes are listed for one building — what the printed sheet of cards per
 * building reads. A building of another compound, or none, is a 400 naming buildingId.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, startExitStack } from '../support/exit-fixture.ts';
import type { TestStack } from '../support/stack.ts';

const START = Date.parse('2026-11-22T08:00:00.000Z');
const iso = (days = 0) => new Date(START + days * 86_400_000).toISOString();

let stack: TestStack;
beforeAll(async () => {
  stack = await startExitStack(() => START);
});
afterAll(() => stack.stop());

const holder = (passId: string, extra: Record<string, unknown> = {}) => ({
  passId, name: '李四', idNumber: '420881198001011234', category: 'resident', validUntil: iso(14), ...extra,
});
const fieldsOf = (problem: Record<string, unknown>) => (problem.errors as { field: string }[]).map((e) => e.field);

describe('passes of a building', () => {
  it('carry the building and its name, and list only that building\'s passes', async () => {
    const admin = await stack.as('community-cm1');
    const first = await expectStatus(await admin.post('/v1/compounds/c_a/passes', holder('pb-1', { buildingId: 'b_a1' })), 201);
    expect(first).toMatchObject({ buildingId: 'b_a1', buildingName: '1栋' });
    await expectStatus(await admin.post('/v1/compounds/c_a/passes', holder('pb-2', { buildingId: 'b_a1', idNumber: '420881198001015678' })), 201);
    await expectStatus(await admin.post('/v1/compounds/c_a/passes', holder('pb-3', { buildingId: 'b_a2', idNumber: '420881198001019999' })), 201);
    await expectStatus(await admin.post('/v1/compounds/c_a/passes', holder('pb-4', { idNumber: '42088119800101000X' })), 201);

    const ofA1 = (await expectStatus(await admin.get('/v1/compounds/c_a/passes?buildingId=b_a1'), 200)).items as { passId: string }[];
    expect(ofA1.map((p) => p.passId)).toEqual(['pb-1', 'pb-2']);
    const ofA2 = (await expectStatus(await admin.get('/v1/compounds/c_a/passes?buildingId=b_a2&q=pb'), 200)).items as { passId: string }[];
    expect(ofA2.map((p) => p.passId)).toEqual(['pb-3']);
    // Pages of one building still end with the building's passes only.
    const paged = await expectStatus(await admin.get('/v1/compounds/c_a/passes?buildingId=b_a1&limit=1'), 200);
    expect((paged.items as { passId: string }[]).map((p) => p.passId)).toEqual(['pb-1']);
    const rest = await expectStatus(await admin.get(`/v1/compounds/c_a/passes?buildingId=b_a1&nextToken=${encodeURIComponent(paged.nextToken as string)}`), 200);
    expect((rest.items as { passId: string }[]).map((p) => p.passId)).toEqual(['pb-2']);
  });

  it('refuses a building that is not the compound\'s, naming buildingId, on issue and in the list', async () => {
    const city = await stack.as('city');
    const issued = await expectStatus(await city.post('/v1/compounds/c_d/passes', holder('pb-x', { buildingId: 'b_a1' })), 400);
    expect(fieldsOf(issued)).toEqual(['body.buildingId']);
    const listed = await expectStatus(await city.get('/v1/compounds/c_d/passes?buildingId=b_a1'), 400);
    expect(fieldsOf(listed)).toEqual(['query.buildingId']);
    const none = await expectStatus(await city.get('/v1/compounds/c_a/passes?buildingId=b_none'), 400);
    expect(fieldsOf(none)).toEqual(['query.buildingId']);
    const malformed = await expectStatus(await city.get('/v1/compounds/c_a/passes?buildingId=b%20a'), 400);
    expect(fieldsOf(malformed)).toEqual(['query.buildingId']);
  });
});

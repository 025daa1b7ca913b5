/**
 * A returnee admitted at the gate (POST /v1/exits/{id}/entries with `returnee`) on DynamoDB Local:
 * the entry is stored and the person enrolled under observation in the same request (source gate,
 * linked by the entry id, the report link's token answered once); a resent registration answers
 * the same person and enrols no one twice; a wrong building refuses the registration (400 naming
 * the field) and stores nothing; a returnee without a name is a 400 naming person.name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entry, expectStatus, startExitStack } from '../support/exit-fixture.ts';
import type { TestStack } from '../support/stack.ts';

const START = Date.parse('2026-11-22T08:00:00.000Z');

let stack: TestStack;
beforeAll(async () => {
  stack = await startExitStack(() => START);
  // duty-a must be on shift at e_a1 to register: clock in as the gate does.
});
afterAll(() => stack.stop());

const returnee = (entryId: string, extra: Record<string, unknown> = {}) => entry(entryId, {
  person: { name: '陈返乡', phone: '13900001111' },
  returnee: { buildingId: 'b_a1', room: '1单元201', from: '外省' },
  ...extra,
});

describe('a returnee at the gate', () => {
  it('stores the entry and enrols the person under observation with their report link', async () => {
    const duty = await stack.as('duty-a');
    const body = await expectStatus(await duty.post('/v1/exits/e_a1/entries', returnee('en-r1')), 201);
    const enrolled = body.enrolled as { personId: string; reportToken?: string };
    expect(enrolled.personId).toMatch(/^pp_/);
    expect(enrolled.reportToken).toBeTruthy();
    const person = await expectStatus(await (await stack.as('community-cm1')).get(`/v1/people/${enrolled.personId}`), 200);
    expect(person).toMatchObject({ category: 'returnee', status: 'under_observation', source: 'gate', entryId: 'en-r1', buildingId: 'b_a1', room: '1单元201' });
  });

  it('enrols no one twice under the entry\'s retry', async () => {
    const duty = await stack.as('duty-a');
    const first = await expectStatus(await duty.post('/v1/exits/e_a1/entries', returnee('en-r2')), 201);
    const again = await expectStatus(await duty.post('/v1/exits/e_a1/entries', returnee('en-r2')), 201);
    expect((again.enrolled as { personId: string }).personId).toBe((first.enrolled as { personId: string }).personId);
    expect((again.enrolled as { reportToken?: string }).reportToken).toBeUndefined();
    const people = (await expectStatus(await (await stack.as('community-cm1')).get('/v1/people?compoundId=c_a'), 200)).items as Record<string, unknown>[];
    expect(people.filter((p) => p.entryId === 'en-r2')).toHaveLength(1);
  });

  it('refuses a building the compound lacks, storing nothing, and a returnee without a name', async () => {
    const duty = await stack.as('duty-a');
    const wrong = await expectStatus(await duty.post('/v1/exits/e_a1/entries', returnee('en-r3', { returnee: { buildingId: 'b_nowhere' } })), 400);
    expect((wrong.errors as { field: string }[]).map((e) => e.field)).toEqual(['body.returnee.buildingId']);
    const list = (await expectStatus(await duty.get('/v1/exits/e_a1/entries'), 200)).items as Record<string, unknown>[];
    expect(list.map((e) => e.id)).not.toContain('en-r3');
    const nameless = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-r4', { returnee: { buildingId: 'b_a1' } })), 400);
    expect((nameless.errors as { field: string }[]).map((e) => e.field)).toEqual(['body.person.name']);
  });

  it('enrols no one for an ordinary entry', async () => {
    const body = await expectStatus(await (await stack.as('duty-a')).post('/v1/exits/e_a1/entries', entry('en-r5')), 201);
    expect(body.enrolled).toBeUndefined();
  });
});

/**
 * Free-text notes on every route that answers them: those who may see residents' details (city
 * staff, the community, the grid worker: seesResidentDetails) read a note whole; everyone else
 * (officials, duty and disinfection staff) reads it with its phone- and ID-shaped text masked —
 * an entry's note and refusal reason, a round's note and reason, an alert's closing note, a
 * sealing reason in a compound's history — and a visit's note not at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureUsers, seedFixtureCity } from '../support/fixture-city.ts';
import { entry, expectStatus } from '../support/exit-fixture.ts';
import { startTestStack, type Client, type TestStack } from '../support/stack.ts';
import { launch } from './sweep-support.ts';

const PHONE = '13812345678';
const ID_NUMBER = '420881199001011234';
const NOTE = `女儿电话${PHONE}，身份证${ID_NUMBER}，2026-11-22 复查`;
const MASKED = '女儿电话138****5678，身份证**************1234，2026-11-22 复查';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ users: fixtureUsers, seed: seedFixtureCity });
});
afterAll(() => stack.stop());

/** What the user reads at the path, with no phone or ID number in it unless they read notes whole. */
async function readAs(username: string, path: string, whole: boolean): Promise<Record<string, unknown>> {
  const body = await expectStatus(await (await stack.as(username)).get(path), 200);
  const text = JSON.stringify(body);
  expect(text.includes(PHONE), `${username} reads the phone at ${path}`).toBe(whole);
  expect(text.includes(ID_NUMBER), `${username} reads the ID number at ${path}`).toBe(whole);
  return body;
}

/** The campaign's tasks once its fan-out has run, as the user lists them. */
async function tasksOf(client: Client, campaignId: string): Promise<{ id: string; buildingId?: string | null; round?: { planned: string[] } }[]> {
  await stack.queues.drain({ timeoutMs: 30_000 });
  const page = await expectStatus(await client.get(`/v1/tasks?campaignId=${campaignId}`), 200);
  return page.items as { id: string }[];
}

describe('an entry\'s note and refusal reason', () => {
  it('are whole for city and community staff, masked for officials and the duty staff', async () => {
    const duty = await stack.as('duty-a');
    const posted = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-note', {
      outcome: 'refused', refusalReason: `无通行证，自称电话${PHONE}`, note: NOTE,
    })), 201);
    expect(posted.note).toBe(MASKED);
    expect(posted.refusalReason).toBe('无通行证，自称电话138****5678');

    for (const [username, whole] of [['city', true], ['community-cm1', true], ['official-city', false], ['duty-a', false]] as const) {
      const listed = await readAs(username, '/v1/exits/e_a1/entries', whole);
      const found = (listed.items as { id: string; note?: string }[]).find((e) => e.id === 'en-note');
      expect(found?.note, username).toBe(whole ? NOTE : MASKED);
    }
  });
});

describe('an alert\'s closing note', () => {
  it('is whole for city and community staff, masked for officials', async () => {
    const duty = await stack.as('duty-a');
    const fever = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-fever-note', {
      temperatureC: 38.1, outcome: 'refused', refusalReason: '发热', escort: { hospital: '钟祥市人民医院' },
    })), 201);
    const closed = await expectStatus(await (await stack.as('community-cm1')).post(`/v1/alerts/${String(fever.alertId)}/close`, { note: NOTE }), 200);
    expect(closed.closeNote).toBe(NOTE);

    for (const [username, whole] of [['city', true], ['community-cm1', true], ['official-city', false]] as const) {
      const listed = await readAs(username, '/v1/alerts?kind=fever', whole);
      const found = (listed.items as { id: string; closeNote?: string }[]).find((a) => a.id === fever.alertId);
      expect(found?.closeNote, username).toBe(whole ? NOTE : MASKED);
    }
  });
});

describe('a sealing reason in the compound\'s history', () => {
  it('is whole for city staff, masked for officials', async () => {
    await expectStatus(await (await stack.as('city')).post('/v1/compounds/c_e/seal', { level: 'closed', reason: NOTE }), 200);
    for (const [username, whole] of [['city', true], ['official-city', false]] as const) {
      const history = await readAs(username, '/v1/compounds/c_e/history', whole);
      const seal = (history.items as { action: string; changes: { reason?: { to: unknown } } }[]).find((a) => a.changes.reason);
      expect(seal?.changes.reason?.to, username).toBe(whole ? NOTE : MASKED);
    }
  });
});

describe('a round\'s note and reason', () => {
  it('are whole for city and community staff, masked for officials and the disinfection staff', async () => {
    const campaignId = await launch(await stack.as('city'), { kind: 'disinfection', scope: { type: 'compound', id: 'c_c' } });
    const staff = await stack.as('disinfection-c');
    const [round] = await tasksOf(staff, campaignId);
    if (!round) throw new Error(`round ${campaignId} made no task`);
    const planned = round.round?.planned ?? [];
    await expectStatus(await staff.post(`/v1/tasks/${round.id}/claim`), 200);
    await expectStatus(await staff.post(`/v1/tasks/${round.id}/complete`, { areas: planned.slice(0, -1), note: NOTE, reason: `设备故障，联系${PHONE}` }), 200);

    for (const [username, whole] of [['city', true], ['community-cm2', true], ['official-city', false], ['disinfection-c', false]] as const) {
      const task = await readAs(username, `/v1/tasks/${round.id}`, whole);
      expect(task.note, username).toBe(whole ? NOTE : MASKED);
      expect(task.reason, username).toBe(whole ? `设备故障，联系${PHONE}` : '设备故障，联系138****5678');
    }
  });
});

describe('a visit\'s note', () => {
  it('is whole for city staff, the community and the grid worker, and withheld from officials', async () => {
    const campaignId = await launch(await stack.as('city'), { kind: 'sweep', scope: { type: 'compound', id: 'c_a' } });
    const worker = await stack.as('grid-g1');
    const task = (await tasksOf(worker, campaignId)).find((t) => t.buildingId === 'b_a2');
    if (!task) throw new Error(`sweep ${campaignId} made no task for b_a2`);
    await expectStatus(await worker.post(`/v1/tasks/${task.id}/claim`), 200);
    await expectStatus(await worker.post(`/v1/tasks/${task.id}/visits`, {
      visitId: 'v-note', householdId: '1-1-101', outcome: 'seen_all', peopleSeen: 2, symptoms: [], flags: [], note: NOTE,
    }), 201);

    for (const [username, whole] of [['city', true], ['community-cm1', true], ['grid-g1', true], ['official-city', false]] as const) {
      const read = await readAs(username, `/v1/tasks/${task.id}`, whole);
      const visit = (read.visits as { visitId: string; note?: string }[]).find((v) => v.visitId === 'v-note');
      expect(visit?.note, username).toBe(whole ? NOTE : undefined);
    }
  });
});

/**
 * Notes never reach a log: requests that carry a resident's note (an entry's, a visit's, an
 * alert's closing note, a sealing reason) — accepted, refused as a conflict, refused as bad
 * input — are made with every log switch on (the DEBUG level, and Powertools' own switch that
 * logs each Lambda event whole, which an operator may turn on to debug a function), and neither
 * the handlers' logs nor the local API's request log carry the note, its phone or its ID number.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixtureUsers, seedFixtureCity } from '../support/fixture-city.ts';
import { entry, expectStatus } from '../support/exit-fixture.ts';
import { captureLogs } from '../support/logs.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { launch } from './sweep-support.ts';

vi.hoisted(() => {
  process.env.LOG_LEVEL = 'DEBUG';
  process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
});

const PHONE = '13812345678';
const ID_NUMBER = '420881199001011234';
/** Words of the note that no log line has any other reason to carry. */
const WORDS = '独居老人';
const NOTE = `${WORDS}，女儿电话${PHONE}，身份证${ID_NUMBER}`;

let stack: TestStack;
const requestLog: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({ users: fixtureUsers, seed: seedFixtureCity, log: (line) => requestLog.push(line) });
});
afterAll(async () => {
  await stack.stop();
  delete process.env.POWERTOOLS_LOGGER_LOG_EVENT;
});

describe('logs', () => {
  it('carry no note, phone or ID number, whatever the level and switches', async () => {
    const logs = await captureLogs(async () => {
      const duty = await stack.as('duty-a');
      await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-log', { note: NOTE })), 201);
      // The same id with another note: a conflict.
      await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-log', { note: `${NOTE}。` })), 409);
      // Bad input beside the note: refused naming the field.
      await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-log-bad', { note: NOTE, temperatureC: 'hot' })), 400);
      const fever = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-log-fever', {
        temperatureC: 38.2, outcome: 'refused', refusalReason: NOTE, escort: { hospital: '钟祥市人民医院' }, note: NOTE,
      })), 201);
      await expectStatus(await (await stack.as('community-cm1')).post(`/v1/alerts/${String(fever.alertId)}/close`, { note: NOTE }), 200);
      await expectStatus(await (await stack.as('city')).get('/v1/exits/e_a1/entries'), 200);
      await expectStatus(await (await stack.as('city')).post('/v1/compounds/c_e/seal', { level: 'closed', reason: NOTE }), 200);

      const campaignId = await launch(await stack.as('city'), { kind: 'sweep', scope: { type: 'compound', id: 'c_a' } });
      await stack.queues.drain({ timeoutMs: 30_000 });
      const worker = await stack.as('grid-g1');
      const taskId = `${campaignId}.b_a2`;
      await expectStatus(await worker.post(`/v1/tasks/${taskId}/claim`), 200);
      await expectStatus(await worker.post(`/v1/tasks/${taskId}/visits`, {
        visitId: 'v-log', householdId: '1-1-101', outcome: 'seen_all', peopleSeen: 1, symptoms: ['fever'], flags: [], note: NOTE,
      }), 201);
      await stack.queues.drain({ timeoutMs: 30_000 });
    });
    const written = `${logs}\n${requestLog.join('\n')}`;

    // The switches took effect: the requests and their events were logged.
    expect(logs).toContain('"operation":"createEntry"');
    expect(logs).toContain('Lambda invocation event');
    expect(requestLog.some((line) => line.includes('/v1/exits/e_a1/entries'))).toBe(true);
    for (const secret of [PHONE, ID_NUMBER, WORDS]) expect(written, secret).not.toContain(secret);
  });
});

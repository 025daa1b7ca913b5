/**
 * The resident's report link on DynamoDB Local with the clock injected: enrol (POST /v1/people)
 * → the link's page (masked name and slots, nothing else) → reports in both slots, a resend
 * updating its slot → 409 between windows → the judgement job marks a missed slot, then two in a
 * row raise one alert for the grid worker (once under reruns) → revoked and bad links 404 →
 * released, the link answers 410 → a link hammered answers 429 → no token in any log line.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetClock, setClock } from '#functions/platform/clock.ts';
import { judgeSlots } from '#functions/jobs/judge-slots.ts';
import { LINK_CALLS_PER_MINUTE } from '#functions/stores/link-store.ts';
import { expectStatus } from '../support/exit-fixture.ts';
import { fixtureUsers, seedFixtureCity } from '../support/fixture-city.ts';
import { captureLogs } from '../support/logs.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { scanTable } from '../support/table-scan.ts';

vi.hoisted(() => {
  process.env.LOG_LEVEL = 'DEBUG';
  process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
});

/** A China wall-clock time as the UTC instant it is. */
const cn = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00.000+08:00`);
let clock = cn('2026-11-23', '07:00');

let stack: TestStack;
const requestLog: string[] = [];
beforeAll(async () => {
  setClock(() => new Date(clock));
  stack = await startTestStack({ users: fixtureUsers, seed: seedFixtureCity, log: (line) => requestLog.push(line) });
});
afterAll(async () => {
  await stack.stop();
  resetClock();
  delete process.env.POWERTOOLS_LOGGER_LOG_EVENT;
});

const returnee = (extra: Record<string, unknown> = {}) => ({
  name: '张三丰', phone: '13812345678', idNumber: '420881198001011234', compoundId: 'c_a', buildingId: 'b_a1', room: '2单元301',
  category: 'returnee', reason: '11-22 从外地返回', ...extra,
});
const publicGet = (token: string) => stack.anonymous().get(`/public/reports/${token}`);
const publicPost = (token: string, body: unknown) => stack.anonymous().post(`/public/reports/${token}`, body);
const tokens: string[] = [];
let logs = '';

async function enrol(extra: Record<string, unknown> = {}): Promise<{ id: string; token: string }> {
  const created = await expectStatus(await (await stack.as('community-cm1')).post('/v1/people', returnee(extra)), 201);
  const token = String(created.reportToken);
  tokens.push(token);
  return { id: String(created.id), token };
}
const missedAlerts = async () => (await scanTable()).filter((i) => i.type === 'alert' && i.kind === 'missed_reports');

describe('a report link from enrolment to release', () => {
  let id = '';
  let token = '';

  it('opens a page with the masked name and the period\'s slots, nothing else', async () => {
    ({ id, token } = await enrol());
    const page = await expectStatus(await publicGet(token), 200);
    expect(page).toMatchObject({ name: '张**', period: { start: '2026-11-23', end: '2026-12-06' }, open: { date: '2026-11-23', slot: 'am' } });
    expect(page.slots).toHaveLength(28);
    expect(Object.keys(page).sort()).toEqual(['name', 'next', 'open', 'period', 'slots']);
    const text = JSON.stringify(page);
    for (const secret of ['张三丰', '13812345678', '1234', '2单元301', '从外地返回', 'c_a', 'b_a1', id]) expect(text).not.toContain(secret);
  });

  it('takes reports in both slots; a resend into the same slot updates it, never adds one; between windows 409', async () => {
    logs += await captureLogs(async () => {
      const am = await expectStatus(await publicPost(token, { temperatureC: 36.5, symptoms: [] }), 201);
      expect(am).toEqual({ slot: { date: '2026-11-23', slot: 'am', status: 'reported_ok' }, updated: false });
      clock = cn('2026-11-23', '07:30');
      const again = await expectStatus(await publicPost(token, { temperatureC: 36.6, symptoms: [] }), 201);
      expect(again).toEqual({ slot: { date: '2026-11-23', slot: 'am', status: 'reported_ok' }, updated: true });

      clock = cn('2026-11-23', '13:00');
      const between = await expectStatus(await publicPost(token, { temperatureC: 36.5, symptoms: [] }), 409);
      expect(between).toMatchObject({ code: 'link.no-slot-open', detail: expect.stringContaining('2026-11-23 17:00') });
      const bad = await expectStatus(await publicPost(token, { temperatureC: 'hot', symptoms: ['sneezing'] }), 400);
      expect((bad.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['body.symptoms.0', 'body.temperatureC']);

      clock = cn('2026-11-23', '18:00');
      const pm = await expectStatus(await publicPost(token, { temperatureC: 36.4, symptoms: [] }), 201);
      expect(pm).toMatchObject({ slot: { date: '2026-11-23', slot: 'pm', status: 'reported_ok' } });
    });
    const slots = (await scanTable()).filter((i) => i.pk === `PERSON#${id}` && String(i.sk).startsWith('SLOT#'));
    expect(slots.map((s) => [s.sk, s.temperatureC, s.by])).toEqual([['SLOT#2026-11-23#am', 36.6, 'self'], ['SLOT#2026-11-23#pm', 36.4, 'self']]);
    const staffView = await expectStatus(await (await stack.as('grid-g1')).get(`/v1/people/${id}`), 200);
    expect((staffView.slots as { status: string }[]).slice(0, 2).map((s) => s.status)).toEqual(['reported_ok', 'reported_ok']);
  });

  it('judges a missed slot after its window, then raises one alert for the grid worker on two in a row', async () => {
    clock = cn('2026-11-24', '12:30');
    const first = await judgeSlots(new Date(clock).toISOString());
    expect(first).toMatchObject({ missed: 1, alerts: 0 });
    // The due index held only the people still due: the two reported slots of the 23rd were dropped unread of anyone else.
    expect(first.due).toBeLessThanOrEqual(3);
    const page = await expectStatus(await publicGet(token), 200);
    expect((page.slots as { date: string; slot: string; status: string }[]).slice(0, 4).map((s) => s.status)).toEqual(['reported_ok', 'reported_ok', 'missed', 'pending']);
    expect(await missedAlerts()).toHaveLength(0);

    clock = cn('2026-11-24', '22:15');
    expect(await judgeSlots(new Date(clock).toISOString())).toMatchObject({ missed: 1, alerts: 1 });
    // A rerun, and a later firing, find nothing left to judge.
    expect(await judgeSlots(new Date(clock).toISOString())).toMatchObject({ due: 0, missed: 0, alerts: 0 });
    const alerts = await missedAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      status: 'open', compoundId: 'c_a', raisedBy: 'system',
      details: { personId: id, gridId: 'g1', missed: [{ date: '2026-11-24', slot: 'am' }, { date: '2026-11-24', slot: 'pm' }] },
    });
    expect(JSON.stringify(alerts[0])).not.toContain('张三丰');
    // The grid worker lists their grid's alerts (issue 17): this one is theirs; their list of people says who missed reports, and how many.
    const grid = await stack.as('grid-g1');
    expect(((await expectStatus(await grid.get('/v1/alerts'), 200)).items as { id: string }[]).map((a) => a.id)).toEqual([alerts[0]?.id]);
    const mine = (await expectStatus(await grid.get('/v1/people?compoundId=c_a'), 200)).items as { id: string; missed: number }[];
    expect(mine.find((p) => p.id === id)?.missed).toBeGreaterThanOrEqual(2);
    // A report after the judgement (a late call on the resident's behalf) still fills the next slot normally.
    clock = cn('2026-11-25', '08:00');
    await expectStatus(await publicPost(token, { temperatureC: 38.1, symptoms: ['cough'] }), 201);
  });

  it('answers 404 for a revoked link (saying so) and for a bad or tampered one; a new link works', async () => {
    const cm = await stack.as('community-cm1');
    await expectStatus(await cm.post(`/v1/people/${id}/link`, { action: 'revoke' }), 200);
    expect(await expectStatus(await publicGet(token), 404)).toMatchObject({ code: 'link.refused.revoked' });
    expect(await expectStatus(await publicPost(token, { temperatureC: 36.5, symptoms: [] }), 404)).toMatchObject({ code: 'link.refused.revoked' });
    const issued = await expectStatus(await cm.post(`/v1/people/${id}/link`, { action: 'issue' }), 200);
    const fresh = String(issued.reportToken);
    tokens.push(fresh);
    await expectStatus(await publicGet(fresh), 200);

    expect(await expectStatus(await publicGet('not-a-token'), 404)).toMatchObject({ code: 'link.refused.bad' });
    const tampered = fresh.slice(0, -1) + (fresh.endsWith('A') ? 'B' : 'A');
    expect(await expectStatus(await publicGet(tampered), 404)).toMatchObject({ code: 'link.refused.bad' });
    // A token for a person's id in another purpose's letter is useless here.
    expect(await expectStatus(await publicGet(fresh.replace(/^R1\.r\./, 'R1.o.')), 404)).toMatchObject({ code: 'link.refused.bad' });
  });

  it('answers 410 once the person is released, for the old link and the new', async () => {
    const [, fresh] = tokens;
    await expectStatus(await (await stack.as('community-cm1')).post(`/v1/people/${id}/release`, { force: true, note: '提前解除：转入集中隔离' }), 200);
    logs += await captureLogs(async () => {
      expect(await expectStatus(await publicGet(fresh!), 410)).toMatchObject({ code: 'link.released' });
      expect(await expectStatus(await publicPost(fresh!, { temperatureC: 36.5, symptoms: [] }), 410)).toMatchObject({ code: 'link.released' });
      await expectStatus(await publicGet(token), 410);
    });
  });
});

describe('a link called too often', () => {
  it(`answers 429 past ${LINK_CALLS_PER_MINUTE} calls in a minute, and again the next minute`, async () => {
    clock = cn('2026-11-25', '09:00');
    const { token } = await enrol({ name: '李四' });
    for (let i = 0; i < LINK_CALLS_PER_MINUTE; i += 1) await expectStatus(await publicGet(token), 200);
    const refused = await publicGet(token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    clock = cn('2026-11-25', '09:01');
    await expectStatus(await publicGet(token), 200);
  });
});

describe('logs', () => {
  it('never carry a link token: not the request log, not the handlers\' logs with every switch on', () => {
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    expect(requestLog.some((l) => l.includes('/public/reports/{token}'))).toBe(true);
    expect(logs.length).toBeGreaterThan(0);
    for (const token of tokens) {
      const mac = token.split('.').at(-1)!;
      for (const line of requestLog) expect(line).not.toContain(mac);
      expect(logs).not.toContain(mac);
    }
  });
});

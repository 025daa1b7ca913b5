/**
 * The end of observation on DynamoDB Local with the clock injected: the automatic release job
 * (functions/jobs/release-people.ts) releases a person whose every condition holds once their
 * period's last day is over — not before, not one whose test results are outstanding (postponed,
 * then released once they are in), never twice under reruns — and revokes the report link as the
 * release route does; and the pass issue refuses a pass for someone under observation in the
 * compound (by their ID number) until they are released; a positive test raises one alert at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releasePeople } from '#functions/jobs/release-people.ts';
import { resetClock, setClock } from '#functions/platform/clock.ts';
import { expectStatus } from '../support/exit-fixture.ts';
import { fixtureUsers, seedFixtureCity } from '../support/fixture-city.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

/** A China wall-clock time as the UTC instant it is. */
const cn = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00.000+08:00`);
let clock = cn('2026-11-23', '07:00');
const iso = (at = clock) => new Date(at).toISOString();

let stack: TestStack;
beforeAll(async () => {
  setClock(() => new Date(clock));
  stack = await startTestStack({ users: fixtureUsers, seed: seedFixtureCity });
});
afterAll(async () => {
  await stack.stop();
  resetClock();
});

const ID_A = '420881198001011234';
const ID_B = '420881198502023456';
const returnee = (idNumber: string) => ({
  name: '张三丰', idNumber, compoundId: 'c_a', buildingId: 'b_a1', category: 'returnee', reason: '11-22 从外地返回',
});
const pass = (passId: string, idNumber: string) => ({
  passId, name: '张三丰', idNumber, category: 'resident', validUntil: iso(cn('2027-01-31', '00:00')),
});
const post = async (username: string, path: string, body: unknown) => (await stack.as(username)).post(path, body);
const personOf = async (id: string) => expectStatus(await (await stack.as('community-cm1')).get(`/v1/people/${id}`), 200);
const negative = (id: string, due: string) => post('grid-g1', `/v1/people/${id}/tests`, { due, takenAt: iso(cn(due, '09:00')), result: 'negative' });

describe('the end of observation', () => {
  let a = '';
  let b = '';
  let tokenA = '';

  it('refuses a pass for a person under observation in the compound, naming the ID number, and issues others', async () => {
    const enrolledA = await expectStatus(await post('community-cm1', '/v1/people', returnee(ID_A)), 201);
    a = String(enrolledA.id);
    tokenA = String(enrolledA.reportToken);
    b = String((await expectStatus(await post('community-cm1', '/v1/people', returnee(ID_B)), 201)).id);
    const refused = await expectStatus(await post('community-cm1', '/v1/compounds/c_a/passes', pass('p-obs-1', ID_A)), 400);
    expect((refused.errors as { field: string }[]).map((e) => e.field)).toEqual(['body.idNumber']);
    // Someone else in the compound, and a returnee whose 14 days since returnedAt are over: issued.
    await expectStatus(await post('community-cm1', '/v1/compounds/c_a/passes', pass('p-obs-2', '420881199003034567')), 201);
    const late = { ...pass('p-obs-3', '420881199104045678'), returnedAt: iso(cn('2026-11-01', '10:00')) };
    await expectStatus(await post('community-cm1', '/v1/compounds/c_a/passes', late), 201);
    const early = { ...pass('p-obs-4', '420881199104045678'), returnedAt: iso(cn('2026-11-20', '10:00')) };
    expect(((await expectStatus(await post('community-cm1', '/v1/compounds/c_a/passes', early), 400)).errors as { field: string }[]).map((e) => e.field)).toEqual(['body.returnedAt']);
  });

  it('releases no one while the period\'s last day is not over', async () => {
    clock = cn('2026-12-06', '23:30');
    await expectStatus(await negative(a, '2026-11-23'), 201);
    await expectStatus(await negative(a, '2026-11-30'), 201);
    expect(await releasePeople(iso())).toMatchObject({ due: 0, released: 0 });
    expect(await personOf(a)).toMatchObject({ status: 'under_observation' });
  });

  it('releases the person whose every condition holds once it is over, revoking the link; postpones one with tests outstanding; reruns change nothing', async () => {
    clock = cn('2026-12-07', '01:00');
    expect(await releasePeople(iso())).toMatchObject({ due: 2, released: 1, postponed: 1 });
    const released = await personOf(a);
    expect(released).toMatchObject({ status: 'released', releasedBy: 'system', releasedAt: iso() });
    expect((released.link as { revokedAt?: string }).revokedAt).toBe(iso());
    await expectStatus(await stack.anonymous().get(`/public/reports/${tokenA}`), 410);
    expect(await personOf(b)).toMatchObject({ status: 'under_observation' });
    expect(await releasePeople(iso())).toMatchObject({ due: 0, released: 0 });
  });

  it('issues the pass once the person is released', async () => {
    await expectStatus(await post('community-cm1', '/v1/compounds/c_a/passes', pass('p-obs-1', ID_A)), 201);
    await expectStatus(await post('community-cm1', '/v1/compounds/c_a/passes', pass('p-obs-5', ID_B)), 400);
  });

  it('releases the postponed person the day after their results are in', async () => {
    await expectStatus(await negative(b, '2026-11-23'), 201);
    await expectStatus(await negative(b, '2026-11-30'), 201);
    expect(await releasePeople(iso())).toMatchObject({ due: 0, released: 0 });
    clock = cn('2026-12-08', '00:30');
    expect(await releasePeople(iso())).toMatchObject({ due: 1, released: 1 });
    expect(await personOf(b)).toMatchObject({ status: 'released' });
    await expectStatus(await post('community-cm1', '/v1/compounds/c_a/passes', pass('p-obs-5', ID_B)), 201);
    expect(await releasePeople(iso())).toMatchObject({ due: 0, released: 0 });
  });

  it('raises one community alert at once for a positive test, under resends, and keeps the person from release', async () => {
    const c = String((await expectStatus(await post('community-cm1', '/v1/people', returnee('420881199205056789')), 201)).id);
    const positive = { due: '2026-12-08', takenAt: iso(), result: 'positive' };
    await expectStatus(await post('grid-g1', `/v1/people/${c}/tests`, positive), 201);
    await expectStatus(await post('grid-g1', `/v1/people/${c}/tests`, positive), 201);
    const alerts = (await expectStatus(await (await stack.as('community-cm1')).get('/v1/alerts?kind=positive_test'), 200)).items as Record<string, unknown>[];
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'positive_test', status: 'open', compoundId: 'c_a', details: { personId: c, due: '2026-12-08' } });
    expect(JSON.stringify(alerts[0])).not.toContain('张三丰');
  });
});

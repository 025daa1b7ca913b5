/**
 * Passes (出入证) with signed QR codes on DynamoDB Local: issue → check at the gate → revoke;
 * expired, not-yet-valid, other compound's and tampered passes; entries registered by a scanned
 * pass and linked to it; the pass key a gate verifies offline with; a returnee's observation;
 * jurisdiction and the fields a bad request names.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entry, expectStatus, startExitStack } from '../support/exit-fixture.ts';
import type { TestStack } from '../support/stack.ts';
import { scanTable } from '../support/table-scan.ts';

const START = Date.parse('2026-11-22T08:00:00.000Z');
const clock = START;
const iso = (minutes = 0) => new Date(clock + minutes * 60_000).toISOString();
const DAY = 24 * 60;

let stack: TestStack;
beforeAll(async () => {
  stack = await startExitStack(() => clock);
});
afterAll(() => stack.stop());

interface PassBody { passId: string; qr: string; status: string; name: string; idLast4: string; validFrom: string; validUntil: string; revokedAt?: string; returnedAt?: string }
const holder = (passId: string, extra: Record<string, unknown> = {}) => ({
  passId, name: '李四', idNumber: '420881198001011234', category: 'resident', validUntil: iso(14 * DAY), ...extra,
});

async function issue(compound: string, body: Record<string, unknown>, username = 'city'): Promise<PassBody> {
  return (await expectStatus(await (await stack.as(username)).post(`/v1/compounds/${compound}/passes`, body), 201)) as unknown as PassBody;
}
async function check(exitId: string, qr: string, username = 'duty-a') {
  return expectStatus(await (await stack.as(username)).post(`/v1/exits/${exitId}/pass-checks`, { qr }), 200);
}
const fieldsOf = (problem: Record<string, unknown>) => (problem.errors as { field: string; code?: string }[]).map((e) => `${e.field} ${e.code ?? ''}`);

describe('a pass from issue to revocation', () => {
  it('is issued with the QR text, checks valid at its compound\'s gate, and after revocation checks revoked', async () => {
    const pass = await issue('c_a', holder('p-flow'), 'community-cm1');
    expect(pass).toMatchObject({ passId: 'p-flow', status: 'active', name: '李*', idLast4: '1234', validFrom: iso() });
    expect(pass.qr).toMatch(/^CP1\.p-flow\.c_a\.resident\.[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
    expect(pass.qr).not.toContain('李');

    const before = await scanTable();
    expect(await check('e_a1', pass.qr)).toMatchObject({ valid: true, pass: { passId: 'p-flow', name: '李*' } });
    expect(await scanTable(), 'a check records nothing').toEqual(before);

    const revoked = await expectStatus(await (await stack.as('community-cm1')).post('/v1/compounds/c_a/passes/p-flow/revoke'), 200);
    expect(revoked).toMatchObject({ status: 'revoked', revokedAt: iso(), revokedBy: 'community-cm1' });
    expect(await check('e_a1', pass.qr)).toMatchObject({ valid: false, reason: 'revoked' });
    await expectStatus(await (await stack.as('city')).post('/v1/compounds/c_a/passes/p-flow/revoke'), 409);
    await expectStatus(await (await stack.as('city')).post('/v1/compounds/c_a/passes/p-none/revoke'), 404);
  });

  it('checks expired, not yet valid and another compound\'s passes, and a tampered QR as a bad signature', async () => {
    const expired = await issue('c_a', holder('p-expired', { validFrom: iso(-2 * DAY), validUntil: iso(-DAY) }));
    expect(expired.status).toBe('expired');
    expect(await check('e_a1', expired.qr)).toMatchObject({ valid: false, reason: 'expired' });
    const later = await issue('c_a', holder('p-later', { validFrom: iso(DAY), validUntil: iso(2 * DAY) }));
    expect(await check('e_a1', later.qr)).toMatchObject({ valid: false, reason: 'not_yet_valid' });

    const elsewhere = await issue('c_d', holder('p-d'));
    const other = await check('e_a1', elsewhere.qr);
    expect(other).toEqual({ valid: false, reason: 'other_compound' });
    expect(await check('e_d1', elsewhere.qr, 'duty-d')).toMatchObject({ valid: true });

    // Stretching the validity, or moving the pass to this compound, breaks the MAC.
    const parts = expired.qr.split('.');
    const stretched = [...parts.slice(0, 5), (Date.parse(iso(DAY)) / 1000).toString(36), parts[6]].join('.');
    expect(await check('e_a1', stretched)).toEqual({ valid: false, reason: 'bad_signature' });
    const moved = elsewhere.qr.replace('.c_d.', '.c_a.');
    expect(await check('e_a1', moved)).toEqual({ valid: false, reason: 'bad_signature' });
    expect(await check('e_a1', 'https://example.org/not-a-pass')).toEqual({ valid: false, reason: 'bad_signature' });
  });

  it('is judged by the stored validity when renewed shorter than its printed card says', async () => {
    const card = await issue('c_a', holder('p-shorter', { validFrom: iso(-DAY), validUntil: iso(10 * DAY) }));
    const renewed = await issue('c_a', holder('p-shorter', { validFrom: iso(-DAY), validUntil: iso(-1) }));
    expect(renewed.qr).not.toBe(card.qr);
    expect(await check('e_a1', card.qr)).toMatchObject({ valid: false, reason: 'expired' });
  });
});

describe('the gate\'s pass key', () => {
  it('verifies the compound\'s QR texts offline and lists the revoked passes still within their validity', async () => {
    const pass = await issue('c_a', holder('p-key'));
    await expectStatus(await (await stack.as('city')).post('/v1/compounds/c_a/passes/p-key/revoke'), 200);
    const key = (await expectStatus(await (await stack.as('duty-a')).get('/v1/exits/e_a1/pass-key'), 200)) as { key: string; revoked: { passId: string }[]; compoundId: string };
    expect(key.compoundId).toBe('c_a');
    expect(key.revoked.map((r) => r.passId)).toContain('p-key');
    expect(key.revoked.map((r) => r.passId)).not.toContain('p-expired');
    // What a gate does offline: the MAC over the text before the last ".", under the fetched key.
    const payload = pass.qr.slice(0, pass.qr.lastIndexOf('.'));
    const mac = createHmac('sha256', Buffer.from(key.key, 'base64url')).update(payload).digest().subarray(0, 16).toString('base64url');
    expect(`${payload}.${mac}`).toBe(pass.qr);
    const dKey = (await expectStatus(await (await stack.as('duty-d')).get('/v1/exits/e_d1/pass-key'), 200)) as { key: string };
    expect(dKey.key, 'each compound has its own key').not.toBe(key.key);
  });

  it('drops a renewed pass from the revoked list, and keeps a revoked pass only while it is valid', async () => {
    const revokedIds = async () =>
      ((await expectStatus(await (await stack.as('duty-a')).get('/v1/exits/e_a1/pass-key'), 200)) as { revoked: { passId: string }[] }).revoked.map((r) => r.passId);
    await issue('c_a', holder('p-renewed'));
    await expectStatus(await (await stack.as('city')).post('/v1/compounds/c_a/passes/p-renewed/revoke'), 200);
    expect(await revokedIds()).toContain('p-renewed');
    await issue('c_a', holder('p-renewed'));
    expect(await revokedIds()).not.toContain('p-renewed');

    await issue('c_a', holder('p-lapsed', { validFrom: iso(-2 * DAY), validUntil: iso(-DAY) }));
    await expectStatus(await (await stack.as('city')).post('/v1/compounds/c_a/passes/p-lapsed/revoke'), 200);
    expect(await revokedIds(), 'past its validity a gate refuses it anyway').not.toContain('p-lapsed');
  });
});

describe('entries by a scanned pass', () => {
  it('judge a pass named by its id (no QR) as a gate would, its start included', async () => {
    await issue('c_a', holder('p-later-id', { validFrom: iso(DAY), validUntil: iso(14 * DAY) }));
    const early = await expectStatus(await (await stack.as('duty-a')).post('/v1/exits/e_a1/entries', entry('en-id-later', { passId: 'p-later-id', person: { idNumber: '420881198001011234' } })), 201);
    expect(early.preRegistered).toMatchObject({ passFound: true, valid: false, idMatches: true });
  });

  it('link the entry to the pass, and refuse a pass that does not admit, naming passQr and the reason', async () => {
    const duty = await stack.as('duty-a');
    const pass = await issue('c_a', holder('p-entry', { plate: '鄂H12345' }));
    const linked = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-qr-1', { passQr: pass.qr, person: { idNumber: '420881198001011234' } })), 201);
    expect(linked).toMatchObject({ passId: 'p-entry', preRegistered: { passFound: true, valid: true, idMatches: true } });
    const again = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-qr-1', { passQr: pass.qr, person: { idNumber: '420881198001011234' } })), 201);
    expect(again.id).toBe('en-qr-1');

    const expired = (await expectStatus(await (await stack.as('city')).get('/v1/compounds/c_a/passes?q=p-expired'), 200)).items as PassBody[];
    const refused = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-qr-2', { passQr: expired[0]!.qr })), 400);
    expect(fieldsOf(refused)).toEqual(['body.passQr pass.refused.expired']);
    const turnedBack = await expectStatus(
      await duty.post('/v1/exits/e_a1/entries', entry('en-qr-3', { passQr: expired[0]!.qr, outcome: 'refused', refusalReason: '出入证过期' })), 201);
    expect(turnedBack).toMatchObject({ passId: 'p-expired', outcome: 'refused', preRegistered: { passFound: true, valid: false, reason: 'expired' } });

    const forged = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-qr-4', { passQr: `${pass.qr.slice(0, -2)}AA`, outcome: 'refused', refusalReason: '伪造' })), 400);
    expect(fieldsOf(forged)).toEqual(['body.passQr pass.refused.bad_signature']);
    const mismatch = await expectStatus(await duty.post('/v1/exits/e_a1/entries', entry('en-qr-5', { passQr: pass.qr, passId: 'p-other' })), 400);
    expect(fieldsOf(mismatch)).toEqual(['body.passQr pass.qr-other-pass']);
    const listed = (await expectStatus(await duty.get('/v1/exits/e_a1/entries'), 200)).items as { id: string }[];
    expect(listed.map((e) => e.id)).not.toContain('en-qr-2');
  });
});

describe('listing passes', () => {
  it('pages a compound\'s passes masked, and searches by pass id, name and plate', async () => {
    await issue('c_a', holder('p-list-1', { name: '王小明', plate: '鄂H 88888' }));
    await issue('c_a', holder('p-list-2', { name: '赵六' }));
    const city = await stack.as('city');
    const first = await expectStatus(await city.get('/v1/compounds/c_a/passes?limit=2'), 200);
    expect((first.items as unknown[]).length).toBe(2);
    expect(first.nextToken).toBeTypeOf('string');
    const rest = await expectStatus(await city.get(`/v1/compounds/c_a/passes?limit=1000&nextToken=${encodeURIComponent(first.nextToken as string)}`), 200);
    const all = [...(first.items as PassBody[]), ...(rest.items as PassBody[])];
    expect(new Set(all.map((p) => p.passId)).size).toBe(all.length);
    expect(JSON.stringify(all)).not.toMatch(/王小明|idHash|420881/);
    const byName = (await expectStatus(await city.get(`/v1/compounds/c_a/passes?q=${encodeURIComponent('小明')}`), 200)).items as PassBody[];
    expect(byName.map((p) => p.passId)).toEqual(['p-list-1']);
    const byPlate = (await expectStatus(await city.get('/v1/compounds/c_a/passes?q=h88888'), 200)).items as PassBody[];
    expect(byPlate.map((p) => p.passId)).toEqual(['p-list-1']);
    await expectStatus(await (await stack.as('official-s1')).get('/v1/compounds/c_a/passes'), 200);
  });
});

describe('returnees', () => {
  it('get a pass only once 14 days of observation have ended', async () => {
    const early = await expectStatus(await (await stack.as('city')).post('/v1/compounds/c_a/passes', holder('p-back', { returnedAt: iso(-13 * DAY) })), 400);
    expect(fieldsOf(early)).toEqual(['body.returnedAt pass.observation']);
    const pass = await issue('c_a', holder('p-back', { returnedAt: iso(-14 * DAY) }));
    expect(pass.returnedAt).toBe(iso(-14 * DAY));
  });
});

describe('jurisdiction and bad requests', () => {
  it('keeps passes to the compound\'s own people and gates', async () => {
    const pass = await issue('c_a', holder('p-juris'));
    await expectStatus(await (await stack.as('community-cm3')).post('/v1/compounds/c_a/passes', holder('p-x')), 403);
    await expectStatus(await (await stack.as('community-cm3')).get('/v1/compounds/c_a/passes'), 403);
    await expectStatus(await (await stack.as('community-cm3')).post('/v1/compounds/c_a/passes/p-juris/revoke'), 403);
    await expectStatus(await (await stack.as('duty-d')).post('/v1/exits/e_a1/pass-checks', { qr: pass.qr }), 403);
    await expectStatus(await (await stack.as('duty-a')).post('/v1/exits/e_a2/pass-checks', { qr: pass.qr }), 403);
    await expectStatus(await (await stack.as('duty-d')).get('/v1/exits/e_a1/pass-key'), 403);
    await expectStatus(await (await stack.as('city')).get('/v1/exits/e_a1/pass-key'), 403);
    await expectStatus(await (await stack.as('community-cm1')).post('/v1/exits/e_a1/pass-checks', { qr: pass.qr }), 403);
    await expectStatus(await (await stack.as('duty-a')).get('/v1/compounds/c_a/passes'), 403);
    await expectStatus(await (await stack.as('duty-a')).post('/v1/exits/e_none/pass-checks', { qr: pass.qr }), 403);
  });

  it('names the fields it refuses', async () => {
    const city = await stack.as('city');
    const backwards = await expectStatus(await city.post('/v1/compounds/c_a/passes', holder('p-bad', { validFrom: iso(DAY), validUntil: iso() })), 400);
    expect(fieldsOf(backwards)).toEqual(['body.validUntil schema.until-after-from']);
    const noQr = await expectStatus(await (await stack.as('duty-a')).post('/v1/exits/e_a1/pass-checks', { qr: '' }), 400);
    expect(JSON.stringify(noQr.errors)).toContain('body.qr');
    const extra = await expectStatus(await (await stack.as('duty-a')).post('/v1/exits/e_a1/pass-checks', { qr: 'x', pass: 'p' }), 400);
    expect(JSON.stringify(extra.errors)).toContain('body.pass');
    const badId = await expectStatus(await city.post('/v1/compounds/c_a/passes/p%20x/revoke'), 400);
    expect(JSON.stringify(badId.errors)).toContain('params.passId');
    const query = await expectStatus(await city.get('/v1/compounds/c_a/passes?nextToken=garbage'), 400);
    expect(JSON.stringify(query.errors)).toContain('query.nextToken');
  });
});

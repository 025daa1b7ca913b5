/**
 * Passes (出入证) at the gate view in real Chromium against a scripted API: a valid pass shows its
 * masked holder and registers an entry linked to it in one tap; revoked and tampered passes say
 * so in large type with nothing to register; with no network the phone checks the pass itself
 * with the key it synced (离线核验), queues the entry and sends it once when back online.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { formatPassToken, parsePassToken, passTokenPayload, type PassClaims } from '#shared/domain/passes.ts';
import type { Shift } from '#shared/schemas/duty.ts';
import type { Entry, EntryCreate } from '#shared/schemas/entry.ts';
import type { Pass } from '#shared/schemas/pass.ts';
import { GatePage } from '#web/src/gate/GatePage.tsx';
import { base64urlBytes, passMacBytes, verifyPassOffline } from '#web/src/gate/pass-verify.ts';
import { clearPhone, renderWithServices, signInWith, type Call } from './render.tsx';
import { unsignedToken } from './tokens.ts';

const user = { username: 'duty-pass-1', role: 'duty' as const, name: '测试值守', jurisdiction: { compoundIds: ['c1'], exitIds: ['e1'] } };
/** Compound c1's pass key, as the API would hand it to the gate (base64url of 32 bytes). */
const KEY = 'q3Z0bW9ja2tleS1mb3ItY29tcG91bmQtYzEtMzJieXQ';

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A token as the server signs it (pass-signing.ts), under compound c1's key. */
const sign = (claims: PassClaims) => {
  const payload = passTokenPayload(claims);
  return formatPassToken(payload, base64url(passMacBytes(base64urlBytes(KEY), payload)));
};

const day = 86_400_000;
const claimsOf = (passId: string): PassClaims => ({
  passId, compoundId: 'c1', category: 'resident',
  validFrom: new Date(Math.floor((Date.now() - day) / 1000) * 1000).toISOString(),
  validUntil: new Date(Math.floor((Date.now() + 30 * day) / 1000) * 1000).toISOString(),
});

/**
 * A gate API with two passes of compound c1 (p-1 valid, p-2 revoked): pass-checks judged as the
 * server judges, the pass key with its revocations, and entries kept by entryId, linked to the
 * pass their passQr names.
 */
function fakeApi() {
  const now = Date.now();
  const shift: Shift = {
    id: 's1', exitId: 'e1', compoundId: 'c1', person: user.username, start: new Date(now - 3_600_000).toISOString(),
    end: new Date(now + 7 * 3_600_000).toISOString(), clockIn: 'pending', createdAt: new Date(now - day).toISOString(), createdBy: 'community-1',
  };
  const revokedAt = new Date(now - 3_600_000).toISOString();
  const passes = new Map<string, Pass>(
    (['p-1', 'p-2'] as const).map((passId) => {
      const claims = claimsOf(passId);
      return [passId, {
        ...claims, name: passId === 'p-1' ? '张**' : '李**', idLast4: '1234', plate: '鄂A12345', status: passId === 'p-1' ? 'active' : 'revoked',
        ...(passId === 'p-2' ? { revokedAt, revokedBy: 'community-1' } : {}), qr: sign(claims), createdAt: claims.validFrom, createdBy: 'community-1',
      } satisfies Pass];
    }),
  );
  const revoked = [{ passId: 'p-2', revokedAt }];
  const entries = new Map<string, Entry>();
  const state = { offline: false };
  const judge = (qr: string) => verifyPassOffline(qr, { compoundId: 'c1', key: KEY, revoked }, new Date().toISOString());
  const answer = (call: Call): unknown => {
    if (state.offline) throw new TypeError('Failed to fetch');
    const path = call.path;
    if (path === '/v1/exits/e1') {
      return { id: 'e1', compoundId: 'c1', name: '南门', compoundName: '粮食局宿舍区', compoundStatus: 'closed', communityId: 'cm', streetId: 'st', status: 'open', location: [112.58, 31.17] };
    }
    if (path.startsWith('/v1/exits/e1/shifts')) return { items: [shift], gaps: [], overlaps: [], missedClockIns: [] };
    if (path.startsWith('/v1/exits/e1/counts')) return { exitId: 'e1', date: '2026-12-07', hours: [] };
    if (path === '/v1/exits/e1/pass-key') return { compoundId: 'c1', algorithm: 'HMAC-SHA256-128', key: KEY, tokenPrefix: 'CP1', revoked, at: new Date().toISOString() };
    if (path === '/v1/exits/e1/pass-checks') {
      const { qr } = call.body as { qr: string };
      const { claims, judgement } = judge(qr);
      const ours = judgement.valid || (judgement.reason !== 'bad_signature' && judgement.reason !== 'other_compound');
      const pass = claims && ours ? passes.get(claims.passId) : undefined;
      return { ...judgement, ...(pass ? { pass } : {}) };
    }
    if (call.method === 'GET' && path.startsWith('/v1/exits/e1/entries')) return { items: [...entries.values()] };
    if (path === '/v1/exits/e1/entries') {
      const { passQr, ...body } = call.body as EntryCreate;
      const passId = passQr ? parsePassToken(passQr)?.claims.passId : undefined;
      const stored = entries.get(body.entryId) ?? {
        ...body, id: body.entryId, exitId: 'e1', compoundId: 'c1', at: new Date().toISOString(), by: user.username, fever: false, warnings: [],
        ...(passId ? { passId, preRegistered: { passFound: true, valid: passQr ? judge(passQr).judgement.valid : false } } : {}),
      };
      entries.set(body.entryId, stored);
      return Response.json(stored, { status: 201 });
    }
    return Response.json({ type: '/problems/not-found', title: 'Not found', status: 404 }, { status: 404, headers: { 'content-type': 'application/problem+json' } });
  };
  return { answer, state, entries, passes };
}

afterEach(async () => {
  window.history.replaceState(null, '', '/');
  await clearPhone(user.username);
});

async function openGate(api: ReturnType<typeof fakeApi>) {
  await clearPhone(user.username);
  const rendered = renderWithServices(<GatePage locate={async () => [112.58, 31.17]} />, (call) => api.answer(call));
  signInWith(rendered.services, unsignedToken(user));
  await rendered.screen;
  await expect.element(page.getByRole('heading', { name: '出入口 粮食局宿舍区 南门' })).toBeVisible();
  // The pass key is kept on the phone once fetched.
  await expect.element(page.getByText(/^核验密钥同步于 \d\d:\d\d$/)).toBeVisible();
  return rendered;
}

const panel = () => page.getByRole('region', { name: '出入证' });
const result = () => panel().getByRole('status');

async function checkPass(text: string) {
  await userEvent.fill(panel().getByLabelText('出入证编码'), text);
  await userEvent.click(panel().getByRole('button', { name: '核验', exact: true }));
}

const entryPosts = (calls: readonly Call[]) => calls.filter((c) => c.method === 'POST' && c.path === '/v1/exits/e1/entries');

describe('passes at the gate view', () => {
  it('shows a valid pass\'s masked holder and registers an entry linked to the pass in one tap', async () => {
    const api = fakeApi();
    const { calls, services } = await openGate(api);
    const qr = api.passes.get('p-1')!.qr;
    await checkPass(qr);
    await expect.element(result().getByText('有效', { exact: true })).toBeVisible();
    await expect.element(result().getByText('张**')).toBeVisible();
    await expect.element(result().getByText('本小区居民')).toBeVisible();
    await expect.element(result().getByText('鄂A12345')).toBeVisible();
    expect(calls.filter((c) => c.path === '/v1/exits/e1/pass-checks').map((c) => c.body)).toEqual([{ qr }]);
    await expect.element(panel().getByText('离线核验')).not.toBeInTheDocument();

    await userEvent.click(panel().getByRole('button', { name: '登记通行' }));
    await expect.element(result().getByText('已登记通行。')).toBeVisible();
    expect(entryPosts(calls)).toHaveLength(1);
    expect(entryPosts(calls)[0]?.body).toMatchObject({ direction: 'in', category: 'resident', outcome: 'admitted', passQr: qr });
    // Read back from the API: the entry names the pass.
    const listed = await services.api.call('listEntries', { params: { id: 'e1' } });
    expect(listed.items.map((e) => e.passId)).toEqual(['p-1']);
    await expect.element(panel().getByRole('button', { name: '登记通行' })).not.toBeInTheDocument();
  });

  it('records the temperature and mask taken beside the one tap as the four musts', async () => {
    const api = fakeApi();
    const { calls } = await openGate(api);
    await checkPass(api.passes.get('p-1')!.qr);
    await expect.element(result().getByText('有效', { exact: true })).toBeVisible();
    await userEvent.fill(panel().getByLabelText('体温（℃）'), '36,6');
    await userEvent.click(panel().getByRole('button', { name: '口罩必戴' }));
    await userEvent.click(panel().getByRole('button', { name: '登记通行' }));
    await expect.element(result().getByText('已登记通行。')).toBeVisible();
    expect(entryPosts(calls)[0]?.body).toMatchObject({
      checks: { identityAsked: true, recorded: true, temperatureMeasured: true, maskWorn: true }, temperatureC: 36.6, outcome: 'admitted',
    });
  });

  it('hands a pass holder with a fever to the form\'s fever flow, the entry still linked to the pass', async () => {
    const api = fakeApi();
    const { calls } = await openGate(api);
    const qr = api.passes.get('p-1')!.qr;
    await checkPass(qr);
    await expect.element(result().getByText('有效', { exact: true })).toBeVisible();
    await userEvent.fill(panel().getByLabelText('体温（℃）'), '38.2');
    await userEvent.click(panel().getByRole('button', { name: '登记通行' }));
    await expect.element(result().getByText(/^体温≥37.3℃：已转到下方登记表/)).toBeVisible();
    // Nothing was registered from the panel: the form holds the pass, its temperature and the fever steps.
    expect(entryPosts(calls)).toEqual([]);
    await expect.element(page.getByText('出入证持证人（已扫码核验）')).toBeVisible();
    const form = page.getByRole('form', { name: '出入登记' });
    await expect.element(form.getByLabelText('体温（℃）')).toHaveValue('38.2');
    await userEvent.fill(form.getByLabelText('定点医院'), '市第一人民医院');
    await userEvent.click(form.getByRole('button', { name: '登记', exact: true }));
    await expect.poll(() => entryPosts(calls).length).toBe(1);
    expect(entryPosts(calls)[0]?.body).toMatchObject({ passQr: qr, temperatureC: 38.2, escort: { hospital: '市第一人民医院' } });
  });

  it('says a revoked pass is revoked in large type, with nothing to register', async () => {
    const api = fakeApi();
    const { calls } = await openGate(api);
    await checkPass(api.passes.get('p-2')!.qr);
    await expect.element(result().getByText('已吊销')).toBeVisible();
    await expect.element(panel().getByRole('button', { name: '登记通行' })).not.toBeInTheDocument();
    expect(entryPosts(calls)).toEqual([]);
  });

  it('says a tampered QR has an invalid signature', async () => {
    const api = fakeApi();
    await openGate(api);
    const qr = api.passes.get('p-1')!.qr;
    // The pass's category changed on the card: the MAC no longer holds.
    await checkPass(qr.replace('.resident.', '.medical.'));
    await expect.element(result().getByText('签名无效')).toBeVisible();
    await expect.element(panel().getByRole('button', { name: '登记通行' })).not.toBeInTheDocument();
  });

  it('asks for the whole code when only a pass number is typed', async () => {
    const api = fakeApi();
    const { calls } = await openGate(api);
    await checkPass('p-1');
    await expect.element(result().getByText(/^仅凭证号无法核验/)).toBeVisible();
    expect(calls.filter((c) => c.path === '/v1/exits/e1/pass-checks')).toEqual([]);
  });

  it('checks passes offline with the kept key and revocations, and sends the queued entry once when back online', async () => {
    const api = fakeApi();
    const { calls } = await openGate(api);
    await expect.element(page.getByText('已同步')).toBeVisible();
    api.state.offline = true;

    await checkPass(api.passes.get('p-2')!.qr);
    await expect.element(result().getByText('离线核验')).toBeVisible();
    await expect.element(result().getByText('已吊销')).toBeVisible();
    await checkPass(api.passes.get('p-1')!.qr.replace('.resident.', '.medical.'));
    await expect.element(result().getByText('签名无效')).toBeVisible();

    const qr = api.passes.get('p-1')!.qr;
    await checkPass(qr);
    await expect.element(result().getByText('离线核验')).toBeVisible();
    await expect.element(result().getByText('有效', { exact: true })).toBeVisible();
    await expect.element(result().getByText('p-1')).toBeVisible();
    await userEvent.click(panel().getByRole('button', { name: '登记通行' }));
    await expect.element(result().getByText('已记下，待同步。')).toBeVisible();
    await expect.element(page.getByText('1 条待同步')).toBeVisible();
    expect(api.entries.size).toBe(0);

    api.state.offline = false;
    window.dispatchEvent(new Event('online'));
    await expect.element(page.getByText('已同步')).toBeVisible();
    expect([...api.entries.values()].map((e) => e.passId)).toEqual(['p-1']);
    // Tried while offline too, always under the same entryId.
    expect(new Set(entryPosts(calls).map((c) => (c.body as EntryCreate).entryId)).size).toBe(1);
    expect(entryPosts(calls).every((c) => (c.body as EntryCreate).passQr === qr)).toBe(true);
  });
});

/**
 * The passes view (/passes) in real Chromium against a scripted API: a community admin chooses a
 * compound, issues a pass (a 400 said beside the field it names, in the API's words), finds it
 * in the list by the API's search, and revokes it after confirming — its pill then says 已吊销.
 * The building's sheet link and a card's print link name the print view.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { Pass, PassCreate } from '#shared/schemas/pass.ts';
import { changeLanguage } from '#web/src/i18n.ts';
import { PassesPage } from '#web/src/passes/PassesPage.tsx';
import { renderWithServices, signInWith, type Call } from './render.tsx';
import { unsignedToken } from './tokens.ts';

const admin = { username: 'community-test', role: 'community' as const, name: '测试社区', jurisdiction: { streetId: 's1', communityId: 'cm1' } };
const point = (id: string, name: string) => ({ type: 'Feature', id, geometry: { type: 'Point', coordinates: [112.5, 31.1] }, properties: { id, name, status: 'closed', communityId: 'cm1', streetId: 's1', gridIds: [] } });
const problem = (status: number, body: object) => Response.json({ type: '/problems/validation', title: 'Invalid request', status, ...body }, { status, headers: { 'content-type': 'application/problem+json' } });

/** A compound's passes as the API keeps them: masked on the way out, searched by id, name and plate. */
function fakeApi() {
  const passes = new Map<string, Pass & { fullName: string }>();
  const created: PassCreate[] = [];
  const view = ({ fullName: _name, ...pass }: Pass & { fullName: string }): Pass => pass;
  const answer = (call: Call): unknown => {
    const url = new URL(call.path, 'http://x');
    if (url.pathname === '/v1/compounds') return { type: 'FeatureCollection', features: [point('c_1', '桂花新村'), point('c_2', '粮食局宿舍')] };
    if (url.pathname === '/v1/compounds/c_1') return { ...point('c_1', '桂花新村'), properties: { ...point('c_1', '桂花新村').properties, propertyManaged: true } };
    if (url.pathname === '/v1/compounds/c_1/buildings') return { type: 'FeatureCollection', features: [point('b_1', '1栋'), point('b_2', '2栋')] };
    if (url.pathname === '/v1/compounds/c_1/passes' && call.method === 'POST') {
      const body = call.body as PassCreate;
      created.push(body);
      if (!/^\d{17}[\dX]$/.test(body.idNumber)) {
        return problem(400, { detail: 'body.idNumber: 身份证号应为 18 位', errors: [{ field: 'body.idNumber', message: '身份证号应为 18 位', code: 'field.invalid' }] });
      }
      const pass = {
        passId: body.passId, compoundId: 'c_1', name: `${body.name[0]}*`, fullName: body.name, idLast4: body.idNumber.slice(-4), category: body.category,
        ...(body.plate ? { plate: body.plate } : {}), ...(body.buildingId ? { buildingId: body.buildingId, buildingName: '2栋' } : {}),
        validFrom: body.validFrom!, validUntil: body.validUntil, status: 'active' as const, qr: `CP1.${body.passId}.c_1.x`, createdAt: body.validFrom!, createdBy: admin.username,
      };
      passes.set(pass.passId, pass);
      return Response.json(view(pass), { status: 201 });
    }
    if (url.pathname === '/v1/compounds/c_1/passes') {
      const q = url.searchParams.get('q');
      const items = [...passes.values()].filter((p) => !q || [p.passId, p.fullName, p.plate ?? ''].some((f) => f.includes(q)));
      return { items: items.map(view) };
    }
    const revoke = /^\/v1\/compounds\/c_1\/passes\/([^/]+)\/revoke$/.exec(url.pathname);
    if (revoke?.[1] && passes.has(revoke[1])) {
      const pass = { ...passes.get(revoke[1])!, status: 'revoked' as const, revokedAt: new Date().toISOString(), revokedBy: admin.username };
      passes.set(pass.passId, pass);
      return view(pass);
    }
    return problem(404, { title: 'Not found' });
  };
  return { answer, created, passes };
}

const rows = () => page.getByRole('listitem').elements().filter((li) => li.classList.contains('pass-item'));

beforeEach(() => {
  window.history.replaceState(null, '', '/passes');
});
afterEach(async () => {
  document.body.replaceChildren();
  window.history.replaceState(null, '', '/');
  await changeLanguage('zh-CN');
});

describe('the passes view', () => {
  it('issues a pass, finds it, and revokes it once confirmed', async () => {
    const api = fakeApi();
    const { services, calls } = renderWithServices(<PassesPage />, api.answer);
    signInWith(services, unsignedToken(admin));

    await expect.element(page.getByRole('heading', { name: '出入证', level: 1 })).toBeVisible();
    const compound = page.getByLabelText('小区', { exact: true });
    await expect.poll(() => compound.element().querySelectorAll('option').length).toBe(3);
    await userEvent.selectOptions(compound, 'c_1');
    await expect.element(page.getByRole('heading', { name: '桂花新村' })).toBeVisible();
    expect(window.location.search).toBe('?compound=c_1');

    // The category's names are the gate's; the validity starts today for 14 days.
    const category = page.getByLabelText('人员类别');
    expect(category.element().textContent).toContain('本小区居民');
    const from = (page.getByLabelText('生效日期').element() as HTMLInputElement).value;
    const until = (page.getByLabelText('截止日期').element() as HTMLInputElement).value;
    expect((Date.parse(until) - Date.parse(from)) / 86_400_000).toBe(13);

    // Nothing filled in: the form says what is missing before asking the API.
    await page.getByRole('button', { name: '发放', exact: true }).click();
    await expect.element(page.getByText('请填写持证人姓名').first()).toBeVisible();
    expect(api.created).toEqual([]);

    await page.getByLabelText('持证人姓名').fill('王小明');
    await page.getByLabelText('身份证号').fill('42088119800101');
    await page.getByLabelText('车牌号（可选）').fill('鄂h 12345');
    await userEvent.selectOptions(page.getByLabelText('楼栋（可选）'), 'b_2');
    await page.getByLabelText('出入证编号').fill('P-TEST-1');
    await page.getByRole('button', { name: '发放', exact: true }).click();
    // The API's 400 is said beside the ID number, which is marked invalid.
    const idNumber = page.getByLabelText('身份证号');
    await expect.element(idNumber).toHaveAttribute('aria-invalid', 'true');
    const beside = document.querySelector('.pass-field[data-field="idNumber"] .field-error');
    expect(beside?.textContent).toBe('身份证号应为 18 位');

    await idNumber.fill('420881198001011234');
    await expect.element(idNumber).not.toHaveAttribute('aria-invalid');
    await page.getByRole('button', { name: '发放', exact: true }).click();
    await expect.element(page.getByText('已发放出入证 P-TEST-1（王*）。')).toBeVisible();
    expect(api.created.at(-1)).toMatchObject({
      passId: 'P-TEST-1', name: '王小明', idNumber: '420881198001011234', category: 'resident', plate: '鄂H12345', buildingId: 'b_2',
      validFrom: new Date(`${from}T00:00:00+08:00`).toISOString(), validUntil: new Date(`${until}T23:59:59+08:00`).toISOString(),
    });
    expect(api.created.at(-1)).not.toHaveProperty('returnedAt');

    // A second holder, then the list: holders masked as the API gives them, both valid.
    await page.getByLabelText('持证人姓名').fill('赵六');
    await page.getByLabelText('身份证号').fill('42088119800101567X');
    await page.getByLabelText('出入证编号').fill('P-TEST-2');
    await page.getByRole('button', { name: '发放', exact: true }).click();
    await expect.poll(() => rows().length).toBe(2);
    expect(rows().map((li) => li.querySelector('.pass-holder')?.textContent)).toEqual(['王*', '赵*']);
    expect(rows().map((li) => li.querySelector('.pass-status')?.textContent)).toEqual(['有效', '有效']);
    expect(document.body.textContent).not.toContain('王小明');

    // The search is the API's: by plate here.
    await page.getByLabelText('查找', { exact: true }).fill('鄂H12345');
    await page.getByRole('button', { name: '查找', exact: true }).click();
    await expect.poll(() => rows().length).toBe(1);
    expect(calls.some((c) => c.path.includes('q=%E9%84%82H12345'))).toBe(true);
    const row = page.getByRole('listitem').filter({ hasText: 'P-TEST-1' });
    expect(row.element().getAttribute('data-status')).toBe('active');
    expect(row.getByRole('link', { name: '打印' }).element().getAttribute('href')).toBe('/passes/print?compound=c_1&pass=P-TEST-1');

    // Revoking asks first; cancelling revokes nothing.
    await row.getByRole('button', { name: '吊销' }).click();
    await expect.element(row.getByText('确定吊销出入证 P-TEST-1（王*）？', { exact: false })).toBeVisible();
    await row.getByRole('button', { name: '取消' }).click();
    expect(calls.filter((c) => c.path.endsWith('/revoke'))).toEqual([]);
    await row.getByRole('button', { name: '吊销' }).click();
    await row.getByRole('button', { name: '确认吊销' }).click();
    await expect.element(row.getByText('已吊销')).toBeVisible();
    expect(calls.filter((c) => c.path.endsWith('/revoke')).map((c) => c.path)).toEqual(['/v1/compounds/c_1/passes/P-TEST-1/revoke']);
    expect(row.getByRole('button', { name: '吊销' }).query()).toBeNull();

    // A building's sheet is printed from the print view.
    await userEvent.selectOptions(page.getByLabelText('按楼栋打印'), 'b_2');
    expect(page.getByRole('link', { name: '打印本楼栋出入证' }).element().getAttribute('href')).toBe('/passes/print?compound=c_1&building=b_2');
  });

  it('asks for the day of return of a returnee, and speaks English when asked', async () => {
    await changeLanguage('en');
    window.history.replaceState(null, '', '/passes?compound=c_1');
    const api = fakeApi();
    const { services } = renderWithServices(<PassesPage />, api.answer);
    signInWith(services, unsignedToken(admin));
    await expect.element(page.getByRole('heading', { name: 'Issue a pass' })).toBeVisible();
    expect(page.getByLabelText('Day of return').query()).toBeNull();
    await page.getByLabelText('Returnee').click();
    await page.getByLabelText("Holder's name").fill('Li Si');
    await page.getByLabelText('ID number').fill('420881198001011234');
    await page.getByRole('button', { name: 'Issue', exact: true }).click();
    await expect.element(page.getByLabelText('Day of return')).toHaveAttribute('aria-invalid', 'true');
    expect(api.created).toEqual([]);
    await page.getByLabelText('Day of return').fill('2026-10-01');
    await page.getByRole('button', { name: 'Issue', exact: true }).click();
    await expect.poll(() => api.created.length).toBe(1);
    expect(api.created[0]?.returnedAt).toBe('2026-09-30T16:00:00.000Z');
    await expect.poll(() => rows().length).toBe(1);
    expect(rows()[0]?.querySelector('.pass-status')?.textContent).toBe('Valid');
  });
});

describe('the print view', () => {
  it('shows just the pass\'s card — in English when asked — on A6 paper only while it is open', async () => {
    const api = fakeApi();
    window.history.replaceState(null, '', '/passes?compound=c_1');
    const { services, screen } = renderWithServices(<PassesPage />, api.answer);
    signInWith(services, unsignedToken(admin));
    await page.getByLabelText('持证人姓名').fill('王小明');
    await page.getByLabelText('身份证号').fill('420881198001011234');
    await page.getByLabelText('车牌号（可选）').fill('鄂H12345');
    await page.getByLabelText('出入证编号').fill('P-CARD');
    await page.getByRole('button', { name: '发放', exact: true }).click();
    await expect.poll(() => rows().length).toBe(1);
    (await screen).unmount();

    await changeLanguage('en');
    window.history.replaceState(null, '', '/passes/print?compound=c_1&pass=P-CARD');
    const print = renderWithServices(<PassesPage />, api.answer);
    signInWith(print.services, unsignedToken(admin));
    const card = page.getByRole('article', { name: 'Pass P-CARD' });
    await expect.element(card).toBeVisible();
    const text = card.element().textContent ?? '';
    for (const shown of ['桂花新村', 'Pass', '王*', 'Holder', 'Resident', '鄂H12345', 'No. P-CARD']) expect(text).toContain(shown);
    expect(text).not.toContain('王小明');
    expect(card.getByRole('img', { name: 'QR code of pass P-CARD' }).element().querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    expect(document.querySelector('style[data-pass-print]')?.textContent).toContain('size: 105mm 148mm');
    (await print.screen).unmount();
    expect(document.querySelector('style[data-pass-print]')).toBeNull();
  });
});

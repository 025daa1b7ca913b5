/**
 * Printing passes (出入证) against the whole local stack: a community admin's building sheet in
 * Chromium's print media — only the cards, each card's QR code decoding (jsQR, from a screenshot
 * of the printed card) to the exact `qr` text the API gave the pass — and the PDF Chromium prints
 * from it: one A6 page (105 × 148 mm = 297.64 × 419.53 pt) per card, a revoked pass not printed;
 * a single pass's card on one A6 page too, and the passes view it returns to passes axe-core.
 *
 * Entities (all e2e files share one seeded stack): the last community admin of the demo city,
 * the last of their compounds that has buildings, and that compound's first building; the
 * passes are this file's own (ids "e2e-print-…").
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { demoCity } from '#infra/local/demo/users.ts';
import type { Pass } from '#shared/schemas/pass.ts';
import { loginLink } from '#web/src/layout/navigation.ts';
import { printPath } from '#web/src/passes/print-path.ts';
import type { ApiClient } from '#web/src/api/client.ts';
import { apiAs, browserPerFile, screenshot } from './browser.ts';
import { decodeQr, mediaBoxes } from './printed.ts';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');
const city = demoCity();
const admin = city.users.filter((u) => u.role === 'community').at(-1);
const compound = city.compounds.filter((c) => c.communityId === admin?.jurisdiction.communityId && city.buildings.some((b) => b.compoundId === c.id)).at(-1);
const building = city.buildings.find((b) => b.compoundId === compound?.id);

/** A6 in PDF points (1 pt = 1/72 in): 105 mm × 148 mm. */
const A6_PT = { width: (105 / 25.4) * 72, height: (148 / 25.4) * 72 };

const { open } = browserPerFile(webUrl);

/** The text a printed card's QR code holds. */
const decodeCardQr = (page: Page, passId: string): Promise<string | undefined> =>
  decodeQr(page, page.locator(`.pass-card[data-pass-id="${passId}"] .pass-card-qr`));

/** Issues (or, given again, renews) one of this file's passes in the building. */
function issue(api: ApiClient, n: number, name: string): Promise<Pass> {
  return api.call('createPass', {
    params: { id: compound?.id ?? '' },
    body: {
      passId: `e2e-print-${n}`, name, idNumber: `42088119800101${String(1000 + n)}`, category: 'resident', buildingId: building?.id,
      validUntil: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    },
  });
}

async function signedIn(username: string): Promise<Page> {
  const page = await open(loginLink(username));
  await page.waitForURL((url) => url.pathname !== '/login');
  return page;
}

describe('printed passes', () => {
  it('prints a building\'s sheet as one A6 page per valid card, each QR reading back its pass\'s qr', async () => {
    if (!admin || !compound || !building) throw new Error('the demo city has no community admin with a compound that has buildings');
    const api = await apiAs(apiUrl, admin.username);
    const issued: Pass[] = [];
    for (const [n, name] of ['张三丰', '李四光', '王五岳', '赵六合'].entries()) issued.push(await issue(api, n + 1, name));
    await api.call('revokePass', { params: { id: compound.id, passId: 'e2e-print-4' } });
    const printed = issued.slice(0, 3);
    // The building's printable passes as the API lists them (the demo's own, if any, print too).
    const expected = (await api.call('listPasses', { params: { id: compound.id }, query: { buildingId: building.id, limit: 1000 } })).items
      .filter((p) => p.status === 'active' || p.status === 'not_yet_valid');
    expect(expected.map((p) => p.passId)).toEqual(expect.arrayContaining(printed.map((p) => p.passId)));

    const page = await signedIn(admin.username);
    await page.goto(webUrl + printPath({ compound: compound.id, building: building.id }));
    await page.locator('.pass-print[data-state="ready"]').waitFor();
    await expect.poll(() => page.locator('.pass-card').count()).toBe(expected.length);
    expect(await page.locator('.pass-card[data-pass-id="e2e-print-4"]').count(), 'a revoked pass is not printed').toBe(0);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.pass-print-bar').isVisible(), 'on paper only the cards').toBe(false);
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    for (const pass of printed) {
      const card = page.locator(`.pass-card[data-pass-id="${pass.passId}"]`);
      const text = (await card.textContent()) ?? '';
      for (const shown of ['出入证', compound.name, pass.name, '本小区居民', building.name, pass.passId]) expect(text).toContain(shown);
      expect(text, 'the holder is masked').not.toMatch(/张三丰|李四光|王五岳/);
      expect(await decodeCardQr(page, pass.passId)).toBe(pass.qr);
    }
    await screenshot(page, 'passes-print-sheet');

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = mediaBoxes(pdf);
    expect(pages.length, 'one page per card').toBe(expected.length);
    for (const size of pages) {
      expect(size.width).toBeCloseTo(A6_PT.width, 0);
      expect(size.height).toBeCloseTo(A6_PT.height, 0);
    }
  });

  it('prints one pass\'s card on one A6 page', async () => {
    if (!admin || !compound || !building) throw new Error('the demo city has no community admin with a compound that has buildings');
    const pass = await issue(await apiAs(apiUrl, admin.username), 1, '张三丰');
    const page = await signedIn(admin.username);
    await page.goto(webUrl + printPath({ compound: compound.id, pass: 'e2e-print-1' }));
    await page.locator('.pass-card[data-pass-id="e2e-print-1"]').waitFor();
    expect(await page.locator('.pass-card').count()).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await decodeCardQr(page, 'e2e-print-1')).toBe(pass.qr);
    const pages = mediaBoxes(await page.pdf({ preferCSSPageSize: true }));
    expect(pages).toHaveLength(1);
    expect(pages[0]?.width).toBeCloseTo(A6_PT.width, 0);
    expect(pages[0]?.height).toBeCloseTo(A6_PT.height, 0);

    // Back in the passes view the paper is the browser's again (the gate notice prints on its own).
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: '返回出入证' }).click();
    await page.getByRole('heading', { name: '发放出入证' }).waitFor();
    expect(await page.locator('style[data-pass-print]').count()).toBe(0);

    await page.locator('.pass-list[data-state="ready"]').waitFor();
    const results = await new AxeBuilder({ page }).analyze();
    const failing = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(failing.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});

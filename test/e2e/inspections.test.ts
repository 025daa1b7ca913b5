/**
 * An official records an inspection with a photo, in Debian's Chromium against the shared seeded
 * stack: the street official (`official-street`) opens 督导检查, chooses a sealed compound of their
 * street, sees its six in place with the evidence, marks one item not in place with the finding,
 * picks the responsible person from the compound's responsibility list, takes a photo (a real
 * JPEG through the file input: uploaded to the upload URL the API gave, i.e. the local data
 * directory), and saves; the API then lists the inspection with that photo and that person.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { allFeatures, type ApiClient } from '#web/src/api/client.ts';
import { apiAs, browserPerFile, PHONE, signIn } from './browser.ts';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');
const OFFICIAL = 'official-street';

/** The smallest JPEG there is: a 1×1 white pixel (SOI … EOI). */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////' +
  '2wBDAf//////////////////////////////////////////////////////////////////////////////////////wAARCAABAAEDASIAAhEBAxEB/8QAFQAB' +
  'AQAAAAAAAAAAAAAAAAAAAAP/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAAAP/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhED' +
  'EQA/AKAD/9k=', 'base64');

let api: ApiClient;
let compound: { id: string; name: string };
let responsible: string;

beforeAll(async () => {
  api = await apiAs(apiUrl, OFFICIAL);
  const features = await allFeatures(api, 'listCompounds', { query: { status: 'closed', shape: 'point', limit: 1000 } });
  // The last by id: other journeys take the first ones they find.
  const sorted = features.map((f) => ({ id: f.properties.id, name: f.properties.name })).sort((a, b) => a.id.localeCompare(b.id));
  const chosen = sorted.at(-1);
  if (!chosen) throw new Error('the official\'s street has no compound under closed management');
  compound = chosen;
  responsible = (await api.call('getResponsibility', { params: { id: compound.id } })).responsiblePerson.name;
});

const { open } = browserPerFile(webUrl);

describe('an official\'s inspection', () => {
  it('is recorded on a phone with the six items, a finding, the responsible person and a photo', async () => {
    const page = await open('', PHONE);
    await signIn(page, OFFICIAL);
    await page.waitForURL('**/board');
    await page.goto(`${webUrl}/inspections`);
    await page.getByRole('heading', { name: '六个到位与督导检查' }).waitFor();
    const picker = page.getByRole('combobox', { name: '小区' });
    await expect.poll(() => picker.locator(`option[value="${compound.id}"]`).count(), { timeout: 30_000 }).toBe(1);
    await picker.selectOption(compound.id);
    const card = page.locator(`.scorecard[data-compound="${compound.id}"]`);
    await card.locator('.scorecard-item').first().waitFor();
    expect(await card.locator('.scorecard-item').count()).toBe(6);

    await page.getByRole('button', { name: '记录督导检查' }).click();
    const disinfection = page.getByRole('group', { name: '环境消杀到位' });
    await disinfection.getByRole('radio', { name: '未到位' }).check();
    await disinfection.getByRole('textbox', { name: '发现的问题' }).fill('垃圾点未按时消杀');
    await page.getByRole('combobox', { name: '责任人（责任体系名单）' }).selectOption(responsible);
    await page.getByLabel(/现场照片/).setInputFiles({ name: 'site.jpg', mimeType: 'image/jpeg', buffer: JPEG });
    const photo = page.locator('.inspection-photos li[data-photo-key]');
    await photo.waitFor({ timeout: 30_000 });
    const key = await photo.getAttribute('data-photo-key');
    expect(key).toMatch(/^inspections\/[0-9a-f]{32}\.jpg$/);
    await page.getByRole('button', { name: '提交检查记录' }).click();
    await page.getByText(`已记录对 ${compound.name} 的督导检查。`).waitFor();

    const listed = await api.call('listInspections', { query: { compoundId: compound.id, status: 'open' } });
    const mine = listed.items.find((i) => i.photos.includes(key ?? ''));
    expect(mine).toMatchObject({ responsible, inspectedBy: OFFICIAL, items: expect.arrayContaining([{ key: 'disinfection', ok: false, finding: '垃圾点未按时消杀' }]) });
    await page.locator(`.inspection-row[data-inspection-id="${mine?.id ?? ''}"]`).waitFor();
  });
});

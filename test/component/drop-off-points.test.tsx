/**
 * Drop-off points (物品指定存放点) in real Chromium: the resident page and the map's compound
 * panel list each point's name, building, place and hours from the public route, in Chinese by
 * default and in English, and say so when a compound has none.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { PublicDropOffPoints } from '#shared/schemas/public.ts';
import { changeLanguage } from '#web/src/i18n.ts';
import { CompoundPanel } from '#web/src/map/CompoundPanel.tsx';
import type { CompoundProps } from '#web/src/map/data.ts';
import { mountResidentPage } from './mount-resident.ts';
import { renderWithServices, type Call } from './render.tsx';

const compound = { id: 'c_1', name: '桂花新村', status: 'closed' as const };
const points: PublicDropOffPoints = {
  compound,
  items: [
    { name: '东门物品存放点', hours: '08:00–20:00', location: { description: '东门外快递架' } },
    { name: '3栋存放点', buildingName: '3栋' },
  ],
};
const empty = { type: 'FeatureCollection', features: [] };
const none = () => Response.json({ type: '/problems/not-found', title: 'Not found', status: 404 }, { status: 404, headers: { 'content-type': 'application/problem+json' } });
const listed: CompoundProps = {
  id: 'c_1', name: '桂花新村', status: 'closed', communityId: 'cm1', streetId: 's1', propertyManaged: true, areaM2: 1000, unassigned: false, gridIds: [],
};

const answers = (dropOff: PublicDropOffPoints) => (call: Call): unknown => {
  const path = new URL(call.path, 'http://x').pathname;
  if (path.endsWith('/drop-off-points')) return dropOff;
  if (path.endsWith('/cases')) return { compound, today: '2026-11-23', todayCounts: { confirmed: 0, suspected: 0, asymptomatic: 0 }, days: [] };
  if (path.endsWith('/disinfection-log')) return { compound, date: '2026-11-23', today: '2026-11-23', requiredRounds: 0, completedRounds: 0, rounds: [] };
  if (path.endsWith('/buildings') || path.endsWith('/exits')) return empty;
  return none();
};

const rowTexts = () => page.getByTestId('drop-off-points').getByRole('listitem').elements().map((li) => li.textContent ?? '');

afterEach(async () => {
  document.body.replaceChildren();
  await changeLanguage('zh-CN');
});

describe('the resident page', () => {
  it('lists each drop-off point with its place, hours and building, from the public route', async () => {
    const { calls } = mountResidentPage('c_1', answers(points));
    await expect.element(page.getByRole('heading', { name: '物品指定存放点' })).toBeVisible();
    await expect.poll(() => rowTexts().length).toBe(2);
    expect(rowTexts()[0]).toContain('东门物品存放点');
    expect(rowTexts()[0]).toContain('位置：东门外快递架');
    expect(rowTexts()[0]).toContain('开放时间：08:00–20:00');
    expect(rowTexts()[1]).toContain('服务 3栋');
    expect(calls.some((c) => c.path === '/public/compounds/c_1/drop-off-points')).toBe(true);
  });

  it('speaks English when asked', async () => {
    await changeLanguage('en');
    mountResidentPage('c_1', answers(points));
    await expect.poll(() => rowTexts().length).toBe(2);
    expect(rowTexts()[0]).toContain('Hours: 08:00–20:00');
    expect(rowTexts()[1]).toContain('For 3栋');
  });

  it('says when the compound has none', async () => {
    mountResidentPage('c_1', answers({ compound, items: [] }));
    await expect.element(page.getByText('暂未设置物品存放点。')).toBeVisible();
  });
});

describe('the compound panel', () => {
  it('lists the compound\'s drop-off points', async () => {
    renderWithServices(
      <CompoundPanel compound={listed} role="city" communityName="王府社区" campaignId={undefined} coverage={undefined}
        onClose={() => undefined} onStatusChange={() => undefined} onLaunched={() => undefined} />,
      answers(points),
    );
    await expect.element(page.getByRole('heading', { name: '物品指定存放点' })).toBeVisible();
    await expect.poll(() => rowTexts().length).toBe(2);
    expect(rowTexts()[0]).toContain('东门外快递架');
  });
});

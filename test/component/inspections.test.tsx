/**
 * Inspections in real Chromium against a scripted API: the scorecard panel shows each of the six
 * items in place or not with its evidence; the inspection form asks a finding of each item not in
 * place, refuses a photo of another type before sending anything, picks the responsible person
 * from the responsibility list and sends the six items; the list records a rectification only
 * with what was done; the accountability list names people.
 */
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { AccountabilityPanel } from '#web/src/inspections/AccountabilityPanel.tsx';
import { InspectionForm } from '#web/src/inspections/InspectionForm.tsx';
import { InspectionList } from '#web/src/inspections/InspectionList.tsx';
import { ScorecardPanel } from '#web/src/inspections/ScorecardPanel.tsx';
import type { Inspection } from '#shared/schemas/inspection.ts';
import { renderWithServices, type Call } from './render.tsx';

const LIST = {
  streetLeader: { name: '李街道', phone: '138****0001' },
  communityLeader: { name: '王社区', phone: '138****0002' },
  responsiblePerson: { name: '张责任', phone: '138****0003' },
  updatedAt: '2026-12-01T00:00:00.000Z', updatedBy: 'cm',
};
const notFound = () => Response.json({ status: 404, title: 'Not found', type: '/problems/not-found' }, { status: 404 });

describe('the scorecard panel', () => {
  it('shows each item in place or not, with its evidence', async () => {
    const items = ['checkpoint', 'duty', 'registration', 'notices', 'screening', 'disinfection'].map((key, i) => ({
      key, inPlace: i !== 3, evidence: i === 3 ? '门口公示未张贴或未确认；责任体系已公示完整' : `证据${i}`, facts: {},
    }));
    const answer = (call: Call) => (call.path.startsWith('/v1/compounds/c1/scorecard')
      ? { compoundId: 'c1', compoundName: '阳光花园', date: '2026-12-07', inPlace: 5, items }
      : notFound());
    const { screen } = renderWithServices(<ScorecardPanel compoundId="c1" compoundName="阳光花园" />, answer);
    await screen;
    await expect.element(page.getByRole('heading', { name: '阳光花园 今日“六个到位”' })).toBeVisible();
    await expect.element(page.getByText('2026-12-07：5/6 项到位')).toBeVisible();
    const notices = page.getByRole('listitem').filter({ hasText: '信息公示到位' });
    await expect.element(notices.getByText('未到位')).toBeVisible();
    await expect.element(notices.getByText('门口公示未张贴或未确认；责任体系已公示完整')).toBeVisible();
  });
});

describe('the inspection form', () => {
  it('asks a finding for an item not in place, refuses a GIF, and sends the six items with the responsible person', async () => {
    let done = 0;
    const answer = (call: Call) => {
      if (call.method === 'GET' && call.path === '/v1/compounds/c1/responsibility') return LIST;
      if (call.method === 'POST' && call.path === '/v1/inspections') return Response.json({ id: 'in_1' }, { status: 201 });
      return notFound();
    };
    const { calls, screen } = renderWithServices(
      <InspectionForm compoundId="c1" compoundName="阳光花园" onDone={() => { done += 1; }} onCancel={() => undefined} />, answer);
    await screen;
    const notices = page.getByRole('group', { name: '信息公示到位' });
    await userEvent.click(notices.getByRole('radio', { name: '未到位' }));
    await userEvent.click(page.getByRole('button', { name: '提交检查记录' }));
    await expect.element(page.getByText('请填写发现的问题。')).toBeVisible();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    const gif = new File([new Uint8Array([71, 73, 70])], 'x.gif', { type: 'image/gif' });
    await userEvent.upload(page.getByLabelText(/现场照片/), gif);
    await expect.element(page.getByText('“x.gif”不是 JPEG、PNG 或 WebP 图片。')).toBeVisible();
    expect(calls.some((c) => c.path === '/v1/inspections/uploads')).toBe(false);
    await expect.element(page.getByLabelText(/现场照片/)).toHaveAttribute('capture', 'environment');

    await userEvent.fill(notices.getByRole('textbox', { name: '发现的问题' }), '门口未张贴公示');
    await userEvent.selectOptions(page.getByRole('combobox', { name: '责任人（责任体系名单）' }), '张责任');
    await userEvent.click(page.getByRole('button', { name: '提交检查记录' }));
    await expect.poll(() => done).toBe(1);
    const sent = calls.filter((c) => c.method === 'POST' && c.path === '/v1/inspections');
    expect(sent).toHaveLength(1);
    const body = sent[0]?.body as { items: { key: string; ok: boolean; finding?: string }[]; responsible: string };
    expect(body.items.map((i) => i.key)).toEqual(['checkpoint', 'duty', 'registration', 'notices', 'screening', 'disinfection']);
    expect(body.items.find((i) => i.key === 'notices')).toEqual({ key: 'notices', ok: false, finding: '门口未张贴公示' });
    expect(body.responsible).toBe('张责任');
  });
});

describe('the list and accountability', () => {
  const inspection: Inspection = {
    id: 'in_1', compoundId: 'c1', compoundName: '阳光花园', communityId: 'cm1', streetId: 's1', photos: ['inspections/ab.jpg'],
    items: [{ key: 'notices', ok: false, finding: '门口未张贴公示' }], responsible: '张责任', status: 'overdue',
    inspectedAt: '2026-12-06T02:00:00.000Z', inspectedBy: 'official-s1', inspectorName: '街道督查', deadline: '2026-12-07T00:00:00.000Z',
  };

  it('records a rectification only with what was done', async () => {
    let changed = 0;
    const answer = (call: Call) => {
      if (call.method === 'GET' && call.path.startsWith('/v1/inspections')) return { items: [inspection] };
      if (call.method === 'POST' && call.path === '/v1/inspections/in_1/rectify') return { ...inspection, status: 'rectified', rectifyNote: (call.body as { note: string }).note };
      return notFound();
    };
    const { calls, screen } = renderWithServices(<InspectionList role="community" compoundId="c1" onChanged={() => { changed += 1; }} />, answer);
    await screen;
    const row = page.getByRole('listitem').filter({ hasText: '逾期未整改' });
    await expect.element(row.getByText('信息公示到位：门口未张贴公示')).toBeVisible();
    await expect.element(row.getByText(/检查人：街道督查/)).toBeVisible();
    await userEvent.click(row.getByRole('button', { name: '记录整改' }));
    await userEvent.click(page.getByRole('button', { name: '提交整改' }));
    await expect.element(page.getByText('请说明整改情况。')).toBeVisible();
    await userEvent.fill(page.getByRole('textbox', { name: '整改情况' }), '已张贴');
    await userEvent.click(page.getByRole('button', { name: '提交整改' }));
    await expect.poll(() => changed).toBe(1);
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ note: '已张贴' }]);
  });

  it('names each responsible person with their open findings', async () => {
    const answer = (call: Call) => (call.path.startsWith('/v1/accountability')
      ? { items: [{ name: '张责任', roles: ['responsiblePerson'], compounds: [{ id: 'c1', name: '阳光花园' }], openFindings: 2, overdueFindings: 1, missedDuties: 3, findings: [], missed: [] }] }
      : notFound());
    const { screen } = renderWithServices(<AccountabilityPanel />, answer);
    await screen;
    const row = page.getByRole('row').filter({ hasText: '张责任' });
    await expect.element(row).toHaveTextContent('张责任（小区责任人）阳光花园213');
  });
});

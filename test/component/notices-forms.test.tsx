/**
 * The gate notice's forms in real Chromium against a scripted API: a case report per building
 * (the existing POST /v1/cases), the responsibility list and the hotlines (a 400 said beside the
 * line and field it names, in the API's words; an empty field said by the form before any call),
 * confirming the notice posted; and the resident page's responsibility list and hotlines as
 * tap-to-call links.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { chinaDay } from '#shared/domain/china-time.ts';
import type { Hotlines, NoticePosting, PublicNotice } from '#shared/schemas/notice.ts';
import type { Responsibility } from '#shared/schemas/sealing.ts';
import { changeLanguage } from '#web/src/i18n.ts';
import { CaseReportForm } from '#web/src/notices/CaseReportForm.tsx';
import { HotlinesForm } from '#web/src/notices/HotlinesForm.tsx';
import { NoticePosted } from '#web/src/notices/NoticePosted.tsx';
import { ResponsibilityForm } from '#web/src/notices/ResponsibilityForm.tsx';
import { mountResidentPage } from './mount-resident.ts';
import { renderWithServices, type Call } from './render.tsx';

const problem = (status: number, body: object) =>
  Response.json({ type: '/problems/validation', title: 'Invalid request', status, ...body }, { status, headers: { 'content-type': 'application/problem+json' } });
const buildings = [{ id: 'b_1', name: '1栋' }, { id: 'b_2', name: '2栋' }];
const list: Responsibility = {
  streetLeader: { name: '李街道', phone: '13800000001' },
  communityLeader: { name: '王社区', phone: '13800000002' },
  responsiblePerson: { name: '赵小区', phone: '13800000003' },
  updatedAt: '2026-11-23T00:00:00.000Z', updatedBy: 'community-test',
};
const writes = (calls: readonly Call[]) => calls.filter((c) => c.method !== 'GET');

afterEach(async () => {
  document.body.replaceChildren();
  await changeLanguage('zh-CN');
});

describe('the case report form', () => {
  it('reports a building\'s cases of today and says what was reported', async () => {
    const { calls } = renderWithServices(<CaseReportForm compoundId="c_1" buildings={buildings} />, (call) =>
      Response.json({ id: 'k1', ...(call.body as object), reportedAt: '2026-11-23T02:00:00.000Z', reportedBy: 'community-test' }, { status: 201 }));
    // Nothing chosen: the form says so and asks nothing of the API.
    await userEvent.click(page.getByRole('button', { name: '上报病例' }));
    await expect.element(page.getByText('请选择楼栋。').first()).toBeVisible();
    expect(calls).toEqual([]);

    await userEvent.selectOptions(page.getByLabelText('楼栋'), 'b_2');
    await userEvent.selectOptions(page.getByLabelText('类别'), 'suspected');
    await userEvent.fill(page.getByLabelText('人数'), '3');
    await userEvent.click(page.getByRole('button', { name: '上报病例' }));
    const today = chinaDay(new Date().toISOString());
    await expect.element(page.getByRole('status')).toHaveTextContent(`已上报：2栋，${today}，疑似 3 例。`);
    expect(writes(calls)).toEqual([{ method: 'POST', path: '/v1/cases', body: { compoundId: 'c_1', buildingId: 'b_2', date: today, kind: 'suspected', count: 3 } }]);
  });
});

describe('the responsibility list form', () => {
  it('starts from the list as posted and saves it whole', async () => {
    const { calls } = renderWithServices(<ResponsibilityForm compoundId="c_1" current={list} />, (call) => ({ ...list, ...(call.body as object) }));
    const leaders = page.getByRole('group', { name: '社区负责人' });
    await expect.element(leaders.getByLabelText('姓名')).toHaveValue('王社区');
    await userEvent.fill(leaders.getByLabelText('电话'), '13900000002');
    await userEvent.click(page.getByRole('button', { name: '保存责任清单' }));
    await expect.element(page.getByRole('status')).toHaveTextContent('已保存。');
    expect(writes(calls)).toEqual([{
      method: 'PUT', path: '/v1/compounds/c_1/responsibility',
      body: { streetLeader: list.streetLeader, communityLeader: { name: '王社区', phone: '13900000002' }, responsiblePerson: list.responsiblePerson },
    }]);
  });

  it('says a missing name before any call, and the API\'s refusal beside the phone it names', async () => {
    const { calls } = renderWithServices(<ResponsibilityForm compoundId="c_1" current={null} />, () =>
      problem(400, { detail: 'body.responsiblePerson.phone: must be a phone number', errors: [{ field: 'body.responsiblePerson.phone', message: '不是有效的电话号码' }] }));
    await userEvent.click(page.getByRole('button', { name: '保存责任清单' }));
    await expect.element(page.getByText('请填写街道包保领导的姓名。').first()).toBeVisible();
    expect(calls).toEqual([]);

    for (const [role, name, phone] of [['街道包保领导', '李街道', '13800000001'], ['社区负责人', '王社区', '13800000002'], ['小区责任人', '赵小区', 'abc12']]) {
      const group = page.getByRole('group', { name: role });
      await userEvent.fill(group.getByLabelText('姓名'), name ?? '');
      await userEvent.fill(group.getByLabelText('电话'), phone ?? '');
    }
    await userEvent.click(page.getByRole('button', { name: '保存责任清单' }));
    const phone = page.getByRole('group', { name: '小区责任人' }).getByLabelText('电话');
    await expect.element(phone).toHaveAttribute('aria-invalid', 'true');
    await expect.element(phone).toHaveAccessibleDescription('不是有效的电话号码');
    expect(writes(calls)).toHaveLength(1);
  });
});

describe('the hotlines form', () => {
  const none: Hotlines = { compoundId: 'c_1', hotlines: [] };

  it('offers the usual lines to a compound without any, and saves the filled ones in order', async () => {
    const { calls } = renderWithServices(<HotlinesForm compoundId="c_1" current={none} />, (call) => ({ compoundId: 'c_1', ...(call.body as object) }));
    const line = (n: number) => page.getByRole('listitem', { name: `第 ${n} 行` });
    await expect.element(line(1).getByLabelText('名称')).toHaveValue('社区办公室');
    await expect.element(line(2).getByLabelText('名称')).toHaveValue('物业');
    await expect.element(line(3).getByLabelText('名称')).toHaveValue('防疫热线');
    await userEvent.fill(line(1).getByLabelText('电话'), '0724-4221234');
    await userEvent.fill(line(3).getByLabelText('电话'), '12345');
    // The property line is not posted: removed.
    await userEvent.click(page.getByRole('button', { name: '删除第 2 行' }));
    await userEvent.click(page.getByRole('button', { name: '添加一行' }));
    await userEvent.fill(line(3).getByLabelText('名称'), '物业值班');
    await userEvent.fill(line(3).getByLabelText('电话'), '13912345678');
    await userEvent.click(page.getByRole('button', { name: '保存联系电话' }));
    await expect.element(page.getByRole('status')).toHaveTextContent('已保存。');
    expect(writes(calls)).toEqual([{
      method: 'PUT', path: '/v1/compounds/c_1/hotlines',
      body: { hotlines: [{ label: '社区办公室', phone: '0724-4221234' }, { label: '防疫热线', phone: '12345' }, { label: '物业值班', phone: '13912345678' }] },
    }]);
  });

  it('says the API\'s refusal beside the line and field it names', async () => {
    const current: Hotlines = { compoundId: 'c_1', hotlines: [{ label: '社区办公室', phone: '0724-4221234' }, { label: '物业', phone: '13912345678' }] };
    const { calls } = renderWithServices(<HotlinesForm compoundId="c_1" current={current} />, () =>
      problem(400, { detail: 'body.hotlines.1.phone: must be a phone number', errors: [{ field: 'body.hotlines.1.phone', message: '请填写有效的电话号码' }] }));
    const second = page.getByRole('listitem', { name: '第 2 行' });
    await userEvent.fill(second.getByLabelText('电话'), '找物业');
    await userEvent.click(page.getByRole('button', { name: '保存联系电话' }));
    await expect.element(second.getByLabelText('电话')).toHaveAttribute('aria-invalid', 'true');
    await expect.element(second.getByLabelText('电话')).toHaveAccessibleDescription('请填写有效的电话号码');
    expect(page.getByRole('listitem', { name: '第 1 行' }).getByLabelText('电话').element().getAttribute('aria-invalid')).toBeNull();
    expect(writes(calls)).toHaveLength(1);
    expect(page.getByRole('status').elements()).toHaveLength(0);
  });

  it('says a half-filled line before any call', async () => {
    const { calls } = renderWithServices(<HotlinesForm compoundId="c_1" current={none} />, () => ({}));
    await userEvent.fill(page.getByRole('listitem', { name: '第 1 行' }).getByLabelText('电话'), '12345');
    await userEvent.fill(page.getByRole('listitem', { name: '第 2 行' }).getByLabelText('名称'), '');
    await userEvent.fill(page.getByRole('listitem', { name: '第 2 行' }).getByLabelText('电话'), '13912345678');
    await userEvent.click(page.getByRole('button', { name: '保存联系电话' }));
    await expect.element(page.getByText('请填写第 2 行的名称。').first()).toBeVisible();
    expect(writes(calls)).toEqual([]);
  });
});

describe('confirming the notice posted', () => {
  it('records the posting and lists today\'s records by name', async () => {
    const postings: NoticePosting[] = [];
    const { calls } = renderWithServices(<NoticePosted compoundId="c_1" />, (call) => {
      if (call.method === 'POST') {
        const posting: NoticePosting = { compoundId: 'c_1', date: '2026-11-23', how: 'posted', at: '2026-11-23T02:30:00.000Z', by: 'community-test', byName: '测试社区' };
        postings.push(posting);
        return Response.json(posting, { status: 201 });
      }
      return { compoundId: 'c_1', date: '2026-11-23', items: postings };
    });
    await expect.element(page.getByTestId('notice-postings-none')).toBeVisible();
    expect(page.getByRole('link', { name: '打印门口公示' }).element().getAttribute('href')).toBe('/notices/print?compound=c_1');
    await userEvent.click(page.getByRole('button', { name: '确认已张贴' }));
    await expect.element(page.getByTestId('notice-postings')).toHaveTextContent('10:30 测试社区 确认张贴');
    expect(writes(calls)).toEqual([{ method: 'POST', path: '/v1/compounds/c_1/notice/posted', body: { how: 'posted' } }]);
    expect(page.getByTestId('notice-postings').element().textContent).not.toContain('community-test');
  });
});

describe('the resident page\'s notice', () => {
  const compound = { id: 'c_a', name: '阳光花园', status: 'closed' as const };
  const notice: PublicNotice = {
    compound,
    responsibility: [
      { role: 'streetLeader', name: '李街道', phone: '138 0000 0001' },
      { role: 'communityLeader', name: '王社区', phone: '13800000002' },
      { role: 'responsiblePerson', name: '赵小区', phone: '13800000003' },
    ],
    hotlines: [{ label: '社区办公室', phone: '0724-4221234' }],
    dropOffPoints: [],
    casesToday: { day: '2026-11-23', confirmed: 0, suspected: 0, asymptomatic: 0 },
  };
  const answer = (call: Call): unknown => {
    if (call.path.endsWith('/notice')) return notice;
    if (call.path.endsWith('/drop-off-points')) return { compound, items: [] };
    if (call.path.endsWith('/cases')) return { compound, today: '2026-11-23', todayCounts: { confirmed: 0, suspected: 0, asymptomatic: 0 }, days: [] };
    return { compound, date: '2026-11-23', today: '2026-11-23', requiredRounds: 0, completedRounds: 0, rounds: [] };
  };

  it('shows the responsibility list and the compound\'s hotlines as tap-to-call links, before the public ones', async () => {
    mountResidentPage('c_a', answer);
    const people = page.getByTestId('responsibility');
    await expect.poll(() => people.elements()[0]?.textContent ?? '').toContain('街道包保领导');
    expect(people.element().textContent).toContain('李街道');
    expect(page.getByRole('link', { name: '138 0000 0001' }).element().getAttribute('href')).toBe('tel:13800000001');
    expect(page.getByRole('link', { name: '13800000003' }).element().getAttribute('href')).toBe('tel:13800000003');
    const lines = page.getByTestId('hotlines').getByRole('link').elements().map((a) => a.getAttribute('href'));
    expect(lines).toEqual(['tel:07244221234', 'tel:110', 'tel:120', 'tel:12315']);
    expect(page.getByTestId('hotlines').element().textContent).toContain('社区办公室');
  });
});

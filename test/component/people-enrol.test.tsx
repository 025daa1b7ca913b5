/**
 * Enrolment in real Chromium against a scripted API: the enrol form sends the contract body of
 * POST /v1/people (household from compound → building → room, category, reason, the cadre of a
 * vulnerable resident) and shows the report link's QR code the API answers; after a sweep visit
 * that flags a returnee, the prompt opens the form prefilled with the household, the category,
 * a reason from the flags and the visit it comes from.
 */
import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { PersonCreate } from '#shared/schemas/person.ts';
import type { VisitCreate } from '#shared/schemas/visit.ts';
import { EnrolForm } from '#web/src/people/EnrolForm.tsx';
import { categoryOfVisit, EnrolPrompt } from '#web/src/people/EnrolPrompt.tsx';
import '#web/src/styles/tasks.css';
import '#web/src/styles/people.css';
import { communityUser, gridUser, peopleApi } from './people-fixtures.ts';
import { renderWithServices, signInWith } from './render.tsx';
import { unsignedToken } from './tokens.ts';

describe('the enrol form', () => {
  it('sends the contract body, then shows the report link\'s QR code', async () => {
    const api = peopleApi([]);
    const onDone = vi.fn();
    const rendered = renderWithServices(<EnrolForm role="community" onDone={onDone} onCancel={() => undefined} />, (call) => api.answer(call));
    signInWith(rendered.services, unsignedToken(communityUser));
    await rendered.screen;

    // Nothing is sent until the musts are there, each said beside its field.
    await userEvent.click(page.getByRole('button', { name: '登记', exact: true }));
    await expect.element(page.getByText('请填写姓名')).toBeVisible();
    await expect.element(page.getByLabelText('姓名')).toHaveAccessibleDescription('请填写姓名');
    expect(api.enrolled).toHaveLength(0);

    await userEvent.fill(page.getByLabelText('姓名'), '张三');
    await userEvent.fill(page.getByLabelText('电话（可选）'), '13800001234');
    await userEvent.selectOptions(page.getByRole('combobox', { name: '类别' }), 'close_contact');
    await userEvent.fill(page.getByLabelText('登记原因'), '与确诊病例同乘');
    await userEvent.selectOptions(page.getByRole('combobox', { name: '小区' }), 'c1');
    await userEvent.selectOptions(page.getByRole('combobox', { name: '楼栋' }), 'b1');
    await userEvent.selectOptions(page.getByRole('combobox', { name: '房号' }), '2-5-502');
    await userEvent.fill(page.getByLabelText('观察开始日期（默认今天）'), '2026-12-05');
    await userEvent.click(page.getByRole('button', { name: '登记', exact: true }));

    await expect.element(page.getByRole('img', { name: '张三 的健康报告二维码' })).toBeVisible();
    expect(api.enrolled).toEqual([{
      name: '张三', phone: '13800001234', compoundId: 'c1', buildingId: 'b1', room: '2单元502', householdId: '2-5-502',
      category: 'close_contact', reason: '与确诊病例同乘', startDate: '2026-12-05',
    }]);
    // What the form sends, the API's own schema takes.
    expect(PersonCreate.safeParse(api.enrolled[0]).success).toBe(true);
    await userEvent.click(page.getByRole('button', { name: '查看人员详情' }));
    expect(onDone).toHaveBeenCalledWith({ id: 'p-new', status: 'under_observation', reportToken: 'tok-new.123' });
  });

  it('asks for the cadre of a vulnerable resident, chosen by name', async () => {
    const api = peopleApi([]);
    const rendered = renderWithServices(<EnrolForm role="community" prefill={{ compoundId: 'c1', buildingId: 'b1' }} onDone={() => undefined} onCancel={() => undefined} />, (call) => api.answer(call));
    signInWith(rendered.services, unsignedToken(communityUser));
    await rendered.screen;
    await userEvent.fill(page.getByLabelText('姓名'), '钱大爷');
    await userEvent.selectOptions(page.getByRole('combobox', { name: '类别' }), 'vulnerable');
    await userEvent.fill(page.getByLabelText('登记原因'), '独居老人');
    await expect.element(page.getByRole('option', { name: '王干部' })).toBeInTheDocument();
    await userEvent.click(page.getByRole('button', { name: '登记', exact: true }));
    await expect.element(page.getByText('困难群众须选择结对干部')).toBeVisible();
    expect(api.enrolled).toHaveLength(0);
    await userEvent.selectOptions(page.getByRole('combobox', { name: '结对干部' }), 'cadre-1');
    await userEvent.click(page.getByRole('button', { name: '登记', exact: true }));
    await expect.poll(() => api.enrolled).toEqual([{ name: '钱大爷', compoundId: 'c1', buildingId: 'b1', category: 'vulnerable', reason: '独居老人', pairedWith: 'cadre-1' }]);
  });
});

describe('the visit form\'s prompt', () => {
  const visit: VisitCreate = {
    visitId: 'visit-123', householdId: '1-3-302', outcome: 'seen_all', peopleSeen: 2, symptoms: [],
    flags: [{ type: 'returnee', origin: '武汉', date: '2026-12-05' }],
  };

  it('suggests a category from the flags, and nothing for a quiet visit', () => {
    expect(categoryOfVisit(visit)).toBe('returnee');
    expect(categoryOfVisit({ flags: [], symptoms: ['cough'] })).toBe('home_quarantine');
    expect(categoryOfVisit({ flags: [{ type: 'four_categories', category: 'close_contact' }], symptoms: [] })).toBe('close_contact');
    expect(categoryOfVisit({ flags: [{ type: 'tenant' }], symptoms: [] })).toBeUndefined();
  });

  it('opens the enrol form prefilled with the household, category, reason and visit', async () => {
    const api = peopleApi([]);
    const rendered = renderWithServices(<EnrolPrompt visit={visit} compoundId="c1" buildingId="b1" />, (call) => api.answer(call));
    signInWith(rendered.services, unsignedToken(gridUser));
    await rendered.screen;
    await expect.element(page.getByText(/本户有需跟进的人员，登记为重点人员？/)).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: '登记为重点人员' }));
    await expect.element(page.getByRole('heading', { name: '登记重点人员' })).toHaveFocus();
    await expect.element(page.getByRole('combobox', { name: '类别' })).toHaveValue('returnee');
    await expect.element(page.getByLabelText('登记原因')).toHaveValue('自武汉返回（2026-12-05）');
    await expect.element(page.getByRole('combobox', { name: '房号' })).toHaveValue('1-3-302');
    await expect.element(page.getByText('本次登记来自入户走访。')).toBeVisible();
    await userEvent.fill(page.getByLabelText('姓名'), '李四');
    await userEvent.click(page.getByRole('button', { name: '登记', exact: true }));
    await expect.element(page.getByRole('img', { name: '李四 的健康报告二维码' })).toBeVisible();
    expect(api.enrolled).toEqual([{
      name: '李四', compoundId: 'c1', buildingId: 'b1', room: '1单元302', householdId: '1-3-302',
      category: 'returnee', reason: '自武汉返回（2026-12-05）', visitId: 'visit-123',
    }]);
    await userEvent.click(page.getByRole('button', { name: '查看人员详情' }));
    await expect.element(page.getByRole('status')).toHaveTextContent('已登记为重点人员。');
  });

  it('is not offered to a role that may not enrol', async () => {
    const api = peopleApi([]);
    const rendered = renderWithServices(<EnrolPrompt visit={visit} compoundId="c1" buildingId="b1" />, (call) => api.answer(call));
    signInWith(rendered.services, unsignedToken({ username: 'disinf-1', role: 'disinfection', jurisdiction: { compoundIds: ['c1'] } }));
    await rendered.screen;
    expect(document.querySelector('.enrol-prompt')).toBeNull();
  });
});

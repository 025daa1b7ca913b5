/**
 * The visit form in real Chromium: a visit in a few taps, the count and symptoms following the
 * outcome, flags with their details, the rules the API applies checked before anything is
 * queued, and the keyboard alone enough to record one.
 */
import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { VisitCreate } from '#shared/schemas/visit.ts';
import { VisitForm } from '#web/src/tasks/VisitForm.tsx';
import '#web/src/styles/tasks.css';

function renderForm() {
  const onSave = vi.fn<(visit: VisitCreate) => void>();
  const onCancel = vi.fn();
  let n = 0;
  const screen = render(
    <VisitForm householdId="1-3-302" householdLabel="1 单元 302 室" onSave={onSave} onCancel={onCancel} newVisitId={() => `v-${++n}`} />,
  );
  return { screen, onSave, onCancel };
}

describe('VisitForm', () => {
  it('records "saw everyone" with a count, a symptom and a flag in a few taps', async () => {
    const { onSave } = renderForm();
    await expect.element(page.getByRole('heading', { name: '走访登记：1 单元 302 室' })).toHaveFocus();
    await userEvent.click(page.getByRole('radio', { name: '见到全部' }));
    // The count starts at one person for a visit that met people.
    await expect.element(page.getByRole('spinbutton', { name: '见到人数' })).toHaveValue(1);
    await userEvent.click(page.getByRole('button', { name: '增加一人' }));
    await userEvent.click(page.getByRole('button', { name: '增加一人' }));
    await userEvent.click(page.getByRole('checkbox', { name: '发热' }));
    await userEvent.click(page.getByRole('checkbox', { name: '居家健康观察' }));
    await userEvent.click(page.getByRole('button', { name: '保存' }));

    expect(onSave).toHaveBeenCalledTimes(1);
    const visit = onSave.mock.calls[0]?.[0];
    expect(VisitCreate.parse(visit)).toEqual(visit);
    expect(visit).toEqual({
      visitId: 'v-1', householdId: '1-3-302', outcome: 'seen_all', peopleSeen: 3,
      symptoms: ['fever'], flags: [{ type: 'home_observation' }],
    });
  });

  it('sets nobody and no symptoms for no answer, and locks both', async () => {
    const { onSave } = renderForm();
    await userEvent.click(page.getByRole('radio', { name: '见到部分' }));
    await userEvent.click(page.getByRole('checkbox', { name: '咳嗽' }));
    await userEvent.click(page.getByRole('radio', { name: '无人应答' }));
    await expect.element(page.getByRole('spinbutton', { name: '见到人数' })).toHaveValue(0);
    await expect.element(page.getByRole('spinbutton', { name: '见到人数' })).toBeDisabled();
    await expect.element(page.getByRole('checkbox', { name: '咳嗽' })).not.toBeChecked();
    await expect.element(page.getByRole('checkbox', { name: '咳嗽' })).toBeDisabled();
    await expect.element(page.getByText('无人见面时不登记症状。')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: '保存' }));
    expect(onSave.mock.calls[0]?.[0]).toMatchObject({ outcome: 'no_answer', peopleSeen: 0, symptoms: [] });
  });

  it('asks for an outcome, and for where a returnee came from, before saving', async () => {
    const { onSave } = renderForm();
    await userEvent.click(page.getByRole('button', { name: '保存' }));
    await expect.element(page.getByRole('alert')).toMatchTextContent('请选择走访结果');
    expect(onSave).not.toHaveBeenCalled();

    await userEvent.click(page.getByRole('radio', { name: '见到全部' }));
    await userEvent.click(page.getByRole('checkbox', { name: '返乡人员' }));
    await userEvent.click(page.getByRole('button', { name: '保存' }));
    await expect.element(page.getByRole('alert')).toMatchTextContent('请填写从何地返回');
    await expect.element(page.getByRole('textbox', { name: '从何地返回' })).toHaveAttribute('aria-invalid', 'true');
    expect(onSave).not.toHaveBeenCalled();

    await userEvent.fill(page.getByRole('textbox', { name: '从何地返回' }), '武汉');
    await userEvent.click(page.getByRole('checkbox', { name: '四类人员' }));
    await userEvent.selectOptions(page.getByRole('combobox', { name: '类别' }), 'suspected');
    await userEvent.fill(page.getByRole('textbox', { name: '备注（可选）' }), '  二楼东户  ');
    await userEvent.click(page.getByRole('button', { name: '保存' }));
    const visit = onSave.mock.calls[0]?.[0];
    expect(visit?.flags).toEqual([
      { type: 'returnee', origin: '武汉', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      { type: 'four_categories', category: 'suspected' },
    ]);
    expect(visit?.note).toBe('二楼东户');
  });

  it('says each problem beside its field too, tied to it for screen readers (aria-describedby)', async () => {
    renderForm();
    await userEvent.click(page.getByRole('button', { name: '保存' }));
    const outcomes = page.getByRole('group', { name: '走访结果' });
    await expect.element(outcomes).toHaveAccessibleDescription('请选择走访结果');
    await expect.element(outcomes.getByText('请选择走访结果')).toBeVisible();

    await userEvent.click(page.getByRole('radio', { name: '见到全部' }));
    await userEvent.click(page.getByRole('checkbox', { name: '返乡人员' }));
    await userEvent.click(page.getByRole('button', { name: '保存' }));
    const origin = page.getByRole('textbox', { name: '从何地返回' });
    await expect.element(origin).toHaveAccessibleDescription('请填写从何地返回');
    // Beside the field: the message follows the field itself, not only the summary at the top.
    const beside = origin.element().nextElementSibling;
    expect(beside?.textContent).toBe('请填写从何地返回');
    await expect.element(outcomes).not.toHaveAttribute('aria-describedby');
  });

  it('never lets a visit that met people count nobody', async () => {
    renderForm();
    await userEvent.click(page.getByRole('radio', { name: '见到部分' }));
    await userEvent.click(page.getByRole('button', { name: '减少一人' }));
    await expect.element(page.getByRole('spinbutton', { name: '见到人数' })).toHaveValue(1);
  });

  it('can be filled and saved with the keyboard alone', async () => {
    const { onSave, onCancel } = renderForm();
    await expect.element(page.getByRole('heading', { level: 2 })).toHaveFocus();
    await userEvent.tab(); // the first outcome radio
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}'); // 拒绝
    await expect.element(page.getByRole('radio', { name: '拒绝' })).toBeChecked();
    page.getByRole('button', { name: '保存' }).element().focus();
    await userEvent.keyboard('{Enter}');
    expect(onSave.mock.calls[0]?.[0]).toMatchObject({ outcome: 'refused', peopleSeen: 0 });
    page.getByRole('button', { name: '取消' }).element().focus();
    await userEvent.keyboard('{Enter}');
    expect(onCancel).toHaveBeenCalled();
  });
});

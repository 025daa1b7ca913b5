/**
 * The community's register (/people) and its 14-day strip in real Chromium against a scripted
 * API: each slot's state said in words for screen readers and by a mark, not colour alone; the
 * filters sent to the API; "not reported today" kept to those with no report today.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { Register } from '#web/src/people/Register.tsx';
import { SlotStrip } from '#web/src/people/SlotStrip.tsx';
import '#web/src/styles/tasks.css';
import '#web/src/styles/people.css';
import { communityUser, NOW, person, peopleApi, slotsOf, TODAY } from './people-fixtures.ts';
import { renderWithServices, signInWith } from './render.tsx';
import { unsignedToken } from './tokens.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the 14-day strip', () => {
  it('renders a cell per slot with its state in words and a mark, not colour alone', async () => {
    await render(<SlotStrip slots={slotsOf(person('p1'))} start="2026-12-01" today={TODAY} name="张*" />);
    const strip = page.getByRole('list', { name: '张* 的 14 天报告情况' });
    await expect.element(strip).toBeVisible();
    const cells = [...document.querySelectorAll<HTMLElement>('.slot-strip .slot-cell')];
    expect(cells).toHaveLength(28);
    const cell = (date: string, slot: string) => cells.find((c) => c.dataset.date === date && c.dataset.slot === slot);
    // Each state has its own words (read out) and mark (seen), whatever the colour.
    expect(cell('2026-12-01', 'am')?.textContent).toBe('✓12-01 上午：已报告正常，36.5℃');
    expect(cell('2026-12-03', 'am')?.textContent).toBe('!12-03 上午：报告异常，37.8℃');
    expect(cell('2026-12-03', 'pm')?.textContent).toBe('✕12-03 下午：未报告');
    expect(cell(TODAY, 'am')?.textContent).toBe('…12-07 上午：待报告');
    expect(cell('2026-12-10', 'pm')?.textContent).toBe('12-10 下午：未到');
    expect(cell(TODAY, 'am')?.dataset.today).toBe('true');
    // The marks are decoration to a screen reader, which reads the words.
    await expect.element(strip.getByText('12-03 下午：未报告')).toBeInTheDocument();
    expect(cell('2026-12-03', 'pm')?.querySelector('[aria-hidden="true"]')?.textContent).toBe('✕');
    // And the tooltip says the same to a mouse.
    expect(cell('2026-12-03', 'am')?.title).toBe('12-03 上午：报告异常，37.8℃');
  });
});

describe('the community\'s register', () => {
  async function openRegister(api: ReturnType<typeof peopleApi>) {
    const rendered = renderWithServices(<Register />, (call) => api.answer(call));
    signInWith(rendered.services, unsignedToken(communityUser));
    await rendered.screen;
    await expect.element(page.getByRole('heading', { name: '重点人员台账' })).toBeVisible();
    return rendered;
  }

  it('shows each person with their strip, and filters by category and "not reported today"', async () => {
    const api = peopleApi([
      person('p1', { name: '张*' }),
      person('p2', { name: '李*', category: 'close_contact', today: [{ date: TODAY, slot: 'am', status: 'reported_ok' }, { date: TODAY, slot: 'pm', status: 'pending' }] }),
    ]);
    const { calls } = await openRegister(api);
    await expect.element(page.getByRole('list', { name: '张* 的 14 天报告情况' })).toBeVisible();
    await expect.element(page.getByRole('list', { name: '李* 的 14 天报告情况' })).toBeVisible();
    await expect.element(page.getByRole('list', { name: '张* 的 14 天报告情况' }).getByText('12-03 下午：未报告')).toBeInTheDocument();

    await userEvent.click(page.getByRole('checkbox', { name: '今日未报告' }));
    await expect.element(page.getByRole('link', { name: '李*' })).not.toBeInTheDocument();
    await expect.element(page.getByRole('link', { name: '张*' })).toBeVisible();

    await userEvent.selectOptions(page.getByRole('combobox', { name: '类别' }), 'close_contact');
    await expect.element(page.getByText('没有符合条件的人员。')).toBeVisible();
    expect(calls.some((c) => c.path.startsWith('/v1/people?') && c.path.includes('category=close_contact') && c.path.includes('status=under_observation'))).toBe(true);
  });
});

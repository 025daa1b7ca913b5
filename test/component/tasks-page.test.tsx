/**
 * The tasks list and a task's actions in real Chromium, against a scripted API: my tasks and my
 * grid's open tasks apart, a lost claim race (409) said kindly and the list refreshed, a
 * completion refused with the households still missing (409) listed by name, and a
 * disinfection round completed with its areas (a partial round needs a reason).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { claimsFor } from '#shared/claims.ts';
import type { Role } from '#shared/roles.ts';
import type { Task, TaskSummary } from '#shared/schemas/task.ts';
import en from '#web/src/locales/en/tasks.json' with { type: 'json' };
import { OUTBOX_DATABASE, createIndexedDbOutbox } from '#web/src/tasks/outbox.ts';
import { TasksPage } from '#web/src/tasks/TasksPage.tsx';
import { renderWithServices, signInWith, type Call } from './render.tsx';

const b64 = (value: object) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))));
const tokenFor = (username: string, role: Role, jurisdiction: object) =>
  `${b64({ alg: 'none' })}.${b64({ ...claimsFor({ userId: username, username, role, jurisdiction }), exp: Math.floor(Date.now() / 1000) + 3600 })}.x`;

const problem = (status: number, type: string, detail: string, errors?: { field: string; message: string }[]) =>
  Response.json({ type, title: 'Conflict', status, detail, ...(errors ? { errors } : {}) }, { status, headers: { 'content-type': 'application/problem+json' } });

const base = (over: Partial<TaskSummary>): TaskSummary => ({
  id: 'cp1.b1', campaignId: 'cp1', kind: 'sweep', targetId: 'b1', buildingId: 'b1', buildingName: '1栋', compoundId: 'c1',
  compoundName: '南湖里', communityId: 'cm', streetId: 'st', gridId: 'g1', order: 0, location: [112.58, 31.17],
  status: 'open', holder: null, leaseExpiresAt: null, leaseSecondsLeft: null,
  householdsTotal: 2, householdsVisited: 0, peopleSeen: 0, coverage: 0, covered: false, ...over,
});

function open(ui: { token: string; answer: (call: Call) => unknown }) {
  const rendered = renderWithServices(<TasksPage />, ui.answer);
  signInWith(rendered.services, ui.token);
  return rendered;
}


afterEach(async () => {
  window.history.replaceState(null, '', '/');
  // Nothing a test queued is left for the next one.
  const outbox = createIndexedDbOutbox(OUTBOX_DATABASE);
  for (const entry of await outbox.list()) await outbox.remove(entry.id);
});

describe('tasks list', () => {
  it('lists my tasks apart from the open ones, and says kindly when a claim loses the race', async () => {
    let taken = false;
    const mine = base({ id: 'cp1.b0', targetId: 'b0', buildingName: '0栋', status: 'claimed', holder: 'grid-a', leaseSecondsLeft: 90 * 60 });
    const { calls } = open({
      token: tokenFor('grid-a', 'grid', { gridId: 'g1' }),
      answer: (call) => {
        if (call.path.startsWith('/v1/tasks?')) {
          const other = base({ id: 'cp1.b2', targetId: 'b2', buildingName: '2栋' });
          return { items: taken ? [mine, other, base({ status: 'claimed', holder: 'grid-b' })] : [mine, base({}), other] };
        }
        if (call.path === '/v1/tasks/cp1.b1/claim') {
          taken = true;
          return problem(409, '/problems/conflict', 'the task is held by another worker');
        }
        return {};
      },
    });
    const mineSection = page.getByRole('region', { name: '我认领的任务' });
    await expect.element(mineSection.getByRole('heading', { name: '南湖里 0栋' })).toBeVisible();
    await expect.element(mineSection.getByText('剩余 90 分钟')).toBeVisible();
    const openSection = page.getByRole('region', { name: '本网格待认领任务' });
    await expect.element(openSection.getByText('共 2 项')).toBeVisible();

    await userEvent.click(openSection.getByRole('listitem').first().getByRole('button', { name: '认领' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('这项任务刚刚被其他同事认领了，列表已刷新。');
    await expect.element(openSection.getByText('共 1 项')).toBeVisible();
    expect(calls.filter((c) => c.path.startsWith('/v1/tasks?'))).toHaveLength(2);
  });

  it('brings the task just claimed into view under 我的任务 and puts the focus on it', async () => {
    let claimed = false;
    const many = Array.from({ length: 30 }, (_, i) => base({ id: `cp1.b${i + 1}`, targetId: `b${i + 1}`, buildingName: `${i + 1}栋`, order: i }));
    const last = 'cp1.b30';
    open({
      token: tokenFor('grid-a', 'grid', { gridId: 'g1' }),
      answer: (call) => {
        if (call.path.startsWith('/v1/tasks?')) {
          return { items: many.map((task) => (claimed && task.id === last ? { ...task, status: 'claimed', holder: 'grid-a', leaseSecondsLeft: 7200 } : task)) };
        }
        if (call.path === `/v1/tasks/${last}/claim`) {
          claimed = true;
          return { ...many[29], status: 'claimed', holder: 'grid-a', leaseSecondsLeft: 7200 };
        }
        return {};
      },
    });
    const openSection = page.getByRole('region', { name: '本网格待认领任务' });
    const lastCard = openSection.getByRole('listitem').filter({ hasText: '南湖里 30栋' });
    await expect.element(lastCard).toBeVisible();
    lastCard.element().scrollIntoView();
    await userEvent.click(lastCard.getByRole('button', { name: '认领' }));

    const mine = page.getByRole('region', { name: '我认领的任务' }).getByRole('listitem').filter({ hasText: '南湖里 30栋' });
    await expect.element(mine).toHaveFocus();
    await expect.element(mine).toBeInViewport();
    await expect.element(page.getByRole('status').filter({ hasText: '已认领，开始走访吧。' })).toBeInTheDocument();
  });

  it('lists the households still missing when completing is refused', async () => {
    const held = base({ status: 'claimed', holder: 'grid-a', leaseSecondsLeft: 3600 });
    const task: Task = {
      ...held,
      households: [
        { id: '1-1-101', unit: 1, floor: 1, room: '101', outcome: 'seen_all' },
        { id: '1-1-102', unit: 1, floor: 1, room: '102', outcome: 'no_answer' },
      ],
      visits: [],
    };
    open({
      token: tokenFor('grid-a', 'grid', { gridId: 'g1' }),
      answer: (call) => {
        if (call.path.startsWith('/v1/tasks?')) return { items: [held] };
        if (call.path === '/v1/tasks/cp1.b1') return task;
        if (call.path === '/v1/tasks/cp1.b1/complete') {
          return problem(409, '/problems/unaccounted-households', '1 households are not accounted for', [{ field: 'households.1-1-102', message: 'no_answer' }]);
        }
        return {};
      },
    });
    await userEvent.click(page.getByRole('button', { name: '查看 南湖里 1栋' }));
    await expect.element(page.getByText('还有 1 户未走访到位')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: '完成任务' }));
    const alert = page.getByTestId('unaccounted');
    await expect.element(alert).toMatchTextContent('1 单元 102 室 — 无人应答，需再次走访');
  });
});

describe('words', () => {
  it('speaks of rounds, not door-to-door visits, to disinfection staff', async () => {
    const round = base({
      id: 'dr1.c1', campaignId: 'dr1', kind: 'disinfection', targetId: 'c1', buildingId: null, buildingName: null, householdsTotal: 0,
      round: { day: '2026-11-23', slot: '08:00', target: 'public_areas', dueAt: '2026-11-23T04:00:00.000Z', planned: ['corridor'] },
    });
    let claimed = false;
    open({
      token: tokenFor('dis-a', 'disinfection', { compoundIds: ['c1'] }),
      answer: (call) => {
        if (call.path.startsWith('/v1/tasks?')) return { items: [claimed ? { ...round, status: 'claimed', holder: 'dis-a', leaseSecondsLeft: 3600 } : round] };
        if (call.path === '/v1/tasks/dr1.c1/claim') {
          claimed = true;
          return { ...round, status: 'claimed', holder: 'dis-a', leaseSecondsLeft: 3600 };
        }
        return {};
      },
    });
    await expect.element(page.getByRole('region', { name: '待认领消杀任务' })).toBeVisible();
    await expect.element(page.getByRole('button', { name: '按任务顺序' })).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: '认领' }));
    await expect.element(page.getByRole('status').filter({ hasText: '已认领，开始消杀吧。' })).toBeVisible();
    expect(document.querySelector('.tasks-view')?.textContent).not.toMatch(/走访/);
  });

  it('names the button beside a status apart from every status, in English too', () => {
    const statuses = Object.values(en.tasks.card.status);
    expect(statuses).not.toContain(en.tasks.actions.view);
    expect(en.tasks.actions.view).toBe('View');
  });
});

describe('disinfection round', () => {
  it('completes with the areas done, and asks a reason for a partial round', async () => {
    const round = base({
      id: 'dr1.c1', campaignId: 'dr1', kind: 'disinfection', targetId: 'c1', buildingId: null, buildingName: null,
      status: 'claimed', holder: 'dis-a', leaseSecondsLeft: 3600, householdsTotal: 0,
      round: { day: '2026-11-23', slot: '08:00', target: 'public_areas', dueAt: '2026-11-23T04:00:00.000Z', planned: ['corridor', 'elevator', 'garbage_point'] },
    });
    const { calls } = open({
      token: tokenFor('dis-a', 'disinfection', { compoundIds: ['c1'] }),
      answer: (call) => {
        if (call.path.startsWith('/v1/tasks?')) return { items: [round] };
        if (call.path === '/v1/tasks/dr1.c1') return { ...round, households: [], visits: [] };
        if (call.path === '/v1/tasks/dr1.c1/complete') return { ...round, status: 'done' };
        return {};
      },
    });
    await expect.element(page.getByText('08:00 轮 · 公共区域')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: '查看 南湖里' }));
    await expect.element(page.getByRole('checkbox', { name: '楼道' })).toBeChecked();
    expect(page.getByRole('checkbox').elements()).toHaveLength(3);
    await userEvent.click(page.getByRole('checkbox', { name: '电梯' }));
    await userEvent.click(page.getByRole('button', { name: '提交完成' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('有区域未完成时须填写原因。');
    expect(calls.some((c) => c.path.endsWith('/complete'))).toBe(false);

    await userEvent.fill(page.getByRole('textbox', { name: '未完成部分区域的原因' }), '电梯检修停用');
    await userEvent.click(page.getByRole('button', { name: '提交完成' }));
    await expect.element(page.getByText('任务已完成，辛苦了！')).toBeVisible();
    expect(calls.find((c) => c.path.endsWith('/complete'))?.body).toEqual({ areas: ['corridor', 'garbage_point'], reason: '电梯检修停用' });
  });
});

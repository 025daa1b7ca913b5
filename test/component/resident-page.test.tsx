/**
 * The resident page (/c/{id}, web/src/resident/: plain DOM, no React) in real Chromium against a
 * scripted API: the compound, today's counts and the recent days; the day's rounds in words, an
 * earlier day by the date picker, and a log that never contradicts itself; the final layout held
 * while loading; not-found, a failed load with its retry, and the switch to English. Then the gate
 * QR code of the admin panel (React), which prints the page's address.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { encode } from 'uqr';
import type { PublicCases, PublicDisinfectionLog } from '#shared/schemas/public.ts';
import { changeLanguage } from '#web/src/i18n.ts';
import { GateQrCode } from '#web/src/public/GateQrCode.tsx';
import { QR_OPTIONS } from '#web/src/public/qr.ts';
import { compoundIdOfPath, residentPath } from '#web/src/public/resident-path.ts';
import { mountResidentPage } from './mount-resident.ts';
import { renderWithServices, type Call } from './render.tsx';

const compound = { id: 'c_a', name: '阳光花园', status: 'lockdown' as const };
const days = Array.from({ length: 14 }, (_, i) => ({ day: `2026-11-${String(10 + i).padStart(2, '0')}`, confirmed: i === 13 ? 2 : 0, suspected: i === 11 ? 1 : 0, asymptomatic: 0 }));
const cases: PublicCases = { compound, today: '2026-11-23', todayCounts: { confirmed: 2, suspected: 0, asymptomatic: 0 }, days };
const log = (date: string): PublicDisinfectionLog => ({
  compound, date, today: '2026-11-23', requiredRounds: 2, completedRounds: date === '2026-11-23' ? 1 : 0,
  rounds: date === '2026-11-23'
    ? [
        { slot: '08:00', target: 'public_areas', status: 'done', planned: ['corridor', 'elevator', 'guard_room', 'garbage_point', 'public_area'], areas: ['corridor', 'elevator', 'guard_room', 'garbage_point', 'public_area'], completedAt: '2026-11-23T01:10:00.000Z', dueAt: '2026-11-23T08:00:00.000Z' },
        { slot: '08:00', target: 'building', buildingName: '3栋', status: 'overdue', planned: ['corridor', 'elevator', 'public_area'], areas: [], dueAt: '2026-11-23T04:00:00.000Z' },
      ]
    : [],
});

/** The text of the element with this test id, or undefined while there is none (Chinese regexes in toHaveTextContent do not match in browser mode). */
const textOf = (testId: string) => page.getByTestId(testId).elements()[0]?.textContent ?? undefined;

/** The answers of a test that is not about drop-off points: none posted. */
const noDropOff = (answer: (call: Call) => unknown) => (call: Call): unknown =>
  (call.path.endsWith('/drop-off-points') ? { compound, items: [] } : answer(call));

const answers = noDropOff((call: Call): unknown => {
  if (call.path.endsWith('/cases')) return cases;
  const date = new URLSearchParams(call.path.split('?')[1]).get('date') ?? '2026-11-23';
  return log(date);
});

afterEach(async () => {
  await changeLanguage('zh-CN');
});

describe('the resident page', () => {
  it('lists a round\'s areas with the language\'s own separator', async () => {
    await changeLanguage('en');
    mountResidentPage('c_a', answers);
    await expect.poll(() => document.querySelector('.log-round-areas')?.textContent).toContain('corridors, elevators');
    expect(document.querySelector('.log-round-areas')?.textContent).not.toContain('、');
  });

  it('shows the compound, today\'s counts and the recent days as a table, in Chinese', async () => {
    const { calls } = mountResidentPage('c_a', answers);
    await expect.element(page.getByRole('heading', { level: 1 })).toHaveTextContent('阳光花园');
    await expect.element(page.getByText('封控')).toBeVisible();
    await expect.element(page.getByTestId('today-confirmed')).toHaveTextContent('2 例');
    const table = page.getByRole('table');
    await expect.element(table).toHaveAccessibleName(/近 14 天/);
    expect(page.getByRole('columnheader').elements().map((th) => th.textContent)).toEqual(['日期', '确诊', '疑似', '无症状']);
    expect(page.getByRole('rowheader').elements()).toHaveLength(14);
    expect(page.getByRole('rowheader').elements()[0]?.textContent).toBe('今日');
    expect(calls.every((c) => c.method === 'GET' && c.path.startsWith('/public/compounds/c_a/'))).toBe(true);
  });

  it('lists the day\'s rounds with areas, China times and statuses in words', async () => {
    mountResidentPage('c_a', answers);
    await expect.poll(() => textOf('log-summary')).toBe('2026-11-23：公共区域应消毒 2 次，已完成 1 次');
    const rounds = page.getByRole('listitem').filter({ hasText: '轮次' });
    expect(rounds.first().element().textContent).toContain('✓ 已完成');
    expect(rounds.first().element().textContent).toContain('已消毒：楼道、电梯、门卫室、垃圾点、公共区域');
    expect(rounds.first().element().textContent).toContain('完成时间 09:10');
    expect(rounds.nth(1).element().textContent).toContain('3栋（病例楼栋加强消杀）');
    expect(rounds.nth(1).element().textContent).toContain('已逾期');
    expect(rounds.nth(1).element().textContent).toContain('应于 12:00 前完成');
    expect(page.getByRole('link', { name: '110' }).element().getAttribute('href')).toBe('tel:110');
  });

  it('asks for an earlier day from the date picker, within the last 30 days', async () => {
    const { calls } = mountResidentPage('c_a', answers);
    const picker = page.getByLabelText('查看日期');
    await expect.element(picker).toHaveValue('2026-11-23');
    await expect.element(picker).toHaveAttribute('min', '2026-10-24');
    await expect.element(picker).toHaveAttribute('max', '2026-11-23');
    await userEvent.fill(picker, '2026-11-20');
    await expect.poll(() => textOf('log-summary')).toBe('2026-11-20：公共区域应消毒 2 次，已完成 0 次');
    // Two rounds required and none listed: not "no rounds planned", which would contradict the summary.
    await expect.element(page.getByText('当天没有消毒记录。')).toBeVisible();
    expect(document.body.textContent).not.toContain('当天没有消毒安排');
    expect(calls.some((c) => c.path === '/public/compounds/c_a/disinfection-log?date=2026-11-20')).toBe(true);
  });

  it('says today\'s rounds have not started when some are required and none is listed yet', async () => {
    mountResidentPage('c_a', noDropOff((call) => (call.path.endsWith('/cases') ? cases : { ...log('2026-11-23'), completedRounds: 0, rounds: [] })));
    await expect.poll(() => textOf('log-summary')).toBe('2026-11-23：公共区域应消毒 2 次，已完成 0 次');
    expect(textOf('log-empty')).toBe('今日消毒尚未开始，每轮完成后在此公示。');
    expect(document.body.textContent).not.toContain('没有消毒安排');
  });

  it('says "no rounds planned" only for a day that requires none', async () => {
    const normal = { ...compound, status: 'normal' as const };
    mountResidentPage('c_a', noDropOff((call) =>
      (call.path.endsWith('/cases') ? { ...cases, compound: normal } : { ...log('2026-11-23'), compound: normal, requiredRounds: 0, completedRounds: 0, rounds: [] })));
    await expect.poll(() => textOf('log-empty')).toBe('当天没有消毒安排。');
    expect(textOf('log-summary')).toBe('2026-11-23：无每日消毒要求，已完成 0 次');
  });

  it('calls an earlier day\'s unfinished round not done, due by 24:00 that day', async () => {
    const missed: PublicDisinfectionLog = {
      compound, date: '2026-11-22', today: '2026-11-23', requiredRounds: 2, completedRounds: 1,
      rounds: [
        { slot: '08:00', target: 'public_areas', status: 'done', planned: ['corridor'], areas: ['corridor'], completedAt: '2026-11-22T01:10:00.000Z', dueAt: '2026-11-22T08:00:00.000Z' },
        // 16:00 is the day's last slot: due at the day's end, 2026-11-23 00:00 in China.
        { slot: '16:00', target: 'public_areas', status: 'overdue', planned: ['corridor', 'elevator'], areas: [], dueAt: '2026-11-22T16:00:00.000Z' },
      ],
    };
    mountResidentPage('c_a', noDropOff((call) => (call.path.endsWith('/cases') ? cases : missed)));
    await expect.poll(() => document.querySelector('.log-round[data-slot="16:00"]')?.textContent).toContain('✗ 未完成');
    const late = document.querySelector('.log-round[data-slot="16:00"]')?.textContent ?? '';
    expect(late).toContain('应于当日 24:00 前完成');
    expect(late).not.toContain('00:00');
    expect(late).not.toContain('已逾期');
    await changeLanguage('en');
    await expect.poll(() => document.querySelector('.log-round[data-slot="16:00"]')?.textContent).toContain('Not done');
    expect(document.querySelector('.log-round[data-slot="16:00"]')?.textContent).toContain('Was due by 24:00 that day');
  });

  it('holds the final layout while loading: the sections below do not move when the answers come', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    mountResidentPage('c_a', async (call) => {
      await held;
      return answers(call);
    });
    const hotlines = page.getByRole('heading', { name: '服务热线' });
    await expect.element(hotlines).toBeVisible();
    expect(document.querySelectorAll('.case-days tbody tr')).toHaveLength(14);
    const before = hotlines.element().getBoundingClientRect().top;
    const logBefore = page.getByRole('heading', { name: '消毒情况公示' }).element().getBoundingClientRect().top;
    release();
    await expect.element(page.getByTestId('today-confirmed')).toHaveTextContent('2 例');
    await expect.poll(() => textOf('log-summary')).toContain('已完成 1 次');
    expect(page.getByRole('heading', { name: '消毒情况公示' }).element().getBoundingClientRect().top).toBe(logBefore);
    // Two rounds came, as the placeholder held two: the hotlines stay where they were.
    expect(hotlines.element().getBoundingClientRect().top).toBe(before);
  });

  it('says so when the compound does not exist', async () => {
    mountResidentPage('c_x', () =>
      Response.json({ type: '/problems/not-found', title: 'Not found', status: 404, detail: 'no compound c_x' }, { status: 404, headers: { 'content-type': 'application/problem+json' } }));
    await expect.element(page.getByRole('heading', { level: 1 })).toHaveTextContent('未找到该小区');
    await expect.element(page.getByRole('heading', { name: '服务热线' })).toBeVisible();
  });

  it('answers a path that names no compound with the not-found page, asking the API nothing', async () => {
    expect(compoundIdOfPath(residentPath('c-花园 1/2'))).toBe('c-花园 1/2');
    const { calls } = mountResidentPage(compoundIdOfPath('/c/'), () => ({}));
    await expect.element(page.getByRole('heading', { level: 1 })).toHaveTextContent('未找到该小区');
    expect(document.querySelector('main[data-state="not-found"]')).not.toBeNull();
    expect(calls).toEqual([]);
  });

  it('offers a retry when loading fails, and loads again', async () => {
    let failing = true;
    mountResidentPage('c_a', (call) => (failing ? new Response('oops', { status: 503 }) : answers(call)));
    await expect.poll(() => page.getByRole('alert').elements()[0]?.textContent).toMatch(/^信息加载失败/);
    failing = false;
    await userEvent.click(page.getByRole('button', { name: '重试' }).first());
    await expect.element(page.getByTestId('today-confirmed')).toHaveTextContent('2 例');
  });

  it('switches to English', async () => {
    mountResidentPage('c_a', answers);
    await userEvent.click(page.getByRole('button', { name: 'English' }));
    await expect.element(page.getByRole('heading', { name: 'Disinfection log' })).toBeVisible();
    await expect.element(page.getByText(/Overdue/)).toBeVisible();
  });
});

describe('GateQrCode', () => {
  const modules = (d: string, size: number) => {
    const grid = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
    for (const [, x, y] of d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) grid[Number(y)]![Number(x)] = true;
    return grid;
  };

  it('draws the resident page\'s absolute URL as a QR code and prints only the notice', async () => {
    renderWithServices(<GateQrCode compoundId="c_a" compoundName="阳光花园" />);
    const url = `${window.location.origin}/c/c_a`;
    await expect.element(page.getByRole('heading', { name: '居民公示二维码' })).toBeVisible();
    await expect.element(page.getByRole('link', { name: url })).toHaveAttribute('href', url);
    const svg = page.getByRole('img', { name: /阳光花园/ }).element();
    const size = Number(svg.getAttribute('viewBox')?.split(' ')[2]);
    expect(modules(svg.querySelector('path')?.getAttribute('d') ?? '', size)).toEqual(encode(url, QR_OPTIONS).data);

    let printedWithClass = false;
    const print = window.print;
    window.print = () => {
      printedWithClass = document.body.classList.contains('printing-gate-qr');
      window.dispatchEvent(new Event('afterprint'));
    };
    try {
      await userEvent.click(page.getByRole('button', { name: '打印二维码' }));
    } finally {
      window.print = print;
    }
    expect(printedWithClass).toBe(true);
    expect(document.body.classList.contains('printing-gate-qr')).toBe(false);
  });

  it('prints the configured public URL, not the address the admin opened the app at', async () => {
    const publicUrl = 'http://192.168.1.20:5173';
    renderWithServices(<GateQrCode compoundId="c_a" compoundName="阳光花园" />, undefined, { config: { publicUrl } });
    const url = `${publicUrl}/c/c_a`;
    await expect.element(page.getByRole('link', { name: url })).toHaveAttribute('href', url);
    const svg = page.getByRole('img', { name: /阳光花园/ }).element();
    const size = Number(svg.getAttribute('viewBox')?.split(' ')[2]);
    expect(modules(svg.querySelector('path')?.getAttribute('d') ?? '', size)).toEqual(encode(url, QR_OPTIONS).data);
    expect(page.getByTestId('gate-qr-loopback').elements()).toHaveLength(0);
  });

  it('warns that a code pointing at this machine\'s own name opens on no phone', async () => {
    // The test page is served on localhost and no public URL is configured.
    renderWithServices(<GateQrCode compoundId="c_a" compoundName="阳光花园" />);
    expect(new URL(window.location.origin).hostname).toMatch(/^(localhost|127\.0\.0\.1)$/);
    await expect.poll(() => textOf('gate-qr-loopback')).toContain('--public-url');
  });
});

/**
 * The gate view (/gate) in real Chromium against a scripted API: clocking in with the phone's
 * position and an Idempotency-Key, registering an entry with the four musts as toggles, the
 * fever flow (the designated hospital asked for, "已通知社区" once the API answered), and an
 * entry and a clock-in made with no network kept in the outbox and sent once when back online.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { Shift } from '#shared/schemas/duty.ts';
import type { Entry, EntryCreate } from '#shared/schemas/entry.ts';
import { GatePage } from '#web/src/gate/GatePage.tsx';
import { clearPhone, renderWithServices, signInWith, type Call } from './render.tsx';
import { unsignedToken } from './tokens.ts';

const user = { username: 'duty-test-1', role: 'duty' as const, name: '测试值守', jurisdiction: { compoundIds: ['c1'], exitIds: ['e1'] } };
const HERE: [number, number] = [112.58, 31.17];

/**
 * A tiny gate API: one exit with a shift of the test user running now, clock-ins kept by
 * Idempotency-Key, entries kept by entryId (a resend answers the same), a fever entry answered
 * with an alert, and the day's counts and entries made from what was registered.
 */
function fakeApi() {
  const now = Date.now();
  const shift: Shift = {
    id: 's1', exitId: 'e1', compoundId: 'c1', person: user.username, start: new Date(now - 3_600_000).toISOString(),
    end: new Date(now + 7 * 3_600_000).toISOString(), clockIn: 'pending', createdAt: new Date(now - 86_400_000).toISOString(), createdBy: 'community-1',
  };
  // Who takes over: another person's shift from the end of this one, and a later one of theirs.
  const relief = (start: number, id: string): Shift => ({
    ...shift, id, person: 'duty-pass-2', personName: '李接班', start: new Date(start).toISOString(), end: new Date(start + 8 * 3_600_000).toISOString(), clockIn: 'upcoming',
  });
  const later = [relief(now + 15 * 3_600_000, 's3'), relief(now + 7 * 3_600_000, 's2')];
  const entries = new Map<string, Entry>();
  const clockIns: { key: string | undefined; body: unknown }[] = [];
  const state = { offline: false };
  const hour = new Date(now).toISOString().slice(0, 13);
  const answer = (call: Call): unknown => {
    if (state.offline) throw new TypeError('Failed to fetch');
    if (call.path === '/v1/exits/e1') {
      return { id: 'e1', compoundId: 'c1', name: '南门', compoundName: '粮食局宿舍区', compoundStatus: 'closed', communityId: 'cm', streetId: 'st', status: 'open', location: [112.58, 31.17] };
    }
    if (call.path.startsWith('/v1/exits/e1/shifts')) return { items: [shift, ...later], gaps: [], overlaps: [], missedClockIns: [] };
    if (call.path === '/v1/exits/e1/clock-ins') {
      clockIns.push({ key: call.idempotencyKey, body: call.body });
      shift.clockInAt = new Date().toISOString();
      shift.clockIn = 'on_time';
      return Response.json({ kind: 'in', exitId: 'e1', shiftId: 's1', person: user.username, at: shift.clockInAt, position: HERE, distanceM: 3, clockIn: 'on_time' }, { status: 201 });
    }
    if (call.path.startsWith('/v1/exits/e1/counts')) {
      const all = [...entries.values()];
      return { exitId: 'e1', date: '2026-12-07', hours: [{ hour, in: all.filter((e) => e.direction === 'in').length, out: 0, admitted: 0, refused: 0, fever: all.filter((e) => e.fever).length }] };
    }
    if (call.path.startsWith('/v1/exits/e1/entries?')) return { items: [...entries.values()] };
    if (call.path === '/v1/exits/e1/entries') {
      const body = call.body as EntryCreate;
      const fever = (body.temperatureC ?? 0) >= 37.3;
      const stored = entries.get(body.entryId) ?? {
        ...body, id: body.entryId, exitId: 'e1', compoundId: 'c1', at: new Date().toISOString(), by: user.username, fever, warnings: [],
        ...(fever ? { alertId: 'a1' } : {}),
      };
      entries.set(body.entryId, stored);
      return Response.json(stored, { status: 201 });
    }
    return Response.json({ type: '/problems/not-found', title: 'Not found', status: 404 }, { status: 404, headers: { 'content-type': 'application/problem+json' } });
  };
  return { answer, state, entries, clockIns, shift };
}

afterEach(async () => {
  window.history.replaceState(null, '', '/');
  await clearPhone(user.username);
});

async function openGate(api: ReturnType<typeof fakeApi>) {
  await clearPhone(user.username);
  const rendered = renderWithServices(<GatePage locate={async () => HERE} />, (call) => api.answer(call));
  signInWith(rendered.services, unsignedToken(user));
  await rendered.screen;
  await expect.element(page.getByRole('heading', { name: '出入口 粮食局宿舍区 南门' })).toBeVisible();
  return rendered;
}

const entryPosts = (calls: readonly Call[]) => calls.filter((c) => c.method === 'POST' && c.path === '/v1/exits/e1/entries');

describe('the gate view', () => {
  it('clocks in with the phone\'s position through the outbox, then offers clocking out', async () => {
    const api = fakeApi();
    await openGate(api);
    await expect.element(page.getByText('尚未打卡上岗')).toBeVisible();
    // The first shift after this one, by name, whatever order the API lists them in.
    const handover = new Date(api.shift.end).toLocaleString('zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
    await expect.element(page.getByText(new RegExp(`^接班：李接班（${handover}–`))).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: '上岗打卡' }));
    await expect.element(page.getByText('已上岗打卡。')).toBeVisible();
    await expect.element(page.getByText('已上岗打卡', { exact: true })).toBeVisible();
    await expect.element(page.getByRole('button', { name: '下岗打卡' })).toBeVisible();
    expect(api.clockIns).toHaveLength(1);
    expect(api.clockIns[0]?.body).toEqual({ kind: 'in', position: HERE });
    expect(api.clockIns[0]?.key).toMatch(/^[A-Za-z0-9_.:-]{8,100}$/);
  });

  it('registers an entry with the four musts as toggles, then shows it in the latest entries and the counts', async () => {
    const api = fakeApi();
    const { calls } = await openGate(api);
    await expect.element(page.getByText('今天还没有登记。').first()).toBeVisible();
    await userEvent.click(page.getByRole('radio', { name: '医务人员' }));
    for (const check of ['身份必问', '信息必录', '口罩必戴']) await userEvent.click(page.getByRole('button', { name: check }));
    await userEvent.fill(page.getByLabelText('体温（℃）'), '36.5');
    // Typing a temperature is taking it.
    await expect.element(page.getByRole('button', { name: '体温必测' })).toHaveAttribute('aria-pressed', 'true');
    await userEvent.fill(page.getByLabelText('车牌号'), '鄂A12345');
    // The vehicle's occupants, asked with its plate: a whole number from 1 to 60.
    await userEvent.fill(page.getByLabelText('车内人数'), '61');
    await userEvent.click(page.getByRole('button', { name: '后备箱已检查' }));
    await userEvent.click(page.getByRole('button', { name: '登记', exact: true }));
    await expect.element(page.getByText('车内人数须为 1–60 的整数').first()).toBeVisible();
    expect(entryPosts(calls)).toHaveLength(0);
    await userEvent.fill(page.getByLabelText('车内人数'), '3');
    await userEvent.click(page.getByRole('button', { name: '登记', exact: true }));
    await expect.element(page.getByText('已登记。')).toBeVisible();

    const [post] = entryPosts(calls);
    const body = post?.body as EntryCreate;
    expect(body).toEqual({
      entryId: body.entryId, direction: 'in', category: 'medical', outcome: 'admitted', temperatureC: 36.5,
      checks: { identityAsked: true, recorded: true, temperatureMeasured: true, maskWorn: true },
      vehicle: { plate: '鄂A12345', trunkChecked: true, occupants: 3 },
    });
    const recent = page.getByRole('region', { name: '最近登记' });
    await expect.element(recent.getByText('进 · 医务人员')).toBeVisible();
    await expect.poll(() => document.querySelector('.gate-recent-list li')?.textContent).toContain('鄂A12345 3 人');
    await expect.element(page.getByRole('region', { name: '今日每小时出入' }).getByText('进 1 · 出 0')).toBeVisible();
    // The form is cleared for the next person.
    await expect.element(page.getByLabelText('体温（℃）')).toHaveValue('');
  });

  it('asks for the escort with a fever, and says the community was alerted once the API answered', async () => {
    const api = fakeApi();
    const { calls } = await openGate(api);
    await userEvent.fill(page.getByLabelText('体温（℃）'), '38.2');
    await expect.element(page.getByRole('heading', { name: '体温异常（≥ 37.3 ℃）' })).toBeVisible();
    await userEvent.click(page.getByRole('radio', { name: '劝返' }));
    await userEvent.click(page.getByRole('button', { name: '登记', exact: true }));
    // Nothing is queued while the hospital and the reason are missing.
    await expect.element(page.getByText('发热人员须填写送往的定点医院').first()).toBeVisible();
    await expect.element(page.getByText('请填写劝返原因').first()).toBeVisible();
    expect(entryPosts(calls)).toEqual([]);

    await userEvent.fill(page.getByLabelText('定点医院'), '市第一人民医院');
    await userEvent.fill(page.getByLabelText('劝返原因'), '发热');
    await userEvent.click(page.getByRole('button', { name: '登记', exact: true }));
    await expect.element(page.getByText('已通知社区。')).toBeVisible();
    const body = entryPosts(calls)[0]?.body as EntryCreate;
    expect(body).toMatchObject({ temperatureC: 38.2, outcome: 'refused', refusalReason: '发热', escort: { hospital: '市第一人民医院' } });
    await expect.element(page.getByRole('region', { name: '最近登记' }).getByText('发热', { exact: true })).toBeVisible();
  });

  it('keeps an entry and a clock-in made offline in the outbox and sends each once when back online', async () => {
    const api = fakeApi();
    const { calls } = await openGate(api);
    await expect.element(page.getByText('已同步')).toBeVisible();
    await expect.element(page.getByText('尚未打卡上岗')).toBeVisible();
    api.state.offline = true;

    await userEvent.click(page.getByRole('button', { name: '上岗打卡' }));
    await expect.element(page.getByText(/^已记下上岗打卡，待同步/)).toBeVisible();
    await expect.element(page.getByText('待确认')).toBeVisible();
    await userEvent.fill(page.getByLabelText('体温（℃）'), '36.6');
    await userEvent.click(page.getByRole('button', { name: '登记', exact: true }));
    await expect.element(page.getByText('已记下，待同步。')).toBeVisible();
    await expect.element(page.getByText('2 条待同步')).toBeVisible();
    expect(api.entries.size).toBe(0);
    expect(api.clockIns).toEqual([]);

    api.state.offline = false;
    window.dispatchEvent(new Event('online'));
    await expect.element(page.getByText('已同步')).toBeVisible();
    expect(api.clockIns).toHaveLength(1);
    expect(api.entries.size).toBe(1);
    // Tried while offline too, always under the same ids: one entryId, one Idempotency-Key.
    expect(new Set(entryPosts(calls).map((c) => (c.body as EntryCreate).entryId)).size).toBe(1);
    expect(new Set(calls.filter((c) => c.path.endsWith('/clock-ins')).map((c) => c.idempotencyKey)).size).toBe(1);
    await expect.element(page.getByText('已上岗打卡', { exact: true })).toBeVisible();
    await expect.element(page.getByText('待确认')).not.toBeInTheDocument();
  });
});

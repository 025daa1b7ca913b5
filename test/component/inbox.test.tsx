/**
 * The alert inbox (预警收件箱) in real Chromium against a scripted API: alerts said in words
 * (kind in Chinese, compound by name, level and escalation, people by name and never by
 * account), acknowledging, assigning to a person picked from the staff directory by name,
 * closing only with a note, a 409 said in words; the notifications listed and read on opening;
 * and the header's badge polling with If-None-Match, updating its count without a reload.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { Alert } from '#shared/schemas/alert.ts';
import type { Notification, NotificationList } from '#shared/schemas/notification.ts';
import type { Staff } from '#shared/schemas/staff.ts';
import { InboxBadge } from '#web/src/inbox/InboxBadge.tsx';
import { InboxPage } from '#web/src/inbox/InboxPage.tsx';
import '#web/src/styles/inbox.css';
import { renderWithServices, signInWith, type Call } from './render.tsx';
import { unsignedToken } from './tokens.ts';

const NOW = new Date('2026-12-07T02:00:00.000Z');
const admin = { username: 'cm-inbox-1', role: 'community' as const, name: '李主任', jurisdiction: { communityId: 'cm1' } };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

const minutesAgo = (n: number) => new Date(NOW.getTime() - n * 60_000).toISOString();

const alert = (id: string, over: Partial<Alert> = {}): Alert => ({
  id, kind: 'fever', status: 'open', level: 'community', source: { type: 'entry', id: `x-${id}` },
  compoundId: 'c1', communityId: 'cm1', streetId: 's1', exitId: 'e1', raisedAt: minutesAgo(5), raisedBy: 'duty-7',
  details: { temperatureC: 38.4 }, ...over,
});

const STAFF: Staff[] = [
  { username: 'cm-inbox-1', name: '李主任', role: 'community', jurisdiction: { communityId: 'cm1' } },
  { username: 'grid-zhao', name: '赵网格', role: 'grid', jurisdiction: { gridId: 'g1' } },
  { username: 'grid-qian', name: '钱网格', role: 'grid', jurisdiction: { gridId: 'g2' } },
];

const note = (id: string, over: Partial<Notification> = {}): Notification => ({
  id, alertId: 'a1', channel: 'app', at: minutesAgo(5), read: false, text: '发热预警：粮食局宿舍区', ...over,
});

/** A scripted API: alerts that change as acted on, the staff directory, and a notification list with an ETag. */
function inboxApi(alerts: Alert[], notifications: Notification[]) {
  const byId = new Map(alerts.map((a) => [a.id, a]));
  const state = { notifications, version: 1, refuse: new Set<string>() };
  const list = (): NotificationList => ({ unread: state.notifications.filter((n) => !n.read).length, items: state.notifications });
  const answer = (call: Call): unknown => {
    const [path = '', search = ''] = call.path.split('?');
    const query = new URLSearchParams(search);
    if (call.method === 'GET' && path === '/v1/alerts') {
      const status = query.get('status');
      return { items: [...byId.values()].filter((a) => !status || a.status === status) };
    }
    if (call.method === 'GET' && path === '/v1/compounds/c1') {
      return { type: 'Feature', id: 'c1', geometry: null, properties: { id: 'c1', name: '粮食局宿舍区' } };
    }
    if (call.method === 'GET' && path === '/v1/compounds/c1/buildings') return { type: 'FeatureCollection', features: [] };
    if (call.method === 'GET' && path === '/v1/staff') {
      const q = query.get('q');
      // As the API: part of a name or of a username.
      return { items: STAFF.filter((s) => !q || s.name.includes(q) || s.username.includes(q)) };
    }
    const notify = /^\/v1\/staff\/([^/]+)\/notify$/.exec(path);
    if (call.method === 'PUT' && notify?.[1]) {
      const at = STAFF.findIndex((s) => s.username === notify[1]);
      STAFF[at] = { ...STAFF[at]!, notify: (call.body as { notify: boolean }).notify };
      return STAFF[at];
    }
    if (call.method === 'GET' && path === '/v1/notifications') {
      const etag = `"n${state.version}"`;
      if (call.ifNoneMatch === etag) return new Response(null, { status: 304, headers: { etag } });
      return Response.json(list(), { headers: { etag } });
    }
    if (call.method === 'POST' && path === '/v1/notifications/read') {
      const ids = (call.body as { ids?: string[] }).ids;
      state.notifications = state.notifications.map((n) => (!ids || ids.includes(n.id) ? { ...n, read: true } : n));
      state.version += 1;
      return { unread: list().unread, marked: ids?.length ?? 0 };
    }
    const action = /^\/v1\/alerts\/([^/]+)\/(acknowledge|assign|close)$/.exec(path);
    if (call.method === 'POST' && action?.[1] && action[2]) {
      const current = byId.get(action[1]);
      if (!current) return Response.json({ type: '/problems/not-found', title: 'Not found', status: 404 }, { status: 404 });
      if (state.refuse.has(current.id)) {
        return Response.json(
          { type: '/problems/conflict', title: '冲突', status: 409, detail: '该预警已由王芳确认。' },
          { status: 409, headers: { 'content-type': 'application/problem+json' } },
        );
      }
      const at = NOW.toISOString();
      const changed: Alert = action[2] === 'acknowledge'
        ? { ...current, status: 'acknowledged', acknowledgedBy: admin.username, acknowledgedByName: admin.name, acknowledgedAt: at }
        : action[2] === 'assign'
          ? { ...current, assignedTo: (call.body as { to: string }).to, assignedToName: STAFF.find((s) => s.username === (call.body as { to: string }).to)?.name ?? '', assignedAt: at }
          : { ...current, status: 'closed', closedAt: at, closedBy: admin.username, closeNote: (call.body as { note: string }).note };
      byId.set(changed.id, changed);
      return changed;
    }
    return Response.json({ type: '/problems/not-found', title: 'Not found', status: 404 }, { status: 404 });
  };
  return { answer, state, byId };
}

/** The card of an alert. */
const cardOf = (id: string) => page.getByTestId(`alert-${id}`);

async function openInbox(api: ReturnType<typeof inboxApi>) {
  const rendered = renderWithServices(<InboxPage />, api.answer);
  signInWith(rendered.services, unsignedToken(admin));
  await rendered.screen;
  return rendered;
}

describe('the alert inbox', () => {
  it('lets the person turn their text and e-mail notices off and on, saying what still reaches them', async () => {
    const api = inboxApi([alert('a1')], []);
    const { calls } = await openInbox(api);
    const box = page.getByRole('checkbox', { name: '预警通过短信和邮件通知我' });
    await expect.element(box).toBeChecked();
    await userEvent.click(box);
    await expect.element(page.getByText('已关闭短信和邮件提醒；预警仍会进入收件箱和提醒铃。')).toBeVisible();
    await expect.element(box).not.toBeChecked();
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([{ method: 'PUT', path: '/v1/staff/cm-inbox-1/notify', body: { notify: false } }]);
    await userEvent.click(box);
    await expect.element(box).toBeChecked();
    STAFF[0] = { ...STAFF[0]!, notify: undefined };
  });

  it('says each alert in words: kind, compound by name, when, level, escalation and people by name', async () => {
    const api = inboxApi([
      alert('a1', { level: 'street', escalatedTo: 'street', escalatedAt: minutesAgo(2) }),
      alert('a2', { kind: 'help', details: { urgency: 'high' }, status: 'acknowledged', acknowledgedBy: 'grid-zhao', acknowledgedByName: '赵网格', acknowledgedAt: minutesAgo(3), assignedTo: 'grid-qian', assignedToName: '钱网格' }),
    ], [note('n1')]);
    await openInbox(api);
    const fever = page.getByRole('listitem').filter({ hasText: '卡口发热' });
    await expect.element(fever).toBeVisible();
    await expect.element(fever).toMatchTextContent('粮食局宿舍区');
    await expect.element(fever).toMatchTextContent('体温 38.4 ℃');
    await expect.element(fever).toMatchTextContent('发生于 5分钟前');
    await expect.element(fever).toMatchTextContent('街道级');
    await expect.element(fever).toMatchTextContent('已上报至街道');
    const help = page.getByRole('listitem').filter({ hasText: '紧急求助' });
    await expect.element(help).toMatchTextContent('赵网格 已确认（3分钟前）');
    await expect.element(help).toMatchTextContent('指派给 钱网格');
    await expect.element(help).toMatchTextContent('紧急');
    // An acknowledged alert is not acknowledged again; it may still be assigned and closed.
    await expect.element(help.getByRole('button', { name: '确认', exact: true })).not.toBeInTheDocument();
    await expect.element(help.getByRole('button', { name: '办结' })).toBeVisible();
    // Names, never accounts.
    expect(document.body.textContent).not.toMatch(/grid-zhao|grid-qian|duty-7/);
  });

  it('lists the notifications and marks those listed read on opening', async () => {
    const api = inboxApi([alert('a1')], [note('n1'), note('n2', { channel: 'sms', read: true, at: minutesAgo(30) })]);
    const { calls } = await openInbox(api);
    const notifications = page.getByRole('region', { name: /^通知/ });
    await expect.element(notifications.getByText('短信')).toBeVisible();
    await expect.element(notifications.getByText('站内')).toBeVisible();
    await expect.poll(() => calls.filter((c) => c.path === '/v1/notifications/read').map((c) => c.body)).toEqual([{ ids: ['n1'] }]);
    await expect.poll(() => document.querySelector<HTMLElement>('[data-notification-id="n1"]')?.dataset.read).toBe('true');
  });

  it('acknowledges an alert, and says in words why another could not be', async () => {
    const api = inboxApi([alert('a1'), alert('a2', { raisedAt: minutesAgo(50) })], []);
    api.state.refuse.add('a2');
    const { calls } = await openInbox(api);
    const first = cardOf('a1');
    await userEvent.click(first.getByRole('button', { name: '确认', exact: true }));
    await expect.element(page.getByRole('status')).toHaveTextContent('已确认该预警。');
    await expect.element(first).toMatchTextContent('李主任 已确认');
    await expect.element(first).toHaveAttribute('data-status', 'acknowledged');
    expect(calls.filter((c) => c.method === 'POST' && c.path === '/v1/alerts/a1/acknowledge')).toHaveLength(1);

    const second = cardOf('a2');
    await userEvent.click(second.getByRole('button', { name: '确认', exact: true }));
    await expect.element(second.getByRole('alert')).toMatchTextContent('该预警已由王芳确认。');
    await expect.element(second).toHaveAttribute('data-status', 'open');
  });

  it('assigns an alert to a person chosen by name from the staff directory', async () => {
    const api = inboxApi([alert('a1')], []);
    const { calls } = await openInbox(api);
    const card = cardOf('a1');
    await userEvent.click(card.getByRole('button', { name: '指派' }));
    const picker = card.getByRole('form', { name: '指派卡口发热' });
    await expect.element(picker.getByText('赵网格')).toBeVisible();
    // Not without a person.
    await userEvent.click(picker.getByRole('button', { name: '确认指派' }));
    await expect.element(picker.getByText('请先选择一位人员。')).toBeVisible();
    await userEvent.fill(picker.getByRole('searchbox', { name: '按姓名查找人员' }), '钱');
    await expect.element(picker.getByText('赵网格')).not.toBeInTheDocument();
    await userEvent.click(picker.getByRole('radio', { name: /钱网格/ }));
    await userEvent.click(picker.getByRole('button', { name: '确认指派' }));
    await expect.element(page.getByRole('status')).toHaveTextContent('已指派给 钱网格。');
    await expect.element(card).toMatchTextContent('指派给 钱网格');
    expect(calls.filter((c) => c.path === '/v1/alerts/a1/assign').map((c) => c.body)).toEqual([{ to: 'grid-qian' }]);
    expect(calls.some((c) => c.path.startsWith('/v1/staff?') && c.path.includes('communityId=cm1'))).toBe(true);
    expect(document.body.textContent).not.toContain('grid-qian');
  });

  it('closes an alert only with what was done', async () => {
    const api = inboxApi([alert('a1')], []);
    const { calls } = await openInbox(api);
    const card = cardOf('a1');
    await userEvent.click(card.getByRole('button', { name: '办结' }));
    await userEvent.click(card.getByRole('button', { name: '确认办结' }));
    await expect.element(card.getByText('请写明处置情况。')).toBeVisible();
    expect(calls.some((c) => c.path.endsWith('/close'))).toBe(false);
    await userEvent.fill(card.getByRole('textbox', { name: '处置情况' }), '已送市第一人民医院');
    await userEvent.click(card.getByRole('button', { name: '确认办结' }));
    await expect.element(page.getByRole('status')).toHaveTextContent('已办结该预警。');
    await expect.element(card).toMatchTextContent('处置情况：已送市第一人民医院');
    await expect.element(card.getByRole('button', { name: '办结' })).not.toBeInTheDocument();
    expect(calls.filter((c) => c.path === '/v1/alerts/a1/close').map((c) => c.body)).toEqual([{ note: '已送市第一人民医院' }]);
  });

  it('filters by status and kind on the server', async () => {
    const api = inboxApi([alert('a1'), alert('a2', { status: 'closed', closedAt: minutesAgo(1), closeNote: '误报' })], []);
    const { calls } = await openInbox(api);
    await expect.element(cardOf('a2')).toBeVisible();
    await userEvent.selectOptions(page.getByRole('combobox', { name: '状态' }), 'open');
    await userEvent.selectOptions(page.getByRole('combobox', { name: '类型' }), 'fever');
    await expect.poll(() => document.querySelector('[data-alert-id="a2"]')).toBeNull();
    await expect.element(cardOf('a1')).toBeVisible();
    expect(calls.some((c) => c.path.startsWith('/v1/alerts?') && c.path.includes('status=open') && c.path.includes('kind=fever'))).toBe(true);
  });
});

describe('the unread badge', () => {
  it('polls with If-None-Match and updates its count without a reload', async () => {
    const api = inboxApi([], [note('n1')]);
    const { calls, services, screen } = renderWithServices(<InboxBadge username={admin.username} current={false} />, api.answer);
    signInWith(services, unsignedToken(admin));
    await screen;
    const badge = page.getByTestId('inbox-badge');
    await expect.element(badge).toHaveAttribute('data-unread', '1');
    await expect.element(badge).toHaveAccessibleName('预警收件箱，1 条未读通知');

    // Nothing new: the API answers 304 and the count stays.
    document.dispatchEvent(new Event('visibilitychange'));
    await expect.poll(() => calls.filter((c) => c.path === '/v1/notifications').length).toBeGreaterThanOrEqual(2);
    expect(calls.filter((c) => c.path === '/v1/notifications')[1]?.ifNoneMatch).toBe('"n1"');
    await expect.element(badge).toHaveAttribute('data-unread', '1');

    // A new notification: the next poll brings it.
    api.state.notifications = [note('n2', { alertId: 'a2' }), ...api.state.notifications];
    api.state.version += 1;
    document.dispatchEvent(new Event('visibilitychange'));
    await expect.element(badge).toHaveAttribute('data-unread', '2');
    await expect.element(badge).toHaveTextContent('2');
  });
});

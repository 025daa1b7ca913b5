/**
 * The officials' board in real Chromium, its API answered by the test: grouping by reason (an
 * exit under each of its reasons) and by community, oldest first, counts; the reason filter;
 * the actions each role is offered and what they send; an exit leaving the board once the API
 * judges it resolved, staying with what still holds, and coming back when the action fails;
 * paging; the lockdown suggestion's one action.
 */
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { Role } from '#shared/roles.ts';
import type { UnresolvedExit } from '#shared/schemas/exit.ts';
import { BoardPage } from '#web/src/board/BoardPage.tsx';
import { renderWithServices, type Call } from './render.tsx';

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

type Code = UnresolvedExit['reasons'][number]['code'];
function exit(id: string, codes: Code[], hoursAgo: number, more: Partial<UnresolvedExit> = {}): UnresolvedExit {
  return {
    id, compoundId: `c_${id}`, compoundName: `小区${id}`, communityId: 'cm1', streetId: 's1', name: `${id}门`,
    status: codes.includes('seal_unconfirmed') ? 'sealed' : 'open', location: [112.6, 31.18 + Number(id.replace(/\D/g, '') || 0) / 1000],
    reasons: codes.map((code) => ({ code, message: `说明 ${code}`, since: ago(hoursAgo) })), since: ago(hoursAgo),
    responsible: {
      streetLeader: { name: '街道', phone: '13900000001' }, communityLeader: { name: '社区', phone: '13900000002' },
      responsiblePerson: { name: `责任人${id}`, phone: '139****0003' }, updatedAt: ago(100), updatedBy: 'seed',
    },
    ...more,
  };
}

const communities = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', geometry: null, properties: { id: 'cm1', name: '王府社区', streetId: 's1' } },
    { type: 'Feature', geometry: null, properties: { id: 'cm2', name: '新华社区', streetId: 's1' } },
  ],
};

const EXITS = [
  exit('e1', ['surplus_open_exit'], 2),
  exit('e2', ['seal_unconfirmed'], 30),
  exit('e3', ['no_duty_coverage', 'missed_clock_in'], 5, { communityId: 'cm2' }),
  exit('e4', ['surplus_open_exit'], 50),
  exit('e5', ['missed_clock_in'], 1, { communityId: 'cm2' }),
];

interface Api {
  exits?: UnresolvedExit[];
  /** Answers for the exit read after an action: still unresolved with these reasons, or resolved. */
  after?: (id: string) => Code[];
  patch?: (call: Call) => unknown;
  alerts?: unknown[];
  rounds?: unknown[];
  pages?: Record<string, { items: UnresolvedExit[]; nextToken?: string }>;
  shifts?: (exitId: string) => unknown;
}

/** The directory as the API lists it (by role and community); `community` is only the fake's filter. */
const STAFF = [
  { username: 'duty-c-e3-1', name: '赵值守', role: 'duty', jurisdiction: { compoundIds: ['c_e3'], exitIds: ['e3'] }, community: 'cm2' },
  { username: 'duty-c-e3-2', name: '钱值守', role: 'duty', jurisdiction: { compoundIds: ['c_e3'], exitIds: ['e3'] }, community: 'cm2' },
  // Duty staff of another compound in the same community: not offered for e3's rota.
  { username: 'duty-c-e5-1', name: '孙值守', role: 'duty', jurisdiction: { compoundIds: ['c_e5'], exitIds: ['e5'] }, community: 'cm2' },
  { username: 'grid-cm2-1', name: '李网格', role: 'grid', jurisdiction: { gridId: 'g1' }, community: 'cm2' },
];

/** `shell` lays the page out as the app does (a test of the layout needs the app's full-height column). */
function board(role: Role, api: Api = {}, shell = (ui: ReactNode) => ui) {
  const exits = api.exits ?? EXITS;
  const rendered = renderWithServices(shell(<BoardPage />), (call) => {
    const url = new URL(call.path, 'http://x');
    if (url.pathname === '/v1/communities') return communities;
    if (url.pathname === '/v1/alerts') {
      // As the API: only the asked status.
      const status = url.searchParams.get('status');
      return { items: (api.alerts ?? []).filter((a) => status === null || (a as { status?: string }).status === status) };
    }
    if (url.pathname === '/v1/staff') {
      const community = url.searchParams.get('communityId');
      return { items: STAFF.filter((p) => p.role === url.searchParams.get('role') && (!community || p.community === community)) };
    }
    const shifts = /^\/v1\/exits\/([^/]+)\/shifts$/.exec(url.pathname);
    if (shifts?.[1] && call.method === 'GET') return api.shifts?.(shifts[1]) ?? { items: [], gaps: [], overlaps: [], missedClockIns: [] };
    if (url.pathname === '/v1/missed-rounds') {
      const date = url.searchParams.get('date');
      return { items: (api.rounds ?? []).filter((r) => !date || (r as { date: string }).date === date) };
    }
    if (url.pathname === '/v1/exits' && call.method === 'GET') {
      const paged = api.pages?.[url.searchParams.get('nextToken') ?? ''];
      if (paged) return paged;
      const community = url.searchParams.get('communityId');
      return { items: exits.filter((e) => !community || e.communityId === community) };
    }
    const one = /^\/v1\/exits\/([^/]+)$/.exec(url.pathname);
    if (one?.[1] && call.method === 'PATCH') return api.patch ? api.patch(call) : {};
    if (one?.[1] && call.method === 'GET') {
      const listed = exits.find((e) => e.id === one[1]);
      const codes = api.after?.(one[1]) ?? [];
      return {
        ...listed, unresolved: codes.length > 0, reasons: codes.map((code) => ({ code, message: `说明 ${code}`, since: listed?.since })),
        since: codes.length > 0 ? listed?.since : undefined,
      };
    }
    if (call.method === 'POST') return {};
    return new Response('{}', { status: 404 });
  });
  rendered.services.sessions.start({
    token: 'test', expiresAt: Date.now() + HOUR, user: { username: `${role}-1`, name: role, role, jurisdiction: {} },
  });
  return rendered;
}

const ready = () => expect.poll(() => document.querySelector('.board-page')?.getAttribute('data-state')).toBe('ready');
const idsIn = (group: string) =>
  [...document.querySelectorAll<HTMLElement>(`section.board-group[data-group="${group}"] .board-exit`)].map((li) => li.dataset.exitId);
const groups = () => [...document.querySelectorAll<HTMLElement>('section.board-group')].map((s) => s.dataset.group);
const countOf = (group: string) => document.querySelector(`section.board-group[data-group="${group}"] .board-count`)?.textContent;
const card = (id: string) => document.querySelector<HTMLElement>(`.board-exit[data-exit-id="${id}"]`);

afterEach(() => {
  localStorage.removeItem('cordon.token');
  document.body.replaceChildren();
});

describe('BoardPage', () => {
  it('groups unresolved exits by reason in the rules\' order, oldest first, an exit under each of its reasons', async () => {
    board('official');
    await expect.poll(() => groups()).toEqual(['surplus_open_exit', 'seal_unconfirmed', 'no_duty_coverage', 'missed_clock_in']);
    expect(idsIn('surplus_open_exit')).toEqual(['e4', 'e1']);
    expect(idsIn('missed_clock_in')).toEqual(['e3', 'e5']);
    expect(idsIn('no_duty_coverage')).toEqual(['e3']);
    expect(countOf('surplus_open_exit')).toBe('2');
    expect(countOf('missed_clock_in')).toBe('2');
    expect(document.querySelector('.board-total')?.textContent).toContain('5');
    // Each card: compound and exit, the reason in words with the API's message, since when, the responsible person as sent.
    const text = card('e2')?.textContent ?? '';
    expect(text).toContain('小区e2 · e2门');
    expect(text).toContain('封闭未确认');
    expect(text).toContain('说明 seal_unconfirmed');
    expect(text).toContain('昨天发现');
    expect(text).toContain('责任人e2 139****0003');
    // The same exits on the map, one marker each, marked by reason in letters as well as colour
    // (react-leaflet adds the markers a render after the map itself: wait for them).
    await expect.poll(() => document.querySelectorAll('.board-map .board-marker').length).toBe(5);
    const markers = [...document.querySelectorAll<HTMLElement>('.board-map .board-marker')];
    expect(markers.map((m) => m.dataset.exitId).sort()).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(markers.find((m) => m.dataset.exitId === 'e2')?.textContent).toBe('封');
  });

  it('groups by community on request, the community with the oldest exit first', async () => {
    board('official');
    await ready();
    await userEvent.click(page.getByRole('radio', { name: '按社区' }));
    expect(groups()).toEqual(['cm1', 'cm2']);
    expect(idsIn('cm1')).toEqual(['e4', 'e2', 'e1']);
    expect(document.querySelector('section.board-group[data-group="cm2"] h2')?.textContent).toContain('新华社区');
  });

  it('filters by reason on the page and by community at the API', async () => {
    const { calls } = board('official');
    await ready();
    await userEvent.selectOptions(page.getByLabelText('问题类型'), 'missed_clock_in');
    expect(groups()).toEqual(['missed_clock_in']);
    expect(document.querySelectorAll('.board-map .board-marker')).toHaveLength(2);
    await userEvent.selectOptions(page.getByLabelText('社区'), 'cm1');
    await ready();
    expect(calls.some((c) => c.path.startsWith('/v1/exits?') && c.path.includes('communityId=cm1'))).toBe(true);
    expect(groups()).toEqual([]);
    expect(document.querySelector('.board-empty')).not.toBeNull();
  });

  it('offers an official only the confirmation of a sealing; confirming sends how and when, and the exit leaves the board', async () => {
    const { calls } = board('official', { after: () => [] });
    await ready();
    expect(document.querySelectorAll('[data-action="seal"], [data-action="restrict"], [data-action="addShifts"]')).toHaveLength(0);
    expect(card('e1')?.textContent).toContain('由社区或市防控指挥部整改');
    const e2 = card('e2');
    await userEvent.selectOptions(e2?.querySelector('select') as HTMLSelectElement, 'wire_mesh');
    await userEvent.click(e2?.querySelector('[data-action="confirmSealing"]') as HTMLElement);
    await expect.poll(() => card('e2')).toBeNull();
    await ready();
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.path).toBe('/v1/exits/e2');
    expect(patch?.body).toEqual({ sealing: { method: 'wire_mesh', confirmedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } });
    expect(Date.now() - Date.parse((patch?.body as { sealing: { confirmedAt: string } }).sealing.confirmedAt)).toBeLessThan(60_000);
    expect(card('e2')).toBeNull();
    expect(document.querySelector('.board-map .board-marker[data-exit-id="e2"]')).toBeNull();
    expect(document.querySelector('.board-filters li[data-reason="seal_unconfirmed"] .board-reason-count')?.textContent).toBe('0');
  });

  it('puts the exit back with the error when the action fails', async () => {
    board('official', { patch: () => Response.json({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'exit e2 is open' }, { status: 409, headers: { 'content-type': 'application/problem+json' } }) });
    await ready();
    await userEvent.click(card('e2')?.querySelector('[data-action="confirmSealing"]') as HTMLElement);
    await expect.poll(() => card('e2')?.querySelector('[role="alert"]')?.textContent ?? '').toContain('exit e2 is open');
    expect(idsIn('seal_unconfirmed')).toEqual(['e2']);
  });

  it('lets city staff seal a surplus exit in one change; an exit still breaking another rule stays under it', async () => {
    const { calls } = board('city', { after: (id) => (id === 'e3' ? ['missed_clock_in'] : []) });
    await ready();
    await userEvent.click(card('e4')?.querySelector('[data-action="seal"]') as HTMLElement);
    await expect.poll(() => card('e4')).toBeNull();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ status: 'sealed', sealing: { method: 'fence', confirmedAt: expect.any(String) } });

    // A rota for the uncovered exit, its person picked by name: the posted rotation names their
    // account, then the exit keeps only its missed clock-in.
    const e3 = card('e3') as HTMLElement;
    const person = e3.querySelector('form[data-action="addShifts"] select') as HTMLSelectElement;
    await expect.poll(() => [...person.options].map((o) => o.textContent)).toEqual(['请选择值守人员', '钱值守', '赵值守']);
    expect(calls.find((c) => c.path.startsWith('/v1/staff'))?.path).toBe('/v1/staff?role=duty&communityId=cm2');
    await userEvent.selectOptions(person, '赵值守');
    await userEvent.click(e3.querySelector('form[data-action="addShifts"] button[type="submit"]') as HTMLElement);
    await expect.poll(() => idsIn('no_duty_coverage')).toEqual([]);
    await ready();
    expect(idsIn('missed_clock_in')).toEqual(['e3', 'e5']);
    const rota = calls.find((c) => c.path === '/v1/exits/e3/shifts');
    expect(rota?.body).toEqual({ rotation: { from: expect.any(String), days: 2, shiftHours: 24, people: ['duty-c-e3-1'] } });
  });

  it('names the people of an exit\'s shifts and missed clock-ins, never their accounts', async () => {
    const shift = (id: string, person: string, personName?: string) => ({
      id, exitId: 'e5', compoundId: 'c_e5', person, ...(personName ? { personName } : {}), start: ago(2), end: ago(-6),
      clockIn: 'missed', createdAt: ago(30), createdBy: 'city-1',
    });
    const missed = [shift('s1', 'duty-c-e5-1', '孙值守'), shift('s2', 'duty-gone-9')];
    board('city', { shifts: () => ({ items: missed, gaps: [], overlaps: [], missedClockIns: missed }) });
    await ready();
    await userEvent.click(card('e5')?.querySelector('[data-action="shifts"]') as HTMLElement);
    const names = () => [...document.querySelectorAll('[data-testid="board-shifts"] [data-testid="shift-person"]')].map((n) => n.textContent);
    await expect.poll(names).toEqual(['孙值守', '名录中无此人']);
    expect(document.querySelector('[data-testid="board-shifts"]')?.textContent).not.toContain('duty-');
  });

  it('loads the next page on request and keeps each exit once', async () => {
    board('official', {
      pages: {
        '': { items: [EXITS[0] as UnresolvedExit], nextToken: 'p2' },
        p2: { items: [EXITS[0] as UnresolvedExit, EXITS[1] as UnresolvedExit] },
      },
    });
    await ready();
    expect(document.querySelectorAll('.board-exit')).toHaveLength(1);
    await userEvent.click(page.getByRole('button', { name: '加载更多' }));
    await expect.poll(() => document.querySelectorAll('.board-exit').length).toBe(2);
    expect(page.getByRole('button', { name: '加载更多' }).query()).toBeNull();
  });
});

describe('missed disinfection rounds', () => {
  const round = (compoundId: string, date: string, completed: number) => ({
    compoundId, compoundName: `小区${compoundId}`, communityId: 'cm1', streetId: 's1', date, required: 2, completed,
  });

  it('lists compounds that missed rounds beside the exits, the last judged day first, another day on request', async () => {
    const { calls } = board('official', { rounds: [round('c1', '2026-11-22', 1), round('c2', '2026-11-22', 0), round('c3', '2026-11-21', 1)] });
    const section = page.getByTestId('missed-rounds');
    await expect.poll(() => section.query()?.querySelectorAll('.board-round').length).toBe(3);
    expect(section.element().querySelector('.board-round[data-compound-id="c2"]')?.textContent).toContain('完成 0 / 应做 2 次');
    expect(section.element().querySelector('.board-round[data-compound-id="c1"]')?.textContent).toContain('王府社区');
    expect(calls.find((c) => c.path.startsWith('/v1/missed-rounds'))?.path).not.toContain('date=');
    await userEvent.fill(page.getByLabelText('日期'), '2026-11-21');
    await expect.poll(() => section.element().querySelectorAll('.board-round').length).toBe(1);
    expect(section.element().querySelector('.board-count')?.textContent).toBe('1');
    expect(calls.some((c) => c.path.startsWith('/v1/missed-rounds') && c.path.includes('date=2026-11-21'))).toBe(true);
    // The chosen day in the app's words beside the field, whatever the browser's date format.
    expect(page.getByTestId('missed-rounds-day').element().textContent).toBe('2026年11月21日');
  });
});

describe('contrast', () => {
  /** WCAG's contrast ratio of two computed colours (rgb()/rgba() as the browser reports them). */
  const luminance = (colour: string) => {
    const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };

  it('writes every reason tag and marker in colours at least 4.5:1 apart (WCAG AA)', async () => {
    board('official');
    await expect.poll(() => document.querySelectorAll('.board-map .board-marker').length).toBe(5);
    const tagged = [...document.querySelectorAll<HTMLElement>('.board-reason-tag, .board-marker')];
    const reasons = new Set(tagged.map((el) => el.dataset.reason));
    expect([...reasons]).toEqual(expect.arrayContaining(['surplus_open_exit', 'seal_unconfirmed', 'no_duty_coverage', 'missed_clock_in']));
    for (const el of tagged) {
      const style = getComputedStyle(el);
      expect(ratio(style.color, style.backgroundColor), `${el.className} ${el.dataset.reason}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('on a phone', () => {
  it('shows the list or the map, switched by two buttons, the list first', async () => {
    await page.viewport(360, 740);
    try {
      board('official', {}, (ui) => <div className="app" style={{ height: '740px' }}>{ui}</div>);
      await ready();
      const list = document.querySelector<HTMLElement>('.board-list');
      const map = document.querySelector<HTMLElement>('.board-map-area');
      await expect.element(page.getByRole('button', { name: '列表' })).toHaveAttribute('aria-pressed', 'true');
      expect(list?.offsetHeight).toBeGreaterThan(0);
      expect(map?.offsetHeight).toBe(0);
      await userEvent.click(page.getByRole('button', { name: '地图' }));
      await expect.poll(() => map?.offsetHeight ?? 0).toBeGreaterThan(400);
      expect(list?.offsetHeight).toBe(0);
      // Shown, the map fits the exits and draws them.
      await expect.poll(() => document.querySelectorAll('.board-map .board-marker').length).toBe(5);
    } finally {
      await page.viewport(1024, 768);
    }
  });
});

describe('lockdown suggestions', () => {
  const suggestion = {
    id: 'a1', kind: 'lockdown_suggested', status: 'open', source: { type: 'case', id: 'k1' }, compoundId: 'c9', communityId: 'cm1', streetId: 's1',
    raisedAt: ago(1), raisedBy: 'community-1', details: { compoundName: '桂花新村', count: 2, date: '2026-11-23' },
    action: { operationId: 'sealCompound', method: 'POST', path: '/v1/compounds/c9/seal', body: { level: 'lockdown', reason: 'confirmed case reported 2026-11-23' } },
  };

  it('gives roles that may seal the one action: lockdown of the compound, then the suggestion closed', async () => {
    const { calls } = board('community', { alerts: [suggestion] });
    const item = page.getByTestId('lockdown-suggestions');
    await expect.poll(() => item.query()?.textContent).toContain('桂花新村');
    expect(item.element().textContent).toContain('报告确诊 2 例');
    await userEvent.click(page.getByRole('button', { name: '实施封控' }));
    await expect.poll(() => calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body])).toEqual([
      ['/v1/compounds/c9/seal', { level: 'lockdown', reason: 'confirmed case reported 2026-11-23' }],
      ['/v1/alerts/a1/close', { note: '已实施封控' }],
    ]);
  });

  it('keeps an acknowledged suggestion on the board, saying who took it on by name', async () => {
    const acknowledged = {
      ...suggestion, id: 'a2', status: 'acknowledged', compoundId: 'c8', details: { ...suggestion.details, compoundName: '丹桂苑' },
      acknowledgedBy: 'community-1', acknowledgedByName: '王府社区干部', acknowledgedAt: ago(1),
    };
    board('community', { alerts: [suggestion, acknowledged] });
    const section = page.getByTestId('lockdown-suggestions');
    await expect.poll(() => section.query()?.textContent).toContain('丹桂苑');
    expect(section.element().textContent).toContain('桂花新村');
    expect(document.querySelectorAll('.board-suggestion')).toHaveLength(2);
    const item = document.querySelector('[data-alert-id="a2"]');
    expect(item?.textContent).toContain('已由王府社区干部签收');
    expect(item?.textContent).not.toContain('community-1');
    expect(document.querySelector('[data-alert-id="a1"] [data-testid="lockdown-acknowledged"]')).toBeNull();
  });

  it('shows officials the suggestion without the action', async () => {
    board('official', { alerts: [suggestion] });
    await expect.poll(() => page.getByTestId('lockdown-suggestions').query()?.textContent).toContain('待社区或市防控指挥部决定');
    expect(page.getByRole('button', { name: '实施封控' }).query()).toBeNull();
  });
});

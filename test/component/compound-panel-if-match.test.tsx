/**
 * Changes made from a stale screen, in real Chromium (issue 13, defect 7): the compound panel's
 * edit and the board's exit actions send the version they showed as If-Match; when the API
 * answers 412 (someone else changed the item meanwhile) the user is told, and the item is read
 * again and shown as it now stands, so the next change is made from the current version.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { Role } from '#shared/roles.ts';
import type { UnresolvedExit } from '#shared/schemas/exit.ts';
import { BoardPage } from '#web/src/board/BoardPage.tsx';
import { CompoundPanel } from '#web/src/map/CompoundPanel.tsx';
import type { CompoundProps } from '#web/src/map/data.ts';
import { renderWithServices, type Call } from './render.tsx';

const STALE_PROBLEM = { type: '/problems/precondition-failed', title: 'Precondition failed', status: 412, detail: 'changed since' };
const stale = () => Response.json(STALE_PROBLEM, { status: 412, headers: { 'content-type': 'application/problem+json' } });
const none = () => Response.json({ type: '/problems/not-found', title: 'Not found', status: 404 }, { status: 404, headers: { 'content-type': 'application/problem+json' } });
const empty = { type: 'FeatureCollection', features: [] };

afterEach(() => {
  localStorage.removeItem('cordon.token');
  document.body.replaceChildren();
});

describe('CompoundPanel: changing the registry data', () => {
  const listed: CompoundProps = {
    id: 'c_1', name: '桂花新村', status: 'closed', communityId: 'cm1', streetId: 's1', propertyManaged: true, areaM2: 1000, unassigned: false, gridIds: [],
  };

  /** The API as the panel meets it; `stored` is the compound's current version, which a test may move on. */
  function panel(stored: { version: number; name: string; address: string }, role: Role = 'community') {
    const compound = () => ({
      type: 'Feature', id: 'c_1', geometry: { type: 'Point', coordinates: [112.6, 31.1] },
      properties: { ...listed, ...stored, areaSource: 'declared', location: [112.6, 31.1], createdAt: '2026-11-01T00:00:00Z', createdBy: 'seed', updatedAt: '2026-11-01T00:00:00Z', updatedBy: 'seed' },
    });
    return renderWithServices(
      <CompoundPanel compound={listed} role={role} communityName="王府社区" campaignId={undefined} coverage={undefined}
        onClose={() => undefined} onStatusChange={() => undefined} onLaunched={() => undefined} />,
      (call: Call) => {
        const path = new URL(call.path, 'http://x').pathname;
        if (path === '/v1/compounds/c_1' && call.method === 'PATCH') {
          if (call.ifMatch !== `"v${stored.version}"`) return stale();
          Object.assign(stored, call.body, { version: stored.version + 1 });
          return compound();
        }
        if (path === '/v1/compounds/c_1') return compound();
        if (path.endsWith('/buildings') || path.endsWith('/exits')) return empty;
        if (path.endsWith('/history')) return { items: [] };
        return none();
      },
    );
  }

  const address = () => document.querySelector<HTMLInputElement>('#compound-edit-address');

  it('sends the version it showed; on 412 says someone else changed it and shows the current version, which the next save sends', async () => {
    const stored = { version: 3, name: '桂花新村', address: '桂花路1号' };
    const { calls } = panel(stored);
    await userEvent.click(page.getByRole('button', { name: '修改信息' }));
    await expect.poll(() => address()?.value).toBe('桂花路1号');

    // Someone else saves while this user edits.
    Object.assign(stored, { version: 4, address: '桂花路9号' });
    await userEvent.fill(page.getByLabelText('小区名称'), '桂花新苑');
    await userEvent.click(page.getByRole('button', { name: '保存修改' }));

    await expect.poll(() => page.getByTestId('compound-edit-stale').query()?.textContent).toContain('其他人已更改了此小区');
    const first = calls.find((c) => c.method === 'PATCH');
    expect(first).toMatchObject({ path: '/v1/compounds/c_1', ifMatch: '"v3"', body: { name: '桂花新苑' } });
    // Read again: the form and the facts show the other person's address, and the name as stored.
    await expect.poll(() => address()?.value).toBe('桂花路9号');
    expect(document.querySelector<HTMLInputElement>('#compound-edit-name')?.value).toBe('桂花新村');
    expect(document.querySelector('.compound-panel .facts')?.textContent).toContain('桂花路9号');
    expect(stored).toEqual({ version: 4, name: '桂花新村', address: '桂花路9号' });

    // Decided anew, from the current version: saved.
    await userEvent.fill(page.getByLabelText('小区名称'), '桂花新苑');
    await userEvent.click(page.getByRole('button', { name: '保存修改' }));
    await expect.poll(() => page.getByRole('status').query()?.textContent).toBe('已保存。');
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.ifMatch)).toEqual(['"v3"', '"v4"']);
    expect(stored).toEqual({ version: 5, name: '桂花新苑', address: '桂花路9号' });
    await expect.poll(() => document.querySelector('#compound-title')?.textContent).toBe('桂花新苑');
    expect(page.getByTestId('compound-edit-stale').query()).toBeNull();
  });

  it('is not offered to roles that may not change the registry', async () => {
    const { screen } = panel({ version: 3, name: '桂花新村', address: '桂花路1号' }, 'official');
    await screen;
    await expect.poll(() => document.querySelector('.compound-panel .facts')?.textContent).toContain('桂花路1号');
    expect(page.getByRole('button', { name: '修改信息' }).query()).toBeNull();
  });
});

describe('BoardPage: an exit changed meanwhile', () => {
  const listedAt = '2026-11-22T08:00:00.000Z';
  const changedAt = '2026-11-22T08:05:00.000Z';
  const e1: UnresolvedExit = {
    id: 'e1', compoundId: 'c_e1', compoundName: '小区e1', communityId: 'cm1', streetId: 's1', name: 'e1门', status: 'open',
    location: [112.6, 31.18], reasons: [{ code: 'surplus_open_exit', message: '说明', since: listedAt }], since: listedAt, updatedAt: listedAt,
  };

  it('seals with the version listed; on 412 says so and shows the exit as it now stands, and acts again from that version', async () => {
    let current = { updatedAt: changedAt, reasons: [{ code: 'surplus_open_exit', message: '仍多开', since: listedAt }] };
    const rendered = renderWithServices(<BoardPage />, (call) => {
      const path = new URL(call.path, 'http://x').pathname;
      if (path === '/v1/exits') return { items: [e1] };
      if (path === '/v1/exits/e1' && call.method === 'PATCH') {
        if (call.ifMatch !== `"t${current.updatedAt}"`) return stale();
        current = { updatedAt: '2026-11-22T08:06:00.000Z', reasons: [] };
        return {};
      }
      if (path === '/v1/exits/e1') {
        return { ...e1, ...current, unresolved: current.reasons.length > 0, compoundStatus: 'closed' };
      }
      if (path === '/v1/communities') return empty;
      return { items: [] };
    });
    rendered.services.sessions.start({
      token: 'test', expiresAt: Date.now() + 3_600_000, user: { username: 'city-1', name: 'city', role: 'city', jurisdiction: {} },
    });
    const card = () => document.querySelector<HTMLElement>('.board-exit[data-exit-id="e1"]');
    const ready = () => expect.poll(() => document.querySelector('.board-page')?.getAttribute('data-state')).toBe('ready');
    const seal = page.getByRole('button', { name: '封闭此出入口' });
    await ready();

    await userEvent.click(seal);
    await expect.poll(() => card()?.querySelector('[data-testid="exit-stale"]')?.textContent ?? '').toContain('其他人刚刚更改了此出入口');
    expect(card()?.textContent).toContain('仍多开');
    const patches = () => rendered.calls.filter((c) => c.method === 'PATCH');
    expect(patches().map((c) => c.ifMatch)).toEqual([`"t${listedAt}"`]);

    await ready();
    await userEvent.click(seal);
    await expect.poll(() => card()).toBeNull();
    expect(patches().map((c) => c.ifMatch)).toEqual([`"t${listedAt}"`, `"t${changedAt}"`]);
  });
});

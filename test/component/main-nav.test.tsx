import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { MainNav } from '#web/src/layout/MainNav.tsx';
import { routes } from '#shared/catalogue/routes.ts';
import { ROLES } from '#shared/roles.ts';
import { routeOf, viewsOf } from '#web/src/layout/navigation.ts';

afterEach(() => window.history.replaceState(null, '', '/'));

describe('MainNav', () => {
  it("links an official's views, board first, marking the current one", async () => {
    await render(<MainNav role="official" current="board" />);
    const links = page.getByRole('link');
    await expect.element(links.first()).toHaveTextContent('督查看板');
    expect(links.elements().map((a) => a.textContent)).toEqual(['督查看板', '督导检查', '指挥大屏', '日报告', '地图']);
    await expect.element(page.getByRole('link', { name: '督查看板' })).toHaveAttribute('aria-current', 'page');
    await expect.element(page.getByRole('link', { name: '地图' })).not.toHaveAttribute('aria-current');
  });

  it('moves to a view by click and by keyboard without reloading the page', async () => {
    await render(<MainNav role="city" current="map" />);
    const marker = Symbol.for('still-the-same-page');
    (window as unknown as Record<symbol, boolean>)[marker] = true;
    await userEvent.click(page.getByRole('link', { name: '督查看板' }));
    expect(routeOf(window.location.pathname)).toEqual({ view: 'board' });
    page.getByRole('link', { name: '地图' }).element().focus();
    await userEvent.keyboard('{Enter}');
    expect(window.location.pathname).toBe('/map');
    expect((window as unknown as Record<symbol, boolean>)[marker]).toBe(true);
  });

  it("links duty staff's gate view first, their home, and the map", async () => {
    await render(<MainNav role="duty" current="gate" />);
    expect(page.getByRole('link').elements().map((a) => a.textContent)).toEqual(['卡口值守', '地图']);
    await expect.element(page.getByRole('link', { name: '卡口值守' })).toHaveAttribute('aria-current', 'page');
  });

  it('offers the inbox (and so the header\'s bell) only to roles the API lets read alerts', async () => {
    const readers: readonly string[] = routes.listAlerts.roles;
    for (const role of ROLES) expect(viewsOf(role).includes('inbox'), role).toBe(readers.includes(role));
    // A volunteer's only view is the orders queue: no inbox, so no bell and nothing to navigate between.
    expect(viewsOf('volunteer')).toEqual(['orders']);
    await render(<MainNav role="volunteer" current="orders" />);
    expect(page.getByRole('link').elements()).toHaveLength(0);
  });
});

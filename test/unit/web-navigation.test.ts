import { describe, expect, it } from 'vitest';
import { ROLES } from '#shared/roles.ts';
import { reportLinkPath } from '#shared/domain/links.ts';
import { loginLink, residentPath, routeOf, viewsOf } from '#web/src/layout/navigation.ts';
import { compoundIdOfPath } from '#web/src/public/resident-path.ts';

describe('web navigation', () => {
  it('reads the view from the path, trailing slash or not', () => {
    expect(routeOf('/map')).toEqual({ view: 'map' });
    expect(routeOf('/board/')).toEqual({ view: 'board' });
    expect(routeOf('/tasks')).toEqual({ view: 'tasks' });
    expect(routeOf('/')).toEqual({ view: 'home' });
    expect(routeOf('/elsewhere')).toEqual({ view: 'home' });
  });

  it("reads a resident page's compound and writes it back the same", () => {
    const id = 'c-花园 1/2';
    expect(compoundIdOfPath(residentPath(id))).toBe(id);
    expect(compoundIdOfPath(`${residentPath(id)}/`)).toBe(id);
    expect(compoundIdOfPath('/c/')).toBeUndefined();
    expect(compoundIdOfPath('/c/%E4')).toBeUndefined();
    expect(compoundIdOfPath('/map')).toBeUndefined();
  });

  it('leaves the resident page to its own entry: the app does not route it', () => {
    expect(routeOf(residentPath('c_1')).view).not.toBe('resident');
  });

  it("reads a report link's token, open without a sign-in", () => {
    const token = 'R1.r.pp_1.mabc.AbCd_-12.AAAAAAAAAAAAAAAAAAAAAA';
    expect(routeOf(reportLinkPath(token))).toEqual({ view: 'report', token });
    expect(routeOf('/r/')).toEqual({ view: 'home' });
  });

  it("reads the sign-in link's user, and writes it back the same", () => {
    const name = 'grid-王府 1&2';
    const link = loginLink(name);
    const query = link.indexOf('?');
    expect(routeOf(link.slice(0, query), link.slice(query))).toEqual({ view: 'login', user: name });
    expect(routeOf('/login')).toEqual({ view: 'login', user: undefined });
    expect(routeOf('/login', '?user=%20')).toEqual({ view: 'login', user: undefined });
  });

  it('opens the map to every role but volunteers (their work is the order queue), and tasks only to those who have tasks', () => {
    for (const role of ROLES.filter((r) => r !== 'volunteer')) expect(viewsOf(role), role).toContain('map');
    expect(viewsOf('volunteer')).toEqual(['orders']);
    expect(ROLES.filter((role) => viewsOf(role).includes('orders'))).toEqual(['community', 'grid', 'volunteer']);
    expect(ROLES.filter((role) => viewsOf(role).includes('tasks'))).toEqual(['grid', 'disinfection']);
    expect(viewsOf('official')[0]).toBe('board');
  });

  it("opens the gate view to duty staff only, as their home", () => {
    expect(routeOf('/gate')).toEqual({ view: 'gate' });
    expect(ROLES.filter((role) => viewsOf(role).includes('gate'))).toEqual(['duty']);
    expect(viewsOf('duty')[0]).toBe('gate');
  });
});

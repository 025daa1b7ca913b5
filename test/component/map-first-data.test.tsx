/**
 * The city map's first data in real Chromium against a scripted API: asked for while the map's
 * chunk is still loading (before the map page exists) and taken over by the map, each listing
 * once; never handed to another user, nor kept past its freshness, nor taken twice.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { App } from '#web/src/App.tsx';
import { FIRST_DATA_FRESH_MS, startFirstData, takeFirstData } from '#web/src/map/first-data.ts';
import { renderWithServices, scriptedApi, signInWith, type Call } from './render.tsx';
import { unsignedToken } from './tokens.ts';

const city = { username: 'city-1', role: 'city' as const, jurisdiction: {}, name: '王强' };

// Communities wide enough that the map opens far out, where the whole jurisdiction is drawn as dots.
const square = (lng: number, lat: number) => ({
  type: 'Polygon', coordinates: [[[lng, lat], [lng + 0.1, lat], [lng + 0.1, lat + 0.1], [lng, lat + 0.1], [lng, lat]]],
});
const communities = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', geometry: square(112.3, 31.1), properties: { id: 'cm1', name: '王府社区', streetId: 's1' } },
    { type: 'Feature', geometry: square(112.6, 31.1), properties: { id: 'cm2', name: '新华社区', streetId: 's2' } },
  ],
};
const dot = (id: string, communityId: string, streetId: string, lng: number) => ({
  type: 'Feature', id, geometry: { type: 'Point', coordinates: [lng, 31.15] },
  properties: { id, name: `${id}小区`, status: 'closed', communityId, streetId, gridIds: [] },
});
const compoundsOf: Record<string, unknown[]> = {
  s1: [dot('c1', 'cm1', 's1', 112.35)],
  s2: [dot('c2', 'cm2', 's2', 112.63), dot('c3', 'cm2', 's2', 112.66)],
  unassigned: [],
};

/** The API of a city of two streets; whatever else the page reads stays loading. */
function answer(seen: { mapPageWhenAsked?: boolean }) {
  return (call: Call): unknown => {
    const url = new URL(call.path, 'http://x');
    if (url.pathname === '/v1/communities') {
      seen.mapPageWhenAsked = document.querySelector('.map-page') !== null;
      return communities;
    }
    if (url.pathname === '/v1/compounds') {
      return { type: 'FeatureCollection', features: compoundsOf[url.searchParams.get('streetId') ?? 'unassigned'] ?? [] };
    }
    return new Promise(() => undefined);
  };
}

afterEach(() => {
  vi.useRealTimers();
  window.history.replaceState(null, '', '/');
  localStorage.removeItem('cordon.token');
  document.body.replaceChildren();
});

describe('the city map\'s first data', () => {
  it('is asked for while the map\'s chunk loads, and the map draws it without asking again', async () => {
    window.history.replaceState(null, '', '/map');
    const seen: { mapPageWhenAsked?: boolean } = {};
    const { services, calls } = renderWithServices(<App />, answer(seen));
    signInWith(services, unsignedToken(city));
    await expect.poll(() => page.getByTestId('legend').query()?.querySelector('.legend-total .legend-count')?.textContent, { timeout: 30_000 }).toBe('3');
    // Asked before the map page was there to ask.
    expect(seen.mapPageWhenAsked).toBe(false);
    const listed = (path: string) => {
      const url = new URL(path, 'http://x');
      return url.pathname === '/v1/compounds' ? `${url.searchParams.get('streetId') ?? 'unassigned'} ${url.searchParams.get('shape')}` : url.pathname;
    };
    const listings = calls.map((c) => listed(c.path)).filter((p) => p === '/v1/communities' || !p.startsWith('/'));
    expect(listings.sort()).toEqual(['/v1/communities', 's1 point', 's2 point', 'unassigned point']);
  });

  it('goes to nobody but the user it was asked for, once, while fresh', () => {
    const { api, calls } = scriptedApi(answer({}));
    startFirstData(api, 'city-1', 'zh-CN');
    // Asked again for the same user and language while under way: not asked twice.
    startFirstData(api, 'city-1', 'zh-CN');
    expect(calls.filter((c) => c.path === '/v1/communities')).toHaveLength(1);
    expect(takeFirstData('city-2', 'zh-CN')).toBeUndefined();
    // Offered once: the other user's attempt dropped it.
    expect(takeFirstData('city-1', 'zh-CN')).toBeUndefined();

    startFirstData(api, 'city-1', 'zh-CN');
    expect(takeFirstData('city-1', 'en')).toBeUndefined();
    startFirstData(api, 'city-1', 'zh-CN');
    expect(takeFirstData('city-1', 'zh-CN')?.username).toBe('city-1');
    expect(takeFirstData('city-1', 'zh-CN')).toBeUndefined();

    vi.useFakeTimers({ toFake: ['Date'] });
    startFirstData(api, 'city-1', 'zh-CN');
    vi.setSystemTime(Date.now() + FIRST_DATA_FRESH_MS + 1);
    expect(takeFirstData('city-1', 'zh-CN')).toBeUndefined();
  });
});

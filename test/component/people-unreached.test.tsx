/**
 * The community's "not reached today" in real Chromium against a scripted API: the vulnerable
 * residents the API lists as not reached by their cadre, masked, with the cadre by name and
 * where they live; none left says so.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { UnreachedPairs } from '#web/src/people/UnreachedPairs.tsx';
import '#web/src/styles/tasks.css';
import '#web/src/styles/people.css';
import { communityUser, NOW, peopleApi, TODAY } from './people-fixtures.ts';
import { renderWithServices, signInWith, type Call } from './render.tsx';
import { unsignedToken } from './tokens.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

function open(items: unknown[]) {
  const people = peopleApi([]);
  const answer = (call: Call): unknown =>
    call.method === 'GET' && call.path.startsWith('/v1/unreached-pairs') ? { date: TODAY, items } : people.answer(call);
  const rendered = renderWithServices(<UnreachedPairs />, answer);
  signInWith(rendered.services, unsignedToken(communityUser));
  return rendered;
}

describe('who was not reached today', () => {
  it('lists the unreached pairs with their cadre by name', async () => {
    const { calls, screen } = open([
      { day: TODAY, personId: 'v1', name: '刘*', compoundId: 'c1', buildingId: 'b1', communityId: 'cm1', gridId: 'g1', pairedWith: 'cadre-1', lastContactAt: '2026-12-05T02:00:00.000Z' },
      { day: TODAY, personId: 'v2', name: '陈*', compoundId: 'c1', buildingId: 'b1', communityId: 'cm1', gridId: 'g1', pairedWith: 'cadre-unknown' },
    ]);
    await screen;
    const list = page.getByRole('region', { name: /今日未联系的结对对象/ });
    await expect.element(list.getByRole('link', { name: '刘*' })).toBeVisible();
    await expect.element(list.getByText('粮食局宿舍区 · 3栋 · 结对干部：王干部 · 上次联系 12-05')).toBeVisible();
    await expect.element(list.getByRole('link', { name: '陈*' })).toBeVisible();
    await expect.element(list.getByText(/尚无联系记录/)).toBeVisible();
    expect(list.getByRole('link', { name: '刘*' }).element().getAttribute('href')).toBe('/people/v1');
    expect(calls.some((c) => c.path.startsWith('/v1/unreached-pairs'))).toBe(true);
  });

  it('says so when everyone was reached', async () => {
    const { screen } = open([]);
    await screen;
    await expect.element(page.getByText('今天的结对对象都已联系。')).toBeVisible();
  });
});

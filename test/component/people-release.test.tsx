/**
 * Release on the person's page in real Chromium against a scripted API: a refusal (409 naming
 * what is missing) is shown with its reasons and offers 强制解除, which will not go without a note
 * and then sends the force flag with it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { PersonPage } from '#web/src/people/PersonPage.tsx';
import '#web/src/styles/tasks.css';
import '#web/src/styles/people.css';
import { communityUser, NOW, person, peopleApi } from './people-fixtures.ts';
import { renderWithServices, signInWith, type Call } from './render.tsx';
import { unsignedToken } from './tokens.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

const REASONS = '人员 p1 尚不满足解除条件：period-not-over (2026-12-14T16:00:00.000Z); tests-missing (2026-12-07)；如确需解除，请强制解除并说明原因';

describe('releasing a person', () => {
  it('shows the refusal\'s reasons and forces the release only with a note', async () => {
    const people = peopleApi([person('p1', { name: '张三' })]);
    const answer = (call: Call): unknown => {
      if (call.method === 'POST' && call.path === '/v1/people/p1/release') {
        const body = call.body as { force?: boolean; note?: string };
        if (!body.force) {
          return Response.json(
            { type: '/problems/conflict', title: 'Conflict', status: 409, detail: REASONS, code: 'person.not-releasable' },
            { status: 409, headers: { 'content-type': 'application/problem+json' } },
          );
        }
        const released = { ...people.people.get('p1')!, status: 'released' as const };
        people.people.set('p1', released);
        return { ...released, tests: [], contacts: [] };
      }
      return people.answer(call);
    };
    const { calls, services, screen } = renderWithServices(<PersonPage id="p1" />, answer);
    signInWith(services, unsignedToken(communityUser));
    await screen;
    await expect.element(page.getByRole('heading', { name: '张三' })).toBeVisible();

    await userEvent.click(page.getByRole('button', { name: '解除观察' }));
    await userEvent.click(page.getByRole('button', { name: '确认解除' }));
    // The refusal says what is missing, and offers to force it.
    await expect.element(page.getByText('尚不满足解除条件：', { exact: true })).toBeVisible();
    await expect.element(page.getByText(/tests-missing \(2026-12-07\)/)).toBeVisible();
    const force = page.getByRole('button', { name: '强制解除' });
    await expect.element(force).toBeVisible();

    // Not without a note.
    await userEvent.click(force);
    await expect.element(page.getByText('请说明强制解除的原因。')).toBeVisible();
    expect(calls.filter((c) => c.path === '/v1/people/p1/release')).toHaveLength(1);

    await userEvent.fill(page.getByRole('textbox', { name: '强制解除原因（必填）' }), '区指挥部通知提前解除');
    await userEvent.click(force);
    await expect.element(page.getByTestId('person-status')).toHaveTextContent('已解除');
    const releases = calls.filter((c) => c.path === '/v1/people/p1/release');
    expect(releases.map((c) => c.body)).toEqual([{}, { force: true, note: '区指挥部通知提前解除' }]);
    await expect.element(page.getByRole('button', { name: '强制解除' })).not.toBeInTheDocument();
  });
});

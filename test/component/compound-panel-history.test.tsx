/**
 * The compound panel's sealing history in real Chromium (issue 14): each change dated with its
 * year when it is not this year, and its author named as a person reads it — the name the API
 * recorded, "系统" for Cordon's own work, the role for an older record without a name — never
 * an account id.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { CompoundPanel } from '#web/src/map/CompoundPanel.tsx';
import type { CompoundProps } from '#web/src/map/data.ts';
import { renderWithServices, type Call } from './render.tsx';

const empty = { type: 'FeatureCollection', features: [] };
const none = () => Response.json({ type: '/problems/not-found', title: 'Not found', status: 404 }, { status: 404, headers: { 'content-type': 'application/problem+json' } });

afterEach(() => document.body.replaceChildren());

const listed: CompoundProps = {
  id: 'c_1', name: '桂花新村', status: 'closed', communityId: 'cm1', streetId: 's1', propertyManaged: true, areaM2: 1000, unassigned: false, gridIds: [],
};
const thisYear = new Date().getFullYear();
const history = [
  { at: `${thisYear}-03-01T02:00:00Z`, actor: 'city-wang', actorName: '王建国', role: 'city', action: 'seal', entity: 'COMPOUND', entityId: 'c_1', changes: { status: { from: 'closed', to: 'lockdown' } } },
  { at: `${thisYear}-02-20T02:00:00Z`, actor: 'official-li', role: 'official', action: 'lift', entity: 'COMPOUND', entityId: 'c_1', changes: { status: { from: 'closed', to: 'lifted' } } },
  { at: `${thisYear - 1}-02-18T15:00:00Z`, actor: 'system:seed', role: 'city', action: 'seal', entity: 'COMPOUND', entityId: 'c_1', changes: { status: { from: 'normal', to: 'closed' } } },
];

function renderPanel() {
  return renderWithServices(
    <CompoundPanel compound={listed} role="city" communityName="王府社区" campaignId={undefined} coverage={undefined}
      onClose={() => undefined} onStatusChange={() => undefined} onLaunched={() => undefined} />,
    (call: Call) => {
      const path = new URL(call.path, 'http://x').pathname;
      if (path.endsWith('/history')) return { items: history };
      if (path.endsWith('/buildings') || path.endsWith('/exits')) return empty;
      return none();
    },
  );
}

describe('CompoundPanel: sealing history', () => {
  it('names who made each change (name, 系统, or role), never the account id', async () => {
    renderPanel();
    const rows = page.getByTestId('history').getByRole('listitem');
    await expect.poll(() => rows.elements().length).toBe(3);
    const texts = rows.elements().map((li) => li.textContent ?? '');
    expect(texts[0]).toContain('（王建国）');
    expect(texts[1]).toContain('（督查人员工作人员）');
    expect(texts[2]).toContain('（系统）');
    for (const text of texts) expect(text).not.toMatch(/system|city-wang|official-li/);
  });

  it('dates this year\'s changes without the year and older ones with it', async () => {
    renderPanel();
    const times = page.getByTestId('history').getByRole('listitem');
    await expect.poll(() => times.elements().length).toBe(3);
    const dates = times.elements().map((li) => li.querySelector('time')?.textContent ?? '');
    expect(dates[0]).not.toContain(String(thisYear));
    expect(dates[2]).toContain(String(thisYear - 1));
  });
});

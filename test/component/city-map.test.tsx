/**
 * The city map's pieces in real Chromium: the legend (status by colour, pattern and words,
 * counts), the compound actions each role is offered and what they send, and the layer
 * switches with the campaign picker.
 */
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import type { Role } from '#shared/roles.ts';
import { CompoundActions } from '#web/src/map/CompoundActions.tsx';
import type { CompoundProps } from '#web/src/map/data.ts';
import { LayerSwitches, type Layers } from '#web/src/map/LayerSwitches.tsx';
import { STATUS_PATTERNS } from '#web/src/map/status.ts';
import { StatusLegend } from '#web/src/map/StatusLegend.tsx';
import { renderWithServices } from './render.tsx';

const compound = (status: CompoundProps['status']): CompoundProps => ({
  id: 'c_1', name: '桂花新村', status, communityId: 'cm1', streetId: 's1', propertyManaged: true, areaM2: 1000, unassigned: false, gridIds: ['g1'],
});

describe('StatusLegend', () => {
  it('names each status in Chinese with its count, and marks a hidden one in words', async () => {
    await render(<StatusLegend counts={{ normal: 3, closed: 5, lockdown: 1, lifted: 0 }} hidden={new Set(['lifted'])} />);
    const legend = page.getByTestId('legend');
    await expect.poll(() => legend.query()?.textContent).toContain('封闭管理');
    const items = [...legend.element().querySelectorAll<HTMLElement>('li[data-status]')];
    expect(items.map((li) => [li.dataset.status, li.querySelector('.legend-count')?.textContent])).toEqual([
      ['normal', '3'], ['closed', '5'], ['lockdown', '1'], ['lifted', '0'], ['total', '9'],
    ]);
    expect(items[3]?.classList.contains('legend-hidden')).toBe(true);
    expect(items[3]?.textContent).toContain('已隐藏');
  });

  it('gives each sealed status a pattern of its own, so colour is not the only cue', async () => {
    await render(<StatusLegend counts={{ normal: 0, closed: 0, lockdown: 0, lifted: 0 }} hidden={new Set()} />);
    const swatches = [...page.getByTestId('legend').element().querySelectorAll<HTMLElement>('li[data-status] .swatch')].map((s) => getComputedStyle(s).backgroundImage);
    expect(swatches).toHaveLength(4);
    expect(swatches[0]).toBe('none');
    expect(new Set(swatches.slice(1)).size).toBe(3);
    for (const image of swatches.slice(1)) expect(image).toMatch(/gradient/);
    expect(STATUS_PATTERNS.normal).toBe('none');
  });
});

describe('CompoundActions', () => {
  const offered = async (role: Role, status: CompoundProps['status']) => {
    const { screen } = renderWithServices(<CompoundActions compound={compound(status)} role={role} onStatusChange={() => undefined} onLaunched={() => undefined} />);
    await Promise.resolve(screen);
    return [...document.querySelectorAll<HTMLButtonElement>('.action-buttons button')].map((b) => b.textContent);
  };

  it('offers city staff seal, lift and a sweep on a closed compound; community staff no lift; officials only a sweep; grid workers nothing', async () => {
    expect(await offered('city', 'closed')).toEqual(['封闭…', '解除…', '发起排查']);
    document.body.replaceChildren();
    expect(await offered('community', 'closed')).toEqual(['封闭…', '发起排查']);
    document.body.replaceChildren();
    expect(await offered('official', 'closed')).toEqual(['发起排查']);
    document.body.replaceChildren();
    expect(await offered('grid', 'closed')).toEqual([]);
    document.body.replaceChildren();
    // Nothing to lift on a normal compound.
    expect(await offered('city', 'normal')).toEqual(['封闭…', '发起排查']);
  });

  it('seals with the chosen level and reason, and reports the new status', async () => {
    const changes: string[] = [];
    const { calls } = renderWithServices(
      <CompoundActions compound={compound('normal')} role="city" onStatusChange={(id, status) => changes.push(`${id}:${status}`)} onLaunched={() => undefined} />,
      () => ({ id: 'c_1', status: 'lockdown', from: 'normal', reason: 'x', at: '2026-11-23T00:00:00Z', by: 'city', unresolvedExits: 2 }),
    );
    await userEvent.click(page.getByRole('button', { name: '封闭…' }));
    await userEvent.selectOptions(page.getByLabelText('管控级别'), 'lockdown');
    const confirm = page.getByRole('button', { name: '确认封闭' });
    await expect.element(confirm).toBeDisabled();
    await userEvent.fill(page.getByLabelText('原因'), '出现确诊病例');
    await userEvent.click(confirm);
    await expect.poll(() => page.getByRole('status').query()?.textContent).toBe('已改为封控；2 个出入口不符合规定。');
    expect(calls).toEqual([{ method: 'POST', path: '/v1/compounds/c_1/seal', body: { level: 'lockdown', reason: '出现确诊病例' } }]);
    expect(changes).toEqual(['c_1:lockdown']);
  });

  it('launches a sweep scoped to the compound and hands over the new campaign', async () => {
    const launched: string[] = [];
    const { calls } = renderWithServices(
      <CompoundActions compound={compound('closed')} role="official" onStatusChange={() => undefined} onLaunched={(id) => launched.push(id)} />,
      () => ({ id: 'cp_new' }),
    );
    await userEvent.click(page.getByRole('button', { name: '发起排查' }));
    await expect.poll(() => page.getByRole('status').query()?.textContent).toContain('排查已发起');
    expect(calls).toEqual([{ method: 'POST', path: '/v1/campaigns', body: { kind: 'sweep', scope: { type: 'compound', id: 'c_1' } } }]);
    expect(launched).toEqual(['cp_new']);
  });

  it('shows the API\'s refusal and changes nothing', async () => {
    const changes: string[] = [];
    renderWithServices(
      <CompoundActions compound={compound('closed')} role="city" onStatusChange={(id, s) => changes.push(s)} onLaunched={() => undefined} />,
      () => new Response(JSON.stringify({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'compound c_1 is already closed' }), { status: 409, headers: { 'content-type': 'application/problem+json' } }),
    );
    await userEvent.click(page.getByRole('button', { name: '解除…' }));
    await userEvent.fill(page.getByLabelText('原因'), '解除');
    await userEvent.click(page.getByRole('button', { name: '确认解除封闭管理' }));
    await expect.element(page.getByText('操作未成功')).toBeVisible();
    expect(changes).toEqual([]);
  });
});

describe('LayerSwitches', () => {
  it('switches a layer off and picks a campaign, by keyboard-reachable controls', async () => {
    let layers: Layers = { communities: true, exits: true, unvisited: true };
    let campaign = '';
    await render(
      <LayerSwitches
        layers={layers}
        onChange={(next) => (layers = next)}
        campaigns={[{ id: 'cp_1', kind: 'sweep', scope: { type: 'city' }, status: 'active', createdAt: '2026-11-22T02:00:00Z' } as never]}
        campaignId=""
        onCampaign={(id) => (campaign = id)}
        showExits
      />,
    );
    await userEvent.click(page.getByRole('checkbox', { name: '出入口' }));
    expect(layers).toEqual({ communities: true, exits: false, unvisited: true });
    await userEvent.selectOptions(page.getByLabelText('排查任务'), 'cp_1');
    expect(campaign).toBe('cp_1');
    await expect.element(page.getByRole('option', { name: /排查 · 全市/ })).toBeInTheDocument();
  });
});

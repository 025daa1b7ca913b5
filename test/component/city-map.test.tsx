/**
 * The city map's pieces in real Chromium: the legend (status by colour, pattern and words,
 * counts), the compound actions each role is offered and what they send, and the layer
 * switches with the campaign picker.
 */
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import type { Role } from '#shared/roles.ts';
import { CityCounts } from '#web/src/map/CityCounts.tsx';
import { CompoundActions } from '#web/src/map/CompoundActions.tsx';
import { useCampaignCoverage, type Campaign, type CompoundProps } from '#web/src/map/data.ts';
import { LayerSwitches, type Layers } from '#web/src/map/LayerSwitches.tsx';
import { STATUS_PATTERNS } from '#web/src/map/status.ts';
import { StatusLegend } from '#web/src/map/StatusLegend.tsx';
import { renderWithServices } from './render.tsx';

const compound = (status: CompoundProps['status']): CompoundProps => ({
  id: 'c_1', name: '桂花新村', status, communityId: 'cm1', streetId: 's1', propertyManaged: true, areaM2: 1000, unassigned: false, gridIds: ['g1'],
});

const SIZE = { buildings: 8, households: 200 };

/** A sweep of c_1 as the API reads it, `tasks` of its 12 made so far. */
const campaignOf = (id: string, status: Campaign['status'], tasks: number): Campaign => ({
  id, kind: 'sweep', scope: { type: 'compound', id: 'c_1' }, status,
  totals: { buildings: tasks, households: tasks * 25, tasks },
  progress: { tasksCreated: tasks, tasksDone: 0, buildingsVisited: 0, householdsVisited: 0, peopleSeen: 0 },
  coverage: 0, compounds: { planned: 1, expanded: status === 'active' ? 1 : 0, failed: 0 }, failed: [], flags: {},
  createdAt: '2026-11-22T02:00:00Z', createdBy: 'official',
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

describe('while the map loads', () => {
  it('shows the counts as loading (busy, "…"), never as zeros the map has not established', async () => {
    await render(
      <>
        <CityCounts counts={undefined} unresolvedExits={null} unvisited={{ count: 0, loading: true }} campaign={null} />
        <StatusLegend counts={undefined} hidden={new Set()} />
      </>,
    );
    const counts = page.getByTestId('city-counts');
    await expect.element(counts).toBeInTheDocument();
    const figures = [...counts.element().querySelectorAll<HTMLElement>('li strong')];
    expect(figures).toHaveLength(7);
    for (const figure of figures) {
      expect(figure.getAttribute('aria-busy')).toBe('true');
      expect(figure.textContent).not.toMatch(/\d/);
    }
    expect(counts.element().querySelector('[data-testid="unresolved-count"] strong')?.textContent).toBe('…加载中');
    const legend = [...page.getByTestId('legend').element().querySelectorAll<HTMLElement>('.legend-count')];
    expect(legend.every((c) => c.getAttribute('aria-busy') === 'true' && c.dataset.count === undefined)).toBe(true);
  });

  it('shows the counts once known, unresolved exits included', async () => {
    await render(<CityCounts counts={{ normal: 3, closed: 5, lockdown: 1, lifted: 0 }} unresolvedExits={0} unvisited={undefined} campaign={undefined} />);
    const unresolved = page.getByTestId('unresolved-count').element().querySelector('strong');
    expect(unresolved?.dataset.count).toBe('0');
    expect(unresolved?.getAttribute('aria-busy')).toBeNull();
  });

  it('shows a campaign still fanning out by its progress, not as a coverage of 0/0', async () => {
    await render(<CityCounts counts={{ normal: 0, closed: 1, lockdown: 0, lifted: 0 }} unresolvedExits={undefined} unvisited={undefined} campaign={campaignOf('cp_1', 'fanning-out', 7)} />);
    const coverage = page.getByTestId('coverage');
    await expect.poll(() => coverage.element().textContent).toContain('派发中：已生成 7 项任务');
    expect(coverage.element().textContent).not.toContain('0/0');
  });
});

describe('CampaignWatch', () => {
  it('reads a fanning-out campaign again until the API reports it active', async () => {
    let reads = 0;
    function Probe() {
      const coverage = useCampaignCoverage('cp_1');
      return <p data-testid="probe">{coverage.current?.campaign.status ?? 'loading'}</p>;
    }
    const { calls } = renderWithServices(<Probe />, (call) => {
      if (call.path.startsWith('/v1/campaigns/cp_1/coverage')) return { items: [] };
      reads += 1;
      return campaignOf('cp_1', reads < 3 ? 'fanning-out' : 'active', reads);
    });
    await expect.element(page.getByTestId('probe')).toHaveTextContent('fanning-out');
    await expect.poll(() => page.getByTestId('probe').element().textContent, { timeout: 10_000 }).toBe('active');
    // Read until the API said active, not once more: three reads of the campaign, each with its coverage.
    expect(reads).toBe(3);
    expect(calls.filter((c) => c.path.startsWith('/v1/campaigns/cp_1/coverage'))).toHaveLength(3);
  });
});

describe('CompoundActions', () => {
  const offered = async (role: Role, status: CompoundProps['status']) => {
    const { screen } = renderWithServices(<CompoundActions compound={compound(status)} role={role} size={SIZE} campaign={undefined} onStatusChange={() => undefined} onLaunched={() => undefined} />);
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
      <CompoundActions compound={compound('normal')} role="city" size={SIZE} campaign={undefined} onStatusChange={(id, status) => changes.push(`${id}:${status}`)} onLaunched={() => undefined} />,
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

  it('asks to confirm a sweep, naming how many buildings and households it covers, and sends nothing until confirmed', async () => {
    const { calls } = renderWithServices(
      <CompoundActions compound={compound('closed')} role="official" size={{ buildings: 1600, households: 133879 }} campaign={undefined} onStatusChange={() => undefined} onLaunched={() => undefined} />,
      () => ({ id: 'cp_new' }),
    );
    await userEvent.click(page.getByRole('button', { name: '发起排查' }));
    const confirm = page.getByTestId('sweep-confirm');
    await expect.poll(() => confirm.element().textContent).toContain('将为桂花新村的 1,600 栋楼（133,879 户）生成走访任务');
    await userEvent.click(page.getByRole('button', { name: '取消' }));
    await expect.element(confirm).not.toBeInTheDocument();
    expect(calls).toEqual([]);
  });

  it('cannot be confirmed while the compound\'s buildings are being counted', async () => {
    renderWithServices(
      <CompoundActions compound={compound('closed')} role="official" size={undefined} campaign={undefined} onStatusChange={() => undefined} onLaunched={() => undefined} />,
    );
    await userEvent.click(page.getByRole('button', { name: '发起排查' }));
    await expect.poll(() => page.getByTestId('sweep-confirm').element().textContent).toContain('正在统计楼栋和户数');
    await expect.element(page.getByRole('button', { name: '确认发起' })).toBeDisabled();
  });

  it('launches a confirmed sweep scoped to the compound, then shows its fan-out live until the API reports it active', async () => {
    const launched: string[] = [];
    let show: (campaign: Campaign) => void = () => undefined;
    function Harness() {
      const [campaign, setCampaign] = useState<Campaign>();
      show = setCampaign;
      return <CompoundActions compound={compound('closed')} role="official" size={{ buildings: 12, households: 300 }} campaign={campaign} onStatusChange={() => undefined} onLaunched={(id) => launched.push(id)} />;
    }
    const { calls } = renderWithServices(<Harness />, () => ({ id: 'cp_new' }));
    await userEvent.click(page.getByRole('button', { name: '发起排查' }));
    await userEvent.click(page.getByRole('button', { name: '确认发起' }));
    expect(launched).toEqual(['cp_new']);
    expect(calls).toEqual([{ method: 'POST', path: '/v1/campaigns', body: { kind: 'sweep', scope: { type: 'compound', id: 'c_1' } } }]);

    const progress = page.getByTestId('sweep-progress');
    await expect.poll(() => progress.element().textContent).toContain('已生成 0/12 项任务');
    show(campaignOf('cp_new', 'fanning-out', 5));
    await expect.poll(() => progress.element().textContent).toContain('已生成 5/12 项任务');
    expect(progress.element().querySelector('progress')?.value).toBe(5);
    expect(progress.element().querySelector('[role="status"]')?.getAttribute('aria-busy')).toBe('true');
    show(campaignOf('cp_new', 'active', 12));
    await expect.poll(() => progress.element().textContent).toContain('排查已开始：12 项任务已派发');
    expect(progress.element().querySelector('progress')).toBeNull();
  });

  it('shows the API\'s refusal and changes nothing', async () => {
    const changes: string[] = [];
    renderWithServices(
      <CompoundActions compound={compound('closed')} role="city" size={SIZE} campaign={undefined} onStatusChange={(id, s) => changes.push(s)} onLaunched={() => undefined} />,
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

/**
 * The compounds' canvas layers in real Chromium (Leaflet on a blank map): dots far out, outlines
 * close in, and the dots kept — hidden with their pane, not rebuilt — while zoomed in, so that
 * zooming back out over a whole city costs no new shapes.
 */
import L from 'leaflet';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MapContainer, Pane } from 'react-leaflet';
import { CompoundShapes } from '#web/src/map/CompoundShapes.tsx';
import type { CompoundSummary } from '#web/src/map/data.ts';
import type { CompoundShape } from '#web/src/map/tiles.ts';
import { ServicesProvider } from '#web/src/services.tsx';
import { renderWithServices } from './render.tsx';

const props = (id: string) => ({ id, name: `小区${id}`, status: 'normal' as const, communityId: 'cm1', streetId: 's1', gridIds: [] });
const dot = (id: string, lng: number): CompoundSummary => ({ type: 'Feature', id, geometry: { type: 'Point', coordinates: [lng, 31.1] }, properties: props(id) });
const outline = (id: string, lng: number): CompoundSummary => ({
  type: 'Feature', id,
  geometry: { type: 'Polygon', coordinates: [[[lng, 31.1], [lng + 0.002, 31.1], [lng + 0.002, 31.102], [lng, 31.102], [lng, 31.1]]] },
  properties: props(id),
});

function Harness({ compounds, shape }: { compounds: readonly CompoundSummary[]; shape: CompoundShape }) {
  return (
    <MapContainer center={[31.1, 112.5]} zoom={13} style={{ width: 400, height: 300 }} preferCanvas>
      <Pane name="compounds" style={{ zIndex: 420 }}>
        <CompoundShapes pane="compounds" dotPane="compound-dots" compounds={compounds} shape={shape} selectedId={undefined} onSelect={() => undefined} />
      </Pane>
      <Pane name="compound-dots" style={{ zIndex: 421 }} />
    </MapContainer>
  );
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('CompoundShapes', () => {
  it('keeps the dots, hidden, while outlines are drawn close in, and shows them again without building them anew', async () => {
    const built = vi.spyOn(L, 'circleMarker');
    const dots = [dot('c_1', 112.49), dot('c_2', 112.5), dot('c_3', 112.51)];
    const { screen, services } = renderWithServices(<Harness compounds={dots} shape="point" />);
    const rendered = await Promise.resolve(screen);
    const rerender = (compounds: readonly CompoundSummary[], shape: CompoundShape) =>
      rendered.rerender(<ServicesProvider services={services}><Harness compounds={compounds} shape={shape} /></ServicesProvider>);
    const container = () => document.querySelector<HTMLElement>('.leaflet-container');
    const dotPane = () => document.querySelector<HTMLElement>('.leaflet-compound-dots-pane');
    await expect.poll(() => container()?.dataset.drawn).toBe('3');
    expect(built).toHaveBeenCalledTimes(3);
    expect(dotPane()?.style.display).toBe('');
    expect(dotPane()?.querySelector('canvas')).not.toBeNull();

    // Close in: outlines of the cells in view (none yet while they load, then one).
    await rerender([], 'area');
    await expect.poll(() => container()?.dataset.drawn).toBe('0');
    expect(dotPane()?.style.display).toBe('none');
    await rerender([outline('c_2', 112.5)], 'area');
    await expect.poll(() => container()?.dataset.drawn).toBe('1');
    expect(document.querySelector('.leaflet-compounds-pane canvas')).not.toBeNull();

    // Back out: the same three dots, shown again, none built anew.
    await rerender(dots, 'point');
    await expect.poll(() => container()?.dataset.drawn).toBe('3');
    expect(dotPane()?.style.display).toBe('');
    expect(built).toHaveBeenCalledTimes(3);

    // A dot no longer listed (a filter, say) goes.
    await rerender(dots.slice(1), 'point');
    await expect.poll(() => container()?.dataset.drawn).toBe('2');
  });
});

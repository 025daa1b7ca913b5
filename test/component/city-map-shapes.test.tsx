/**
 * The compounds drawn by tiles in real Chromium (Leaflet on a blank map): dots and outlines on
 * canvas tiles at the pixels the map puts them, coloured by status and drawn again when a status
 * changes or a filter drops one, a click on a drawn outline choosing its compound (and a click
 * beside it choosing none), and the map's container saying when the tiles in view are drawn —
 * a view of many tiles drawn a few a frame, and said drawn only once all of them are.
 */
import type L from 'leaflet';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MapContainer, Pane, useMap } from 'react-leaflet';
import { CompoundShapes } from '#web/src/map/CompoundShapes.tsx';
import { TILES_PER_FRAME } from '#web/src/map/CompoundTileLayer.ts';
import type { CompoundProps, CompoundSummary } from '#web/src/map/data.ts';
import type { CompoundShape } from '#web/src/map/tiles.ts';
import { ServicesProvider } from '#web/src/services.tsx';
import { renderWithServices } from './render.tsx';

const props = (id: string, status: CompoundProps['status'] = 'normal') => ({ id, name: `小区${id}`, status, communityId: 'cm1', streetId: 's1', gridIds: [] });
const dot = (id: string, lng: number, status: CompoundProps['status'] = 'normal'): CompoundSummary => ({ type: 'Feature', id, geometry: { type: 'Point', coordinates: [lng, 31.1] }, properties: props(id, status) });
const outline = (id: string, lng: number): CompoundSummary => ({
  type: 'Feature', id,
  geometry: { type: 'Polygon', coordinates: [[[lng, 31.1], [lng + 0.004, 31.1], [lng + 0.004, 31.103], [lng, 31.103], [lng, 31.1]]] },
  properties: props(id),
});

let leaflet: L.Map | undefined;
function Capture() {
  leaflet = useMap();
  return null;
}

interface HarnessProps {
  readonly compounds: readonly CompoundSummary[];
  readonly shape: CompoundShape;
  readonly zoom?: number;
  readonly size?: readonly [number, number];
  onSelect?(compound: CompoundProps): void;
}

function Harness({ compounds, shape, zoom = 13, size = [400, 300], onSelect = () => undefined }: HarnessProps) {
  return (
    <MapContainer center={[31.1, 112.5]} zoom={zoom} style={{ width: size[0], height: size[1] }} fadeAnimation={false}>
      <Capture />
      <Pane name="compounds" style={{ zIndex: 420 }}>
        <CompoundShapes pane="compounds" compounds={compounds} shape={shape} selectedId={undefined} onSelect={onSelect} />
      </Pane>
    </MapContainer>
  );
}

const container = () => document.querySelector<HTMLElement>('.leaflet-container');

/** The page pixel where the map draws [lng, lat]. */
function pagePixel(lng: number, lat: number) {
  if (!leaflet) throw new Error('no map');
  const point = leaflet.latLngToContainerPoint([lat, lng]);
  const box = leaflet.getContainer().getBoundingClientRect();
  return { x: box.left + point.x, y: box.top + point.y };
}

/** The colour the compounds' tiles hold at [lng, lat], read from the canvas under that pixel. */
function colourAt(lng: number, lat: number): [number, number, number, number] | undefined {
  const { x, y } = pagePixel(lng, lat);
  const canvas = document.elementFromPoint(x, y);
  if (!(canvas instanceof HTMLCanvasElement) || !canvas.closest('.compound-tiles')) return undefined;
  const box = canvas.getBoundingClientRect();
  const ratio = canvas.width / box.width;
  const data = canvas.getContext('2d')?.getImageData(Math.floor((x - box.left) * ratio), Math.floor((y - box.top) * ratio), 1, 1).data;
  return data ? [data[0] ?? 0, data[1] ?? 0, data[2] ?? 0, data[3] ?? 0] : undefined;
}

/** Clicks the map's page pixel over [lng, lat] as a mouse would (Leaflet reads the event's place). */
function clickAt(lng: number, lat: number) {
  const { x, y } = pagePixel(lng, lat);
  const target = document.elementFromPoint(x, y);
  for (const type of ['mousedown', 'mouseup', 'click'] as const) target?.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, bubbles: true, cancelable: true, button: 0 }));
}

afterEach(() => {
  leaflet = undefined;
  document.body.replaceChildren();
});

describe('CompoundShapes', () => {
  it('draws dots on canvas tiles where the map has them, coloured by status, and again when a status changes or a dot goes', async () => {
    const dots = [dot('c_1', 112.49), dot('c_2', 112.5), dot('c_3', 112.51, 'lockdown')];
    const { screen, services } = renderWithServices(<Harness compounds={dots} shape="point" />);
    const rendered = await Promise.resolve(screen);
    const rerender = (compounds: readonly CompoundSummary[]) =>
      rendered.rerender(<ServicesProvider services={services}><Harness compounds={compounds} shape="point" /></ServicesProvider>);
    await expect.poll(() => container()?.dataset.drawn).toBe('3');
    await expect.poll(() => container()?.dataset.tiles).toBe('drawn');
    expect(document.querySelectorAll('.leaflet-compounds-pane .compound-tiles canvas').length).toBeGreaterThan(0);

    // Green for normal, red for lockdown, nothing between the dots.
    const normal = colourAt(112.5, 31.1);
    expect(normal?.[3]).toBeGreaterThan(100);
    expect((normal?.[1] ?? 0) > (normal?.[0] ?? 0)).toBe(true);
    const lockdown = colourAt(112.51, 31.1);
    expect((lockdown?.[0] ?? 0) > (lockdown?.[1] ?? 0)).toBe(true);
    expect(colourAt(112.495, 31.105)?.[3]).toBe(0);

    // c_2 locked down: its tile is drawn again in red.
    await rerender([dots[0] as CompoundSummary, dot('c_2', 112.5, 'lockdown'), dots[2] as CompoundSummary]);
    await expect.poll(() => { const c = colourAt(112.5, 31.1); return (c?.[0] ?? 0) > (c?.[1] ?? 0); }).toBe(true);

    // A dot no longer listed (a filter, say) goes from its tile.
    await rerender(dots.slice(1));
    await expect.poll(() => container()?.dataset.drawn).toBe('2');
    expect(colourAt(112.49, 31.1)?.[3]).toBe(0);
  });

  it('draws a view of many tiles a few a frame, and says the compounds are drawn only once every tile holds them', async () => {
    // Dots every 0.01° over the whole view: some thirty tiles with dots on them.
    const dots: CompoundSummary[] = [];
    for (let i = -10; i <= 10; i++) for (let j = -7; j <= 7; j++) dots.push({ ...dot(`c_${i}_${j}`, 112.5 + i * 0.01), geometry: { type: 'Point', coordinates: [112.5 + i * 0.01, 31.1 + j * 0.01] } });
    let frame = 0;
    let counting = true;
    const tick = () => {
      frame++;
      if (counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    // Which frame each tile canvas was drawn in (a tile's drawing starts by clearing it).
    const drawnIn: number[] = [];
    const clearRect = CanvasRenderingContext2D.prototype.clearRect;
    vi.spyOn(CanvasRenderingContext2D.prototype, 'clearRect').mockImplementation(function (this: CanvasRenderingContext2D, ...args) {
      if (this.canvas instanceof HTMLCanvasElement && this.canvas.closest('.compound-tiles')) drawnIn.push(frame);
      clearRect.apply(this, args);
    });
    try {
      await renderWithServices(<Harness compounds={dots} shape="point" size={[1200, 900]} />).screen;
      await expect.poll(() => container()?.dataset.drawn, { timeout: 10_000 }).toBe(String(dots.length));
      // Said drawn: every dot on the page is on its tile already.
      const box = container()!.getBoundingClientRect();
      const onPage = dots.filter((d) => {
        const { x, y } = pagePixel(...(d.geometry.coordinates as [number, number]));
        const inView = x > box.left + 5 && x < Math.min(box.right, innerWidth) - 5 && y > box.top + 5 && y < Math.min(box.bottom, innerHeight) - 5;
        // Not under the zoom buttons.
        return inView && document.elementFromPoint(x, y)?.closest('.compound-tiles') !== null;
      });
      expect(onPage.length).toBeGreaterThan(20);
      expect(onPage.filter((d) => !((colourAt(...(d.geometry.coordinates as [number, number]))?.[3] ?? 0) > 0)).map((d) => d.id)).toEqual([]);
      expect(container()?.dataset.tiles).toBe('drawn');
      const perFrame = [...Map.groupBy(drawnIn, (f) => f).values()].map((list) => list.length);
      expect(drawnIn.length).toBeGreaterThan(TILES_PER_FRAME * 2);
      expect(Math.max(...perFrame)).toBeLessThanOrEqual(TILES_PER_FRAME);
    } finally {
      counting = false;
      vi.restoreAllMocks();
    }
  });

  it('opens the compound whose outline a click lands on, and none for a click beside it', async () => {
    const onSelect = vi.fn();
    await renderWithServices(<Harness compounds={[outline('c_1', 112.497), outline('c_2', 112.503)]} shape="area" zoom={15} onSelect={onSelect} />).screen;
    await expect.poll(() => container()?.dataset.drawn).toBe('2');
    await expect.poll(() => container()?.dataset.tiles).toBe('drawn');
    expect(colourAt(112.505, 31.1015)?.[3]).toBeGreaterThan(0);

    clickAt(112.505, 31.1015);
    await expect.poll(() => onSelect.mock.calls.length).toBe(1);
    expect(onSelect.mock.calls[0]?.[0]).toMatchObject({ id: 'c_2', name: '小区c_2' });

    clickAt(112.5020, 31.1015); // between the two outlines
    clickAt(112.5, 31.105); // north of both
    expect(onSelect).toHaveBeenCalledTimes(1);
  });
});

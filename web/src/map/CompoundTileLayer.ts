/**
 * The compounds drawn on canvas tiles (an L.GridLayer of our own): each 256-pixel tile draws
 * only its own features, cut by geojson-vt (vector-tiles.ts), and Leaflet keeps the tiles while
 * the map pans — a pan draws the few tiles it uncovers, not ten thousand shapes on one canvas.
 * Colour AND pattern per status (status.ts), outlines under dots, the selected compound on top.
 * New data or a new selection redraws the tiles on screen in place; hit-testing reads the same
 * tiles, so what is clicked is what is drawn.
 *
 * Tiles are drawn a few a frame (TILES_PER_FRAME, FRAME_BUDGET_MS), new ones and those drawn
 * again alike: Chromium turns every canvas drawn in a frame into a texture as the frame commits,
 * and a zoom that drew its forty tiles at once spent 53 ms of a 119 ms frame there (a trace of
 * the pan/zoom benchmark). Leaflet creates the tiles asynchronously for it (createTile's `done`).
 *
 * The map's container says whether the tiles in view are drawn: `data-tiles` is `loading` while
 * Leaflet still has tiles of the view to show or tiles wait to be drawn, and `drawn` once none
 * do, and the map fires TILES_DRAWN then, so DrawnSignal can tell when what is on screen is
 * complete; `setCompounds` answers once the tiles hold the new compounds.
 */
import L from 'leaflet';
import type { MapShift } from './coords.ts';
import type { CompoundSummary } from './data.ts';
import { compoundStyle, type CompoundStatus } from './status.ts';
import type { CompoundShape } from './tiles.ts';
import { hitTest, indexOf, pointsOf, tileAt, tileIndex, tilePixel, tileUnits, TILE_SIZE, worldPixel, type RawFeature, type TileIndex } from './vector-tiles.ts';

/** The map event fired when every tile in view is drawn (DrawnSignal listens). */
export const TILES_DRAWN = 'compoundtilesdrawn';

/** Dot radius in pixels for a compound drawn as its point. */
const DOT_RADIUS = 4;
/** A dot takes clicks this many pixels beyond its edge: 4 px is a small target. */
const DOT_SLOP = 3;

export interface CompoundTiles {
  readonly index: TileIndex;
  readonly compounds: readonly CompoundSummary[];
}

const EMPTY: CompoundTiles = { index: { getTileRaw: () => null }, compounds: [] };

/** The same compounds (every one the same object, in the same order) as a cut was made from. */
const sameList = (a: readonly CompoundSummary[], b: readonly CompoundSummary[]) => a.length === b.length && a.every((c, i) => c === b[i]);

/** A tile's canvas, with the tile it shows and whether it is blank (nothing to clear). */
type TileCanvas = HTMLCanvasElement & { coords?: L.Coords; blank?: boolean };

/** Canvases of unloaded tiles kept for new ones: a zoom replaces dozens, and a new canvas costs its allocation. */
const SPARE_CANVASES = 48;
/** Tiles with something on them drawn in one frame, at most. */
export const TILES_PER_FRAME = 8;
/** A frame's drawing time after which the tiles left wait for the next frame. */
const FRAME_BUDGET_MS = 8;

export class CompoundTileLayer extends L.GridLayer {
  private data: CompoundTiles = EMPTY;
  private selectedId: string | undefined;
  /** The last cut of each shape (dots, outlines). */
  private readonly cuts = new Map<string, CompoundTiles>();
  /** The canvases Leaflet holds now (on screen, or kept around it). */
  private readonly live = new Set<TileCanvas>();
  private readonly spare: TileCanvas[] = [];
  /** Canvases waiting to be drawn, each with Leaflet's `done` when it is a new tile. */
  private readonly queue = new Map<TileCanvas, (() => void) | undefined>();
  private frame: number | undefined;
  /** Whether Leaflet has tiles of the view it has not been told are ready. */
  private leafletLoading = false;
  /** Those waiting for the tiles to hold what they were given (setCompounds). */
  private waiting: (() => void)[] = [];

  constructor(options: L.GridLayerOptions) {
    super({ ...options, tileSize: TILE_SIZE, className: 'compound-tiles' });
    this.on('tileunload', (e: L.TileEvent) => {
      const canvas = e.tile as unknown as TileCanvas;
      this.live.delete(canvas);
      this.queue.delete(canvas);
      if (this.spare.length < SPARE_CANVASES) this.spare.push(canvas);
    });
    this.on('loading', () => {
      this.leafletLoading = true;
      if (this._map) this._map.getContainer().dataset.tiles = 'loading';
    });
    this.on('load', () => {
      this.leafletLoading = false;
      this.settle();
    });
  }

  override onRemove(map: L.Map): this {
    delete map.getContainer().dataset.tiles;
    super.onRemove(map);
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.queue.clear();
    this.leafletLoading = false;
    this.live.clear();
    this.spare.length = 0;
    this.settle();
    return this;
  }

  /**
   * New compounds: cut into tiles (the last cut of the same shape is reused when it holds the
   * same compounds — zooming back out to the city's dots cuts nothing), and every tile held
   * drawn again in the coming frames; answers once they all are.
   */
  setCompounds(compounds: readonly CompoundSummary[], shape: CompoundShape, shift: MapShift): Promise<void> {
    const key = `${shape}:${shift.crs}`;
    const last = this.cuts.get(key);
    if (last && sameList(last.compounds, compounds)) {
      if (last === this.data) return this.drawn();
      this.data = last;
    } else {
      this.data = { index: tileIndex(compounds, shift), compounds };
      this.cuts.set(key, this.data);
    }
    for (const canvas of this.live) this.schedule(canvas);
    return this.drawn();
  }

  /** A new selection redraws only the tiles holding the compound it leaves or the one it takes. */
  setSelected(id: string | undefined): void {
    if (id === this.selectedId) return;
    const touched = new Set([id, this.selectedId].filter((s): s is string => s !== undefined));
    this.selectedId = id;
    for (const canvas of this.live) {
      if (this.featuresOf(canvas.coords).some((f) => touched.has(this.data.compounds[indexOf(f)]?.id ?? ''))) this.schedule(canvas);
    }
  }

  /** Once no tile waits to be drawn and Leaflet has every tile of the view. */
  private drawn(): Promise<void> {
    if (this.queue.size === 0 && !this.leafletLoading) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** The compound drawn at a place on the map, if any. */
  compoundAt(latlng: L.LatLng): CompoundSummary | undefined {
    if (!this._map) return undefined;
    const zoom = this.tileZoom();
    const { x, y, local } = tileAt(worldPixel(latlng.lng, latlng.lat, zoom), zoom);
    // A dot is drawn DOT_RADIUS tile pixels wide, scaled with its tile between zoom levels; the slop is screen pixels.
    const scale = this._map.getZoomScale(this._map.getZoom(), zoom);
    const radius = tileUnits(DOT_RADIUS + DOT_SLOP / scale);
    const selected = this.selectedId;
    const feature = hitTest(this.featuresAt(zoom, x, y), local, radius, (f) => this.data.compounds[indexOf(f)]?.id === selected);
    return feature ? this.data.compounds[indexOf(feature)] : undefined;
  }

  protected override createTile(coords: L.Coords, done: L.DoneCallback): HTMLElement {
    const canvas = this.freeCanvas();
    canvas.coords = coords;
    // Leaflet's tiles take no pointer events; these do, so a click is the map's (and the page
    // sees the canvas under the pointer, as it did with one canvas for all).
    canvas.style.pointerEvents = 'auto';
    this.live.add(canvas);
    this.schedule(canvas, () => done(undefined, canvas));
    return canvas;
  }

  /** A spare canvas of the screen's pixel ratio, or a new blank one. */
  private freeCanvas(): TileCanvas {
    const ratio = window.devicePixelRatio || 1;
    const spare = this.spare.pop();
    if (spare && spare.width === TILE_SIZE * ratio) return spare;
    const canvas = document.createElement('canvas') as TileCanvas;
    canvas.width = canvas.height = TILE_SIZE * ratio;
    canvas.blank = true;
    return canvas;
  }

  /** Draws the canvas in a coming frame (once, however often it is asked for before then). */
  private schedule(canvas: TileCanvas, done?: () => void): void {
    this.queue.set(canvas, done ?? this.queue.get(canvas));
    if (this._map) this._map.getContainer().dataset.tiles = 'loading';
    this.frame ??= requestAnimationFrame(() => this.flush());
  }

  /** Draws waiting tiles until the frame's share is drawn; the rest wait for the next frame. */
  private flush(): void {
    this.frame = undefined;
    const start = performance.now();
    let painted = 0;
    for (const [canvas, done] of this.queue) {
      if (painted >= TILES_PER_FRAME || performance.now() - start > FRAME_BUDGET_MS) break;
      this.queue.delete(canvas);
      if (this.live.has(canvas) && this.draw(canvas)) painted++;
      done?.();
    }
    if (this.queue.size > 0) this.frame = requestAnimationFrame(() => this.flush());
    else this.settle();
  }

  /** Says the tiles are drawn, when they are: the container's mark, TILES_DRAWN, and setCompounds' answers. */
  private settle(): void {
    if (this.queue.size > 0 || this.leafletLoading) return;
    if (this._map) {
      this._map.getContainer().dataset.tiles = 'drawn';
      this._map.fire(TILES_DRAWN);
    }
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }

  /** The zoom of the tiles Leaflet shows at the map's zoom (fractional zooms scale the nearest). */
  private tileZoom(): number {
    return Math.round(this._map.getZoom());
  }

  private featuresAt(z: number, x: number, y: number): readonly RawFeature[] {
    return this.data.index.getTileRaw(z, x, y)?.features ?? [];
  }

  private featuresOf(coords: L.Coords | undefined): readonly RawFeature[] {
    return coords ? this.featuresAt(coords.z, coords.x, coords.y) : [];
  }

  /** Draws the tile's features; whether its canvas changed (a blank tile left blank did not). */
  private draw(canvas: TileCanvas): boolean {
    const features = this.featuresOf(canvas.coords);
    // Most tiles far from the compounds hold none: a blank canvas stays untouched.
    if (features.length === 0 && canvas.blank) return false;
    const ctx = canvas.getContext('2d');
    if (!ctx) return false;
    const ratio = canvas.width / TILE_SIZE;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    canvas.blank = features.length === 0;
    if (canvas.blank) return true;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const { compounds } = this.data;
    const statusOf = (f: RawFeature) => compounds[indexOf(f)]?.properties.status ?? 'normal';
    let selected: RawFeature | undefined;
    // Outlines one by one (each fills its own holes), then the dots of each status as one path.
    const dots = new Map<CompoundStatus, RawFeature[]>();
    for (const f of features) {
      if (this.selectedId !== undefined && compounds[indexOf(f)]?.id === this.selectedId) {
        selected = f;
        continue;
      }
      if (f.type === 3) {
        paint(ctx, [f], statusOf(f), false);
      } else if (f.type !== 2) {
        const list = dots.get(statusOf(f)) ?? [];
        list.push(f);
        dots.set(statusOf(f), list);
      }
    }
    for (const [status, list] of dots) paint(ctx, list, status, false);
    if (selected) paint(ctx, [selected], statusOf(selected), true);
    return true;
  }
}

/** Fills and strokes `features` (all outlines, or all dots) in the style of their status. */
function paint(ctx: CanvasRenderingContext2D, features: readonly RawFeature[], status: CompoundStatus, selected: boolean): void {
  const style = compoundStyle(status, selected);
  ctx.beginPath();
  for (const f of features) {
    if (f.type === 3) {
      for (const ring of f.geometry) {
        for (let k = 0; k + 1 < ring.length; k += 2) {
          const x = tilePixel(ring[k] as number);
          const y = tilePixel(ring[k + 1] as number);
          if (k === 0) ctx.moveTo(x, y);
          else ctx.lineTo(x, y);
        }
        ctx.closePath();
      }
    } else {
      for (const p of pointsOf(f)) {
        const x = tilePixel(p.x);
        const y = tilePixel(p.y);
        ctx.moveTo(x + DOT_RADIUS, y);
        ctx.arc(x, y, DOT_RADIUS, 0, Math.PI * 2);
      }
    }
  }
  ctx.globalAlpha = style.fillOpacity ?? 0.7;
  ctx.fillStyle = style.fillColor as unknown as CanvasPattern | string;
  ctx.fill(features[0]?.type === 3 ? 'evenodd' : 'nonzero');
  ctx.globalAlpha = 1;
  ctx.strokeStyle = style.color ?? '#000';
  ctx.lineWidth = style.weight ?? 1;
  ctx.lineJoin = 'round';
  ctx.stroke();
}

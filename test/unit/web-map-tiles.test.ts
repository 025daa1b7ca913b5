/**
 * The city map's vector tiles (web/src/map/vector-tiles.ts), without a browser: Web Mercator
 * pixels as Leaflet places its tiles, compounds cut into tiles at the pixels the map draws them,
 * and hit-testing a point against a tile's features — outlines (holes outside), dots, which is
 * on top.
 */
import { describe, expect, it } from 'vitest';
import type { Geometry } from 'geojson';
import { mapShift } from '#web/src/map/coords.ts';
import { EXTENT, hitTest, indexOf, tileAt, tileIndex, tilePixel, tileUnits, TILE_SIZE, worldPixel, type RawFeature } from '#web/src/map/vector-tiles.ts';

const wgs84 = mapShift('wgs84');

/** A square of `side` degrees with its south-west corner at [lng, lat], optionally with a square hole in its middle. */
function square(lng: number, lat: number, side: number, hole = false): Geometry {
  const ring = (x: number, y: number, s: number) => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
  return { type: 'Polygon', coordinates: hole ? [ring(lng, lat, side), ring(lng + side / 4, lat + side / 4, side / 2).reverse()] : [ring(lng, lat, side)] };
}

/** Mercator the textbook way (y = ln(tan φ + sec φ)), to check worldPixel's formula against. */
function textbook(lng: number, lat: number, zoom: number) {
  const size = 256 * 2 ** zoom;
  const phi = (lat * Math.PI) / 180;
  return { x: ((lng + 180) / 360) * size, y: ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * size };
}

describe('worldPixel and tileAt', () => {
  it('put a lng/lat where Leaflet\'s 256-pixel Web Mercator tiles have it', () => {
    expect(worldPixel(0, 0, 0)).toEqual({ x: 128, y: 128 });
    expect(worldPixel(-180, 85.0511287798, 0).x).toBe(0);
    expect(worldPixel(-180, 85.0511287798, 0).y).toBeCloseTo(0, 6);
    for (const zoom of [11, 14, 17]) {
      const at = worldPixel(114.30204, 30.54526, zoom);
      const expected = textbook(114.30204, 30.54526, zoom);
      expect(at.x).toBeCloseTo(expected.x, 6);
      expect(at.y).toBeCloseTo(expected.y, 6);
    }
  });

  it('finds the tile of a pixel and the point inside it in tile units', () => {
    const at = tileAt({ x: 3 * TILE_SIZE + 64, y: 5 * TILE_SIZE + 192 }, 4);
    expect(at).toEqual({ z: 4, x: 3, y: 5, local: { x: EXTENT / 4, y: (3 * EXTENT) / 4 } });
    expect(tilePixel(at.local.x)).toBe(64);
    expect(tileUnits(tilePixel(1000))).toBe(1000);
  });
});

describe('tileIndex', () => {
  it('cuts an outline into the tile the map draws it in, at the pixels it is drawn at', () => {
    const zoom = 16;
    const geometry = square(114.3, 30.54, 0.001);
    const index = tileIndex([{ geometry }], wgs84);
    const corner = worldPixel(114.3, 30.541, zoom); // north-west corner
    const { x, y } = tileAt(corner, zoom);
    const features = index.getTileRaw(zoom, x, y)?.features ?? [];
    expect(features).toHaveLength(1);
    const feature = features[0] as RawFeature & { type: 3 };
    expect(feature.type).toBe(3);
    expect(indexOf(feature)).toBe(0);
    // Every vertex of the tile's ring lies where worldPixel puts the compound's corner, to 1/16 px.
    const ring = feature.geometry[0] as ArrayLike<number>;
    const pixels = Array.from({ length: ring.length / 2 }, (_, k) => ({ x: x * TILE_SIZE + tilePixel(ring[2 * k] as number), y: y * TILE_SIZE + tilePixel(ring[2 * k + 1] as number) }));
    const corners = (geometry as { coordinates: number[][][] }).coordinates[0]?.map(([lng, lat]) => worldPixel(lng as number, lat as number, zoom)) ?? [];
    for (const p of pixels) {
      const nearest = Math.min(...corners.map((c) => Math.hypot(c.x - p.x, c.y - p.y)));
      // Inside the tile the ring keeps the corners; where it was clipped at the tile's buffer, points lie on its edge.
      const clipped = p.x < x * TILE_SIZE || p.y < y * TILE_SIZE || p.x > (x + 1) * TILE_SIZE || p.y > (y + 1) * TILE_SIZE;
      if (!clipped) expect(nearest).toBeLessThan(1 / 16 + 1e-9);
    }
  });

  it('draws compounds where the basemap has them: shifted for GCJ-02 tiles', () => {
    const zoom = 16;
    const point: Geometry = { type: 'Point', coordinates: [114.30204, 30.54526] };
    const shift = mapShift('gcj02');
    const shifted = shift.toMap([114.30204, 30.54526]);
    const index = tileIndex([{ geometry: null }, { geometry: point }], shift);
    const { x, y, local } = tileAt(worldPixel(shifted.lng, shifted.lat, zoom), zoom);
    const features = index.getTileRaw(zoom, x, y)?.features ?? [];
    expect(features.map(indexOf)).toEqual([1]);
    const hit = hitTest(features, local, tileUnits(1));
    expect(hit && indexOf(hit)).toBe(1);
    // Where WGS-84 has it, hundreds of metres away, nothing is drawn.
    const raw = tileAt(worldPixel(114.30204, 30.54526, zoom), zoom);
    expect(hitTest(index.getTileRaw(zoom, raw.x, raw.y)?.features ?? [], raw.local, tileUnits(4))).toBeUndefined();
  });
});

describe('hitTest', () => {
  const zoom = 16;
  const probe = (index: ReturnType<typeof tileIndex>, lng: number, lat: number, radiusPx = 4) => {
    const { x, y, local } = tileAt(worldPixel(lng, lat, zoom), zoom);
    const hit = hitTest(index.getTileRaw(zoom, x, y)?.features ?? [], local, tileUnits(radiusPx));
    return hit ? indexOf(hit) : undefined;
  };

  it('hits an outline inside, not outside, and not in its hole', () => {
    const index = tileIndex([{ geometry: square(114.3, 30.54, 0.002, true) }], wgs84);
    expect(probe(index, 114.3002, 30.5402)).toBe(0);
    expect(probe(index, 114.2998, 30.5402)).toBeUndefined();
    expect(probe(index, 114.301, 30.541)).toBeUndefined(); // the hole's middle
  });

  it('hits a dot within its radius in pixels and misses beyond it', () => {
    const index = tileIndex([{ geometry: { type: 'Point', coordinates: [114.3, 30.54] } }], wgs84);
    const at = worldPixel(114.3, 30.54, zoom);
    const { x, y } = tileAt(at, zoom);
    const features = index.getTileRaw(zoom, x, y)?.features ?? [];
    const near = tileAt({ x: at.x + 3, y: at.y }, zoom).local;
    const far = tileAt({ x: at.x + 6, y: at.y }, zoom).local;
    expect(hitTest(features, near, tileUnits(4))).toBeDefined();
    expect(hitTest(features, far, tileUnits(4))).toBeUndefined();
  });

  it('prefers a dot over the outline under it, and the chosen feature over both', () => {
    const index = tileIndex([
      { geometry: square(114.3, 30.54, 0.002) },
      { geometry: { type: 'Point', coordinates: [114.301, 30.541] } },
      { geometry: square(114.3005, 30.5405, 0.001) },
    ], wgs84);
    expect(probe(index, 114.301, 30.541)).toBe(1);
    // Overlapping outlines: the one drawn later (on top) wins.
    expect(probe(index, 114.3008, 30.5408)).toBe(2);
    const { x, y, local } = tileAt(worldPixel(114.3008, 30.5408, zoom), zoom);
    const chosen = hitTest(index.getTileRaw(zoom, x, y)?.features ?? [], local, tileUnits(4), (f) => indexOf(f) === 0);
    expect(chosen && indexOf(chosen)).toBe(0);
  });
});

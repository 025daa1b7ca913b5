/**
 * The web-map benchmark's baseline page (bundled by test/bench/web-map.ts with esbuild): the
 * plain way to draw a city — every compound fetched in one go (page after page, no bbox), one
 * L.geoJSON layer in SVG, fitted to the city. It marks `window.cityDrawn` once the shapes are
 * on screen, as the app's map marks its canvas.
 */
import L from 'leaflet';

declare global {
  interface Window {
    benchToken: string;
    cityDrawn?: number;
  }
}

async function allCompounds(): Promise<GeoJSON.Feature[]> {
  const features: GeoJSON.Feature[] = [];
  let next: string | undefined;
  do {
    const url = `/v1/compounds?limit=1000${next ? `&nextToken=${encodeURIComponent(next)}` : ''}`;
    const page = (await (await fetch(url, { headers: { authorization: `Bearer ${window.benchToken}` } })).json()) as GeoJSON.FeatureCollection & { nextToken?: string };
    features.push(...page.features);
    next = page.nextToken;
  } while (next);
  return features;
}

const COLOURS: Record<string, string> = { normal: '#3f9b63', closed: '#e9a23b', lockdown: '#d8412f', lifted: '#4f7fd1' };

const map = L.map('map', { zoomSnap: 0.25 }).setView([31.17, 112.58], 12);
const features = await allCompounds();
const layer = L.geoJSON({ type: 'FeatureCollection', features } as GeoJSON.FeatureCollection, {
  style: (f) => ({ color: COLOURS[String(f?.properties?.status)] ?? '#888', weight: 1, fillOpacity: 0.6 }),
  onEachFeature: (f, shape) => shape.bindTooltip(String(f.properties?.name)),
}).addTo(map);
map.fitBounds(layer.getBounds(), { padding: [16, 16] });
requestAnimationFrame(() => requestAnimationFrame(() => (window.cityDrawn = performance.now())));

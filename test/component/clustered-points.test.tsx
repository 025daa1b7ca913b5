/**
 * Clustered points in real Chromium (Leaflet on a blank map): badges with their counts where
 * points crowd, a click on a badge zooming into it, and a settled move drawing again without
 * recreating what it draws again — a pan keeps every badge still in view (the same element) and
 * makes only what it uncovered; a point whose record changed is drawn anew, the others kept; a
 * new name for the badges (a new language) draws them all again.
 */
import L from 'leaflet';
import { afterEach, describe, expect, it } from 'vitest';
import { MapContainer, Pane, useMap } from 'react-leaflet';
import { ClusteredPoints } from '#web/src/map/ClusteredPoints.tsx';
import type { ClusterPoint } from '#web/src/map/clusters.ts';
import { ServicesProvider } from '#web/src/services.tsx';
import { renderWithServices } from './render.tsx';

interface Spot extends ClusterPoint {
  readonly label: string;
}

let leaflet: L.Map | undefined;
function Capture() {
  leaflet = useMap();
  return null;
}
const map = (): L.Map => {
  if (!leaflet) throw new Error('no map');
  return leaflet;
};

/** Four crowds of five points, 0.2° apart east to west, and one lone point far to the east. */
const CROWDS = [112.3, 112.5, 112.7, 112.9];
const crowd = (lng: number): Spot[] =>
  Array.from({ length: 5 }, (_, i) => ({ id: `p-${lng}-${i}`, location: [lng + i * 0.0005, 31.1 + i * 0.0005], label: `点${i}` }));
const POINTS: readonly Spot[] = CROWDS.flatMap(crowd);

const drawSpot = (spot: Spot, at: L.LatLngLiteral): L.Layer =>
  L.marker(at, { title: spot.label, icon: L.divIcon({ className: 'spot', html: '', iconSize: [8, 8] }) });
const named = (count: number) => `${count} 个点`;

function Harness({ points, clusterLabel = named }: { points: readonly Spot[]; clusterLabel?: (count: number) => string }) {
  return (
    <MapContainer center={[31.1, 112.4]} zoom={11} style={{ width: 400, height: 300 }} fadeAnimation={false} zoomAnimation={false}>
      <Capture />
      <Pane name="points" style={{ zIndex: 600 }}>
        <ClusteredPoints pane="points" points={points} clusterBelowZoom={16} clusterClass="cluster-test" drawPoint={drawSpot} clusterLabel={clusterLabel} />
      </Pane>
    </MapContainer>
  );
}

const badges = () => [...document.querySelectorAll<HTMLElement>('.leaflet-points-pane .cluster-test')];
const badgeTitles = () => badges().map((b) => b.title).sort();
const spots = () => [...document.querySelectorAll<HTMLElement>('.leaflet-container .spot')];

/** Moves the map and waits for Leaflet's moveend (the layer draws on it). */
async function moveTo(center: [number, number], zoom: number) {
  const moved = new Promise<void>((resolve) => map().once('moveend', () => resolve()));
  map().setView(center, zoom, { animate: false });
  await moved;
}

afterEach(() => {
  leaflet = undefined;
  document.body.replaceChildren();
});

describe('ClusteredPoints', () => {
  it('keeps the badges a pan draws again, makes those it uncovers, drops those it leaves', async () => {
    await renderWithServices(<Harness points={POINTS} />).screen;
    // At zoom 11 the view (with its margin) holds the crowds at 112.3 and 112.5, each a badge of 5.
    await expect.poll(() => badges().length).toBeGreaterThan(0);
    const before = new Map(badges().map((b) => [b.title, b]));
    expect([...before.keys()].every((title) => title === named(5))).toBe(true);

    // East by 0.2°: the crowd at 112.5 stays in view, one to the east comes in, 112.3 may go.
    await moveTo([31.1, 112.6], 11);
    const after = badges();
    expect(after.length).toBeGreaterThan(0);
    const kept = after.filter((b) => [...before.values()].includes(b));
    expect(kept.length).toBeGreaterThan(0);
    // Every badge is a real element on the map, none left behind twice.
    expect(new Set(after).size).toBe(after.length);

    // Far east: nothing of the first view is kept, only the far crowd's badge is drawn.
    await moveTo([31.1, 112.9], 11);
    expect(badges().some((b) => [...before.values()].includes(b))).toBe(false);
    expect(badges().length).toBeGreaterThan(0);
  });

  it('zooms into a badge clicked, to where its points stand apart', async () => {
    await renderWithServices(<Harness points={crowd(112.4)} />).screen;
    await expect.poll(() => badges().length).toBe(1);
    const startZoom = map().getZoom();
    const zoomed = new Promise<void>((resolve) => map().once('moveend', () => resolve()));
    badges()[0]?.click();
    await zoomed;
    expect(map().getZoom()).toBeGreaterThan(startZoom);
  });

  it('draws anew a point whose record changed and keeps the others; a new name draws every badge again', async () => {
    const points = crowd(112.4);
    const { screen, services } = renderWithServices(<Harness points={points} />);
    const rendered = await Promise.resolve(screen);
    const rerender = (next: readonly Spot[], clusterLabel?: (count: number) => string) =>
      rendered.rerender(<ServicesProvider services={services}><Harness points={next} clusterLabel={clusterLabel} /></ServicesProvider>);
    // Close in, every point on its own.
    await moveTo([31.101, 112.401], 16);
    await expect.poll(() => spots().length).toBe(5);
    const first = spots();

    // The third point renamed: a new record for it alone.
    const renamed = points.map((p, i) => (i === 2 ? { ...p, label: '改名' } : p));
    await rerender(renamed);
    await expect.poll(() => spots().map((s) => s.title).sort()).toEqual(['改名', '点0', '点1', '点3', '点4']);
    const second = spots();
    expect(second.filter((s) => first.includes(s)).map((s) => s.title).sort()).toEqual(['点0', '点1', '点3', '点4']);

    // Far out again, the badge named the new way: drawn anew with the new name.
    await moveTo([31.1, 112.4], 11);
    await expect.poll(() => badgeTitles()).toEqual([named(5)]);
    const badge = badges()[0];
    await rerender(renamed, (count) => `${count} points`);
    await expect.poll(() => badgeTitles()).toEqual(['5 points']);
    expect(badges()[0]).not.toBe(badge);
  });
});

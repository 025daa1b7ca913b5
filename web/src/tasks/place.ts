/**
 * Where the worker stands, if the phone may say: nearest-first ordering of open tasks by the
 * straight-line distance from there. Without permission (or a fix) the API's walking order
 * stands, which is what the list shows until then.
 */
import { useCallback, useState } from 'react';

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres between two [lng, lat] points. */
export function distanceM(a: readonly [number, number], b: readonly [number, number]): number {
  const dLat = rad(b[1] - a[1]);
  const dLng = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Stable: equal distances keep the API's walking order. */
export function nearestFirst<T extends { readonly location: readonly [number, number] }>(items: readonly T[], from: readonly [number, number] | undefined): T[] {
  if (!from) return [...items];
  return items
    .map((item, index) => ({ item, index, d: distanceM(from, item.location) }))
    .sort((a, b) => a.d - b.d || a.index - b.index)
    .map((x) => x.item);
}

export type PlaceState =
  | { readonly kind: 'off' }
  | { readonly kind: 'locating' }
  | { readonly kind: 'located'; readonly at: readonly [number, number] }
  | { readonly kind: 'unavailable' };

/** Asks for the phone's position only when the worker asks to sort by distance. */
export function usePlace(): { place: PlaceState; locate(): void; forget(): void } {
  const [place, setPlace] = useState<PlaceState>({ kind: 'off' });
  const locate = useCallback(() => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) {
      setPlace({ kind: 'unavailable' });
      return;
    }
    setPlace({ kind: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (position) => setPlace({ kind: 'located', at: [position.coords.longitude, position.coords.latitude] }),
      () => setPlace({ kind: 'unavailable' }),
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 },
    );
  }, []);
  const forget = useCallback(() => setPlace({ kind: 'off' }), []);
  return { place, locate, forget };
}

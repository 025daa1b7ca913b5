/**
 * Reports the view (stored bbox, clamped to the API's cap, and zoom) once the map settles:
 * at once when the map opens, then after each move or zoom, debounced, so a drag makes one
 * report rather than dozens.
 */
import { useEffect, useEffectEvent } from 'react';
import { useMap } from 'react-leaflet';
import type { MapView } from './data.ts';
import { viewBbox } from './geo.ts';
import { useShift } from './useShift.ts';

const SETTLE_MS = 200;

export function ViewportWatcher({ onChange }: { onChange(view: MapView): void }) {
  const map = useMap();
  const shift = useShift();
  const report = useEffectEvent(() => onChange({ bbox: viewBbox(map.getBounds(), shift), zoom: map.getZoom() }));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = () => {
      clearTimeout(timer);
      timer = setTimeout(() => report(), SETTLE_MS);
    };
    map.on('moveend', settle);
    // The first view is known at once (the map opens on its focus): no reason to wait for it.
    report();
    return () => {
      clearTimeout(timer);
      map.off('moveend', settle);
    };
  }, [map]);
  return null;
}

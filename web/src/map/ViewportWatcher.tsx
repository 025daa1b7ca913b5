/**
 * Reports the viewport as a bbox once the map settles: after each move or zoom, debounced, so
 * a drag makes one request rather than dozens.
 */
import { useEffect, useEffectEvent } from 'react';
import { useMap } from 'react-leaflet';
import { bboxParam } from './geo.ts';

const SETTLE_MS = 250;

export function ViewportWatcher({ onChange }: { onChange(bbox: string): void }) {
  const map = useMap();
  const report = useEffectEvent(() => onChange(bboxParam(map.getBounds())));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = () => {
      clearTimeout(timer);
      timer = setTimeout(() => report(), SETTLE_MS);
    };
    map.on('moveend', settle);
    settle();
    return () => {
      clearTimeout(timer);
      map.off('moveend', settle);
    };
  }, [map]);
  return null;
}

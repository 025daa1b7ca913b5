/** Fits the map to the given bounds whenever they change (the jurisdiction, a chosen community). */
import type { LatLngBounds } from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

export function FitBounds({ bounds }: { bounds: LatLngBounds | undefined }) {
  const map = useMap();
  useEffect(() => {
    if (bounds?.isValid()) map.fitBounds(bounds, { padding: [16, 16] });
  }, [map, bounds]);
  return null;
}

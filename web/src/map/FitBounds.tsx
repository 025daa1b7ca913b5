/** Fits the map to the given bounds whenever they change (the jurisdiction, a chosen community or compound). */
import type { LatLngBounds } from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

/** A single compound is shown with its street around it, not filling the screen. */
const MAX_FIT_ZOOM = 17;

export function FitBounds({ bounds }: { bounds: LatLngBounds | undefined }) {
  const map = useMap();
  useEffect(() => {
    if (bounds?.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: MAX_FIT_ZOOM });
  }, [map, bounds]);
  return null;
}

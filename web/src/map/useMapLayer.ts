/**
 * Keeps a layer on the map while the calling component is mounted, swapping it when the caller
 * builds a new one. Call it before the effects that use the layer's elements: effects run in order.
 */
import type { Layer, Map as LeafletMap } from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

export function useMapLayer(layer: Layer): LeafletMap {
  const map = useMap();
  useEffect(() => {
    layer.addTo(map);
    return () => {
      layer.remove();
    };
  }, [layer, map]);
  return map;
}

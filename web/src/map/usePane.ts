/**
 * A map pane of the caller's own, so its layers stack in a known order (community boundaries
 * under compounds) and can be found in the page (`.leaflet-<name>-pane`). Call it before the
 * effect that adds the layer: effects run in order.
 */
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

/** Leaflet's overlay pane sits at 400, markers at 600, tooltips at 650. */
export const PANES = { communities: 380, compounds: 420 } as const;

export function usePane(name: keyof typeof PANES): string {
  const map = useMap();
  useEffect(() => {
    if (!map.getPane(name)) map.createPane(name).style.zIndex = String(PANES[name]);
  }, [map, name]);
  return name;
}

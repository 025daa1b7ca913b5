/**
 * Names drawn on a map over areas (communities, compounds): marker icons placed by a transform,
 * not tooltips — a tooltip measures itself on every zoom, and a hundred of them forced a hundred
 * layouts a frame. A name shows only while its area is wide enough on screen to hold it, so a
 * zoomed-out map stays legible.
 */
import L from 'leaflet';
import { useEffect } from 'react';

export interface AreaLabel {
  readonly marker: L.Marker;
  readonly bounds: L.LatLngBounds;
}

const LABEL_BOX: [number, number] = [140, 18];

/** Names are text, never markup: an imported name cannot add elements to the page. */
const escaped = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A name at the centre of `bounds`, not interactive (clicks go to the shapes under it). */
export function areaLabel(name: string, bounds: L.LatLngBounds, className: string): AreaLabel {
  const marker = L.marker(bounds.getCenter(), {
    pane: 'tooltipPane',
    interactive: false,
    keyboard: false,
    icon: L.divIcon({ className, html: escaped(name), iconSize: LABEL_BOX, iconAnchor: [LABEL_BOX[0] / 2, LABEL_BOX[1] / 2] }),
  });
  return { marker, bounds };
}

/** Hides each label (class `${className}-hidden`) while its area is narrower than `minWidth` pixels. */
export function useFittedLabels(map: L.Map, labels: readonly AreaLabel[], minWidth: number, className: string): void {
  useEffect(() => {
    const fit = () => {
      for (const { marker, bounds } of labels) {
        const width = map.latLngToContainerPoint(bounds.getNorthEast()).x - map.latLngToContainerPoint(bounds.getSouthWest()).x;
        marker.getElement()?.classList.toggle(`${className}-hidden`, width < minWidth);
      }
    };
    fit();
    map.on('zoomend', fit);
    return () => {
      map.off('zoomend', fit);
    };
  }, [labels, map, minWidth, className]);
}

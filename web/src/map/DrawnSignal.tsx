/**
 * Tells a test or a benchmark when the map on screen is the map of its data: marks the map's
 * container `data-painted` (the view's bounds on the map, west,south,east,north) once the map is
 * at rest, the view it reported is the view it shows, everything drawn for that view is loaded
 * (`ready`), the compounds' tiles in view are all drawn (CompoundTileLayer's `data-tiles`), and
 * a frame has been painted since. A move, a zoom or any change to what is drawn
 * takes the mark away first, so whoever waits for it clicks on what is on screen — never on a
 * map still flying, or on layers still on their way.
 */
import { useEffect, useReducer, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { TILES_DRAWN } from './CompoundTileLayer.ts';
import type { MapView } from './data.ts';
import { viewBbox } from './geo.ts';
import { bboxText } from './tiles.ts';
import { useShift } from './useShift.ts';

export function DrawnSignal({ view, ready }: { readonly view: MapView | undefined; readonly ready: boolean }) {
  const map = useMap();
  const shift = useShift();
  const moving = useRef(false);
  // Tiles finish drawing without a render of the map: their event renders this again.
  const [, tilesDrawn] = useReducer((n: number) => n + 1, 0);

  // Registered before any effect can move the map (this component comes first in the map).
  useEffect(() => {
    const start = () => {
      moving.current = true;
      delete map.getContainer().dataset.painted;
    };
    const end = () => {
      moving.current = false;
    };
    map.on('movestart zoomstart', start);
    map.on('moveend', end);
    map.on(TILES_DRAWN, tilesDrawn);
    return () => {
      map.off('movestart zoomstart', start);
      map.off('moveend', end);
      map.off(TILES_DRAWN, tilesDrawn);
    };
  }, [map]);

  // After every render of the map: whatever it draws may have changed.
  useEffect(() => {
    const container = map.getContainer();
    delete container.dataset.painted;
    // The view is reported a moment after a move ends; until then the data is the last view's.
    const atRest = () => ready && view !== undefined && !moving.current && container.dataset.tiles !== 'loading'
      && map.getZoom() === view.zoom && bboxText(viewBbox(map.getBounds(), shift)) === bboxText(view.bbox);
    if (!atRest()) return undefined;
    // Leaflet paints its canvases in the next animation frame; the one after has them on screen.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        if (!atRest()) return;
        const b = map.getBounds();
        container.dataset.painted = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].join(',');
      });
    });
    return () => cancelAnimationFrame(frame);
  });
  return null;
}

/**
 * Compound names over their outlines (close in, where compounds are areas), each shown while
 * its compound is wide enough on screen to hold it (labels.ts). The board draws them under its
 * exits so a marker is read with the compound it belongs to.
 */
import L from 'leaflet';
import { useMemo } from 'react';
import type { CompoundSummary } from './data.ts';
import { boundsOf } from './geo.ts';
import { areaLabel, useFittedLabels, type AreaLabel } from './labels.ts';
import { useMapLayer } from './useMapLayer.ts';
import { useShift } from './useShift.ts';

/** Narrower than this on screen, a compound's name would cover its neighbours. */
const LABEL_MIN_WIDTH_PX = 56;

export function CompoundNames({ compounds }: { compounds: readonly CompoundSummary[] }) {
  const shift = useShift();
  const { layer, labels } = useMemo(() => {
    const named: AreaLabel[] = [];
    for (const c of compounds) {
      const bounds = c.geometry.type === 'Point' ? undefined : boundsOf([c], shift);
      if (bounds) named.push(areaLabel(c.properties.name, bounds, 'compound-label'));
    }
    return { layer: L.layerGroup(named.map((n) => n.marker)), labels: named };
  }, [compounds, shift]);
  const map = useMapLayer(layer);
  useFittedLabels(map, labels, LABEL_MIN_WIDTH_PX, 'compound-label');
  return null;
}

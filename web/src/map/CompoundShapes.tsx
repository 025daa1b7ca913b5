/**
 * The compounds on the map, coloured and patterned by status (status.ts): outlines close in, dots
 * far out, drawn by tiles (CompoundTileLayer: vector tiles cut on the client, canvas tiles kept
 * while panning) instead of one canvas of every shape redrawn on each move. One tooltip and one
 * click handler serve them all, hit-testing the tiles under the pointer. The number of compounds
 * drawn is written to `data-drawn` of the map's container once the tiles on screen hold them,
 * so tests and benchmarks can wait for the map to show what the legend counts.
 */
import L from 'leaflet';
import { useEffect, useEffectEvent, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CompoundTileLayer } from './CompoundTileLayer.ts';
import type { CompoundProps, CompoundSummary } from './data.ts';
import type { CompoundShape } from './tiles.ts';
import { useMapLayer } from './useMapLayer.ts';
import { useShift } from './useShift.ts';

export interface CompoundShapesProps {
  /** The map pane the compounds' tiles are drawn in. */
  readonly pane: string;
  readonly compounds: readonly CompoundSummary[];
  /** What the compounds are drawn as at this zoom (tiles.ts compoundPlan). */
  readonly shape: CompoundShape;
  readonly selectedId: string | undefined;
  onSelect(compound: CompoundProps): void;
}

export function CompoundShapes({ pane, compounds, shape, selectedId, onSelect }: CompoundShapesProps) {
  const { t } = useTranslation();
  const shift = useShift();
  const layer = useMemo(() => new CompoundTileLayer({ pane }), [pane]);
  const map = useMapLayer(layer);
  const select = useEffectEvent((compound: CompoundProps) => onSelect(compound));

  useEffect(() => {
    let current = true;
    // Said once the tiles held (those on screen among them) are drawn again, a few a frame.
    void layer.setCompounds(compounds, shape, shift).then(() => {
      if (current) map.getContainer().dataset.drawn = String(compounds.length);
    });
    return () => {
      current = false;
    };
  }, [layer, map, compounds, shape, shift]);

  useEffect(() => layer.setSelected(selectedId), [layer, selectedId]);

  useEffect(() => {
    const tooltip = L.tooltip({ className: 'compound-tooltip', direction: 'auto', offset: [12, 0] });
    const container = map.getContainer();
    let hovered: CompoundSummary | undefined;
    let moving = false;
    const hover = (event: L.LeafletMouseEvent) => {
      // No hit-testing while a drag pans the map: the tooltip would trail the pointer.
      const compound = moving ? undefined : layer.compoundAt(event.latlng);
      if (compound) {
        if (compound !== hovered) tooltip.setContent(t('map.label', { name: compound.properties.name, status: t(`status.${compound.properties.status}`) }));
        tooltip.setLatLng(event.latlng);
        if (!map.hasLayer(tooltip)) tooltip.addTo(map);
        container.style.cursor = 'pointer';
      } else if (hovered) {
        tooltip.remove();
        container.style.cursor = '';
      }
      hovered = compound;
    };
    const leave = () => {
      hovered = undefined;
      moving = false;
      tooltip.remove();
      container.style.cursor = '';
    };
    const click = (event: L.LeafletMouseEvent) => {
      const compound = layer.compoundAt(event.latlng);
      if (compound) select(compound.properties);
    };
    const start = () => {
      leave();
      moving = true;
    };
    const end = () => {
      moving = false;
    };
    map.on('mousemove', hover);
    map.on('mouseout', leave);
    map.on('movestart', start);
    map.on('moveend', end);
    map.on('click', click);
    return () => {
      map.off('mousemove', hover);
      map.off('mouseout', leave);
      map.off('movestart', start);
      map.off('moveend', end);
      map.off('click', click);
      leave();
    };
  }, [layer, map, t]);
  return null;
}

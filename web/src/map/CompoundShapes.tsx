/**
 * The compounds in view on the map's canvas, coloured and patterned by status (status.ts):
 * outlines close in, dots far out. Drawn incrementally — a pan adds the compounds it uncovers
 * and drops those it leaves, instead of rebuilding thousands of shapes — and one tooltip and
 * one click handler serve them all. The number drawn is written to `data-drawn` of the map's
 * container, so tests and benchmarks can wait for the canvas to hold what the legend counts.
 */
import type { Feature } from 'geojson';
import L from 'leaflet';
import { useEffect, useEffectEvent, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompoundProps, CompoundSummary } from './data.ts';
import { compoundStyle } from './status.ts';
import { useMapLayer } from './useMapLayer.ts';
import { useShift } from './useShift.ts';

type CompoundLayer = L.Path & { compound: CompoundProps };
interface Drawn {
  readonly layer: CompoundLayer;
  readonly feature: CompoundSummary;
}

/** Dot radius in pixels for a compound drawn as its point. */
const DOT_RADIUS = 4;

export interface CompoundShapesProps {
  /** The map pane they are drawn in. */
  readonly pane: string;
  readonly compounds: readonly CompoundSummary[];
  readonly selectedId: string | undefined;
  onSelect(compound: CompoundProps): void;
}

export function CompoundShapes({ pane, compounds, selectedId, onSelect }: CompoundShapesProps) {
  const { t } = useTranslation();
  const shift = useShift();
  const group = useMemo(() => L.featureGroup([], { pane }), [pane]);
  const map = useMapLayer(group);
  const drawn = useRef(new Map<string, Drawn>());
  const select = useEffectEvent((compound: CompoundProps) => onSelect(compound));

  useEffect(() => {
    group.bindTooltip((layer) => {
      const { name, status } = (layer as CompoundLayer).compound;
      return `${name} · ${t(`status.${status}`)}`;
    }, { sticky: true, className: 'compound-tooltip' });
    const onClick = (event: L.LeafletMouseEvent & { propagatedFrom?: CompoundLayer }) => {
      if (event.propagatedFrom) select(event.propagatedFrom.compound);
    };
    group.on('click', onClick);
    return () => {
      group.off('click', onClick);
      group.unbindTooltip();
    };
  }, [group, t]);

  useEffect(() => {
    const current = drawn.current;
    const next = new Map(compounds.map((f) => [f.id, f]));
    for (const [id, entry] of current) {
      const wanted = next.get(id);
      if (!wanted || wanted.geometry.type !== entry.feature.geometry.type) {
        group.removeLayer(entry.layer);
        current.delete(id);
      }
    }
    const added: L.Layer[] = [];
    for (const feature of compounds) {
      const entry = current.get(feature.id);
      const selected = feature.id === selectedId;
      if (entry) {
        if (entry.feature.properties.status !== feature.properties.status) entry.layer.setStyle(compoundStyle(feature.properties.status, selected));
        entry.layer.compound = feature.properties;
        current.set(feature.id, { layer: entry.layer, feature });
        continue;
      }
      const style = { ...compoundStyle(feature.properties.status, selected), pane };
      const layer = (
        feature.geometry.type === 'Point'
          ? L.circleMarker(shift.toMap(feature.geometry.coordinates), { ...style, radius: DOT_RADIUS })
          : L.GeoJSON.geometryToLayer(feature as unknown as Feature, { coordsToLatLng: (c) => L.latLng(shift.toMap(c as [number, number])), style: () => style })
      ) as CompoundLayer;
      if (!(layer instanceof L.CircleMarker)) layer.setStyle(style);
      layer.compound = feature.properties;
      current.set(feature.id, { layer, feature });
      added.push(layer);
    }
    for (const layer of added) group.addLayer(layer);
    map.getContainer().dataset.drawn = String(current.size);
    // selectedId is applied by the effect below; restyling here on selection would walk every shape.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [compounds, group, map, shift, pane]);

  const previous = useRef<string | undefined>(undefined);
  useEffect(() => {
    const restyle = (id: string | undefined, selected: boolean) => {
      const entry = id === undefined ? undefined : drawn.current.get(id);
      if (!entry) return;
      entry.layer.setStyle(compoundStyle(entry.feature.properties.status, selected));
      if (selected) entry.layer.bringToFront();
    };
    restyle(previous.current, false);
    restyle(selectedId, true);
    previous.current = selectedId;
  }, [selectedId, compounds]);

  useEffect(() => () => drawn.current.clear(), [group]);
  return null;
}

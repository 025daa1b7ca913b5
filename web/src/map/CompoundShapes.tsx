/**
 * The compounds in view on the map's canvas, coloured and patterned by status (status.ts):
 * outlines close in, dots far out. Drawn incrementally — a pan adds the compounds it uncovers
 * and drops those it leaves, instead of rebuilding thousands of shapes; the dots of the whole
 * jurisdiction are kept (hidden) while zoomed in to outlines — and one tooltip and one click
 * handler serve them all. The number drawn is written to `data-drawn` of the map's
 * container, so tests and benchmarks can wait for the canvas to hold what the legend counts.
 */
import type { Feature } from 'geojson';
import L from 'leaflet';
import { useEffect, useEffectEvent, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompoundProps, CompoundSummary } from './data.ts';
import { compoundStyle } from './status.ts';
import type { CompoundShape } from './tiles.ts';
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
  /** The map pane outlines are drawn in. */
  readonly pane: string;
  /** The map pane dots are drawn in: a canvas of their own, hidden (not emptied) while zoomed in to outlines. */
  readonly dotPane: string;
  readonly compounds: readonly CompoundSummary[];
  /** What the compounds are drawn as at this zoom (tiles.ts compoundPlan). */
  readonly shape: CompoundShape;
  readonly selectedId: string | undefined;
  onSelect(compound: CompoundProps): void;
}

export function CompoundShapes({ pane, dotPane, compounds, shape, selectedId, onSelect }: CompoundShapesProps) {
  const { t } = useTranslation();
  const shift = useShift();
  const group = useMemo(() => L.featureGroup([], { pane }), [pane]);
  const map = useMapLayer(group);
  const dots = useRef(new Map<string, Drawn>());
  const outlines = useRef(new Map<string, Drawn>());
  const select = useEffectEvent((compound: CompoundProps) => onSelect(compound));

  useEffect(() => {
    group.bindTooltip((layer) => {
      const { name, status } = (layer as CompoundLayer).compound;
      return t('map.label', { name, status: t(`status.${status}`) });
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
    // Close in the dots stay where they are, hidden with their pane: zooming back out shows
    // them at once instead of rebuilding ten thousand shapes. (Close in, a compound with no
    // outline is a dot among the outlines.)
    const dotsShown = shape === 'point';
    if (dotsShown) sync(dots.current, compounds, dotPane);
    sync(outlines.current, dotsShown ? [] : compounds, pane);
    const dotPaneElement = map.getPane(dotPane);
    if (dotPaneElement) dotPaneElement.style.display = dotsShown ? '' : 'none';
    map.getContainer().dataset.drawn = String((dotsShown ? dots.current.size : 0) + outlines.current.size);

    function sync(current: Map<string, Drawn>, features: readonly CompoundSummary[], layerPane: string) {
      const next = new Map(features.map((f) => [f.id, f]));
      for (const [id, entry] of current) {
        if (next.get(id)?.geometry.type !== entry.feature.geometry.type) {
          group.removeLayer(entry.layer);
          current.delete(id);
        }
      }
      const added: L.Layer[] = [];
      for (const feature of features) {
        const entry = current.get(feature.id);
        const selected = feature.id === selectedId;
        if (entry) {
          if (entry.feature.properties.status !== feature.properties.status) entry.layer.setStyle(compoundStyle(feature.properties.status, selected));
          entry.layer.compound = feature.properties;
          current.set(feature.id, { layer: entry.layer, feature });
          continue;
        }
        const layer = (
          feature.geometry.type === 'Point'
            ? L.circleMarker(shift.toMap(feature.geometry.coordinates), { ...compoundStyle(feature.properties.status, selected), pane: layerPane, radius: DOT_RADIUS })
            : areaLayer(feature, { ...compoundStyle(feature.properties.status, selected), pane: layerPane })
        ) as CompoundLayer;
        layer.compound = feature.properties;
        current.set(feature.id, { layer, feature });
        added.push(layer);
      }
      for (const layer of added) group.addLayer(layer);
    }
    function areaLayer(feature: CompoundSummary, style: L.PathOptions) {
      const layer = L.GeoJSON.geometryToLayer(feature as unknown as Feature, { coordsToLatLng: (c) => L.latLng(shift.toMap(c as [number, number])), style: () => style }) as L.Path;
      layer.setStyle(style);
      return layer;
    }
    // selectedId is applied by the effect below; restyling here on selection would walk every shape.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [compounds, shape, group, map, shift, pane, dotPane]);

  const previous = useRef<string | undefined>(undefined);
  useEffect(() => {
    const restyle = (id: string | undefined, selected: boolean) => {
      if (id === undefined) return;
      for (const entry of [dots.current.get(id), outlines.current.get(id)]) {
        if (!entry) continue;
        entry.layer.setStyle(compoundStyle(entry.feature.properties.status, selected));
        if (selected) entry.layer.bringToFront();
      }
    };
    restyle(previous.current, false);
    restyle(selectedId, true);
    previous.current = selectedId;
  }, [selectedId, compounds]);

  useEffect(() => () => {
    dots.current.clear();
    outlines.current.clear();
  }, [group]);
  return null;
}

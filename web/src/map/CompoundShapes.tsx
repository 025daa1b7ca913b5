/**
 * The compounds (小区) in view, coloured by status: polygons, or a dot for a compound known only
 * by its point. Each shape carries its id, status and community as data attributes, and a click
 * selects it.
 */
import L from 'leaflet';
import { useEffect, useEffectEvent, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompoundProps, CompoundSummary } from './data.ts';
import { asCollection } from './geo.ts';
import { compoundStyle } from './status.ts';
import { useMapLayer } from './useMapLayer.ts';

interface CompoundLayer extends L.Path {
  feature: CompoundSummary;
}

const propsOf = (feature: unknown) => (feature as CompoundSummary).properties;

export interface CompoundShapesProps {
  /** The map pane they are drawn in. */
  readonly pane: string;
  readonly compounds: readonly CompoundSummary[];
  readonly selectedId: string | undefined;
  onSelect(compound: CompoundProps): void;
}

export function CompoundShapes({ pane, compounds, selectedId, onSelect }: CompoundShapesProps) {
  const { t } = useTranslation();
  const layer = useMemo(
    () =>
      L.geoJSON(asCollection(compounds), {
        pane,
        style: (feature) => compoundStyle(propsOf(feature).status, false),
        pointToLayer: (_, latlng) => L.circleMarker(latlng, { pane, radius: 7 }),
        onEachFeature: (feature, shape) => {
          const { name, status } = propsOf(feature);
          shape.bindTooltip(`${name} · ${t(`status.${status}`)}`, { sticky: true, className: 'compound-tooltip' });
        },
      }),
    [compounds, pane, t],
  );
  useMapLayer(layer);
  const select = useEffectEvent((compound: CompoundProps) => onSelect(compound));

  useEffect(() => {
    layer.eachLayer((shape) => {
      const { feature } = shape as CompoundLayer;
      const element = (shape as CompoundLayer).getElement();
      element?.setAttribute('data-compound-id', feature.properties.id);
      element?.setAttribute('data-status', feature.properties.status);
      element?.setAttribute('data-community-id', feature.properties.communityId ?? '');
    });
    const onClick = (event: L.LeafletMouseEvent & { propagatedFrom?: CompoundLayer }) => {
      if (event.propagatedFrom) select(event.propagatedFrom.feature.properties);
    };
    layer.on('click', onClick);
    return () => {
      layer.off('click', onClick);
    };
  }, [layer]);

  useEffect(() => {
    layer.eachLayer((shape) => {
      const compound = shape as CompoundLayer;
      const selected = compound.feature.properties.id === selectedId;
      compound.setStyle(compoundStyle(compound.feature.properties.status, selected));
      if (selected) compound.bringToFront();
    });
  }, [layer, selectedId]);
  return null;
}

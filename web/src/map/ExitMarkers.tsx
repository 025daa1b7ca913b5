/**
 * Exits (出入口) as markers: open (hollow green ring), sealed (dark filled dot) and unresolved —
 * a red warning badge with "!" that stands out at any zoom and names its reasons. Clustered
 * below zoom 15. (The officials' board draws its own: see web/src/board/BoardMap.tsx for why.)
 */
import L from 'leaflet';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClusterPoint } from './clusters.ts';
import { ClusteredPoints } from './ClusteredPoints.tsx';

export interface ExitPoint extends ClusterPoint {
  readonly name: string;
  readonly status: 'open' | 'sealed';
  /** Why it breaks a rule; empty when it breaks none. */
  readonly reasons: readonly string[];
}

export interface ExitMarkersProps {
  readonly pane: string;
  readonly exits: readonly ExitPoint[];
}

/** Below this zoom exits cluster. */
const CLUSTER_BELOW_ZOOM = 15;

export function ExitMarkers({ pane, exits }: ExitMarkersProps) {
  const { t } = useTranslation();
  const drawPoint = useCallback(
    (exit: ExitPoint, at: L.LatLngLiteral, renderer: L.Renderer): L.Layer => {
      const label = { name: exit.name, status: t(`map.exits.status.${exit.status}`) };
      const text = exit.reasons.length > 0
        ? t('map.labelReasons', { ...label, reasons: exit.reasons.join(t('map.reasonSeparator')) })
        : t('map.label', label);
      return exit.reasons.length > 0
        ? L.marker(at, {
            pane,
            title: text,
            alt: text,
            icon: L.divIcon({ className: 'exit-marker exit-unresolved', html: '<span aria-hidden="true">!</span>', iconSize: [22, 22] }),
          })
        : L.circleMarker(at, {
            pane,
            renderer,
            radius: 5,
            weight: 2.5,
            color: exit.status === 'open' ? '#1f7a45' : '#222b38',
            fillColor: exit.status === 'open' ? '#ffffff' : '#222b38',
            fillOpacity: 1,
          }).bindTooltip(text);
    },
    [pane, t],
  );
  const clusterLabel = useCallback((count: number) => t('map.exits.cluster', { count }), [t]);
  return (
    <ClusteredPoints
      pane={pane}
      points={exits}
      clusterBelowZoom={CLUSTER_BELOW_ZOOM}
      clusterClass={exits.some((e) => e.reasons.length > 0) ? 'cluster-unresolved' : 'cluster-exits'}
      drawPoint={drawPoint}
      clusterLabel={clusterLabel}
    />
  );
}

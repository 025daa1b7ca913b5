/**
 * Where things are, drawn under a map's points: community boundaries (with their names) under
 * the compounds (outlines close in, dots far out, drawn by tiles), each in a pane of its own so the stacking
 * holds whatever is added when (Leaflet's overlay pane is at 400, markers at 600, tooltips at
 * 650). The city map draws its unvisited buildings and exits above them; the board's map its
 * exits.
 */
import type { ReactNode } from 'react';
import { Pane } from 'react-leaflet';
import { CommunityBoundaries } from './CommunityBoundaries.tsx';
import { CompoundShapes } from './CompoundShapes.tsx';
import type { CommunityFeature, CompoundProps, CompoundSummary } from './data.ts';
import type { CompoundShape } from './tiles.ts';

export interface AreaLayersProps {
  readonly communities: readonly CommunityFeature[];
  /** False while the communities' layer is switched off. */
  readonly showCommunities?: boolean;
  readonly selectedCommunityId: string | undefined;
  readonly compounds: readonly CompoundSummary[];
  /** Dots far out, outlines close in. */
  readonly compoundShape: CompoundShape;
  readonly selectedCompoundId: string | undefined;
  onSelectCompound(compound: CompoundProps): void;
  /** Drawn with the compounds (the board's compound names). */
  readonly children?: ReactNode;
}

export function AreaLayers({ showCommunities = true, ...props }: AreaLayersProps) {
  return (
    <>
      <Pane name="communities" style={{ zIndex: 380 }}>
        {showCommunities && <CommunityBoundaries pane="communities" communities={props.communities} selectedId={props.selectedCommunityId} />}
      </Pane>
      <Pane name="compounds" style={{ zIndex: 420 }}>
        <CompoundShapes
          pane="compounds"
          compounds={props.compounds}
          shape={props.compoundShape}
          selectedId={props.selectedCompoundId}
          onSelect={props.onSelectCompound}
        />
        {props.children}
      </Pane>
    </>
  );
}

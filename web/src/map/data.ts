/**
 * The map's data: communities of the caller's jurisdiction, compounds in the viewport (every
 * page of them), and the details of one compound. Types come from the API catalogue.
 */
import { allFeatures, type FeatureOf } from '../api/client.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useApi } from '../services.tsx';

export type CommunityFeature = FeatureOf<'listCommunities'>;
export type CompoundSummary = FeatureOf<'listCompounds'>;
export type CompoundProps = CompoundSummary['properties'];

export function useCommunities() {
  const api = useApi();
  return useAsync('communities', (signal) => allFeatures(api, 'listCommunities', {}, { signal }));
}

/** Compounds whose place lies in `bbox` ("minLng,minLat,maxLng,maxLat"), optionally of one community. */
export function useCompoundsInView(bbox: string | undefined, communityId: string | undefined) {
  const api = useApi();
  const key = bbox === undefined ? null : `${bbox}|${communityId ?? ''}`;
  return useAsync(key, (signal) => allFeatures(api, 'listCompounds', { query: { bbox, communityId } }, { signal }));
}

export interface CompoundDetail {
  readonly address: string | undefined;
  readonly buildings: number;
  readonly households: number;
  readonly exits: { readonly total: number; readonly open: number; readonly sealed: number };
}

export function useCompoundDetail(id: string) {
  const api = useApi();
  return useAsync(id, async (signal): Promise<CompoundDetail> => {
    const params = { id };
    const [compound, buildings, exits] = await Promise.all([
      api.call('getCompound', { params }, { signal }),
      allFeatures(api, 'listCompoundBuildings', { params }, { signal }),
      allFeatures(api, 'listCompoundExits', { params }, { signal }),
    ]);
    const open = exits.filter((e) => e.properties.status === 'open').length;
    return {
      address: compound.properties.address,
      buildings: buildings.length,
      households: buildings.reduce((sum, b) => sum + b.properties.households, 0),
      exits: { total: exits.length, open, sealed: exits.length - open },
    };
  });
}

/**
 * Where listed people live, by name: the compounds and buildings of the people a list shows,
 * read once per compound (a grid or a community holds a handful), so a row says
 * "粮食局宿舍区 · 3栋 · 2单元301" rather than ids. Names the API puts on the person win.
 */
import { useMemo } from 'react';
import { allFeatures } from '../api/client.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useApi } from '../services.tsx';

export interface Placed {
  readonly compoundId: string;
  readonly buildingId: string;
  readonly room?: string | undefined;
  readonly compoundName?: string | undefined;
  readonly buildingName?: string | undefined;
}

export type PlaceNames = ReadonlyMap<string, string>;

/** Names of the compounds and buildings of these people (keys: compound and building ids). */
export function usePlaceNames(people: readonly Placed[] | undefined): PlaceNames {
  const api = useApi();
  const compoundIds = useMemo(() => [...new Set((people ?? []).filter((p) => !p.buildingName).map((p) => p.compoundId))].sort(), [people]);
  const state = useAsync(compoundIds.length > 0 ? `people-places|${compoundIds.join(',')}` : null, async (signal) => {
    const names = new Map<string, string>();
    await Promise.all(
      compoundIds.map(async (compoundId) => {
        const [compound, buildings] = await Promise.all([
          api.call('getCompound', { params: { id: compoundId } }, { signal }).catch(() => undefined),
          allFeatures(api, 'listCompoundBuildings', { params: { id: compoundId } }, { signal }).catch(() => []),
        ]);
        if (compound) names.set(compoundId, compound.properties.name);
        for (const b of buildings) names.set(b.properties.id, b.properties.name);
      }),
    );
    return names;
  });
  return state.data ?? state.latest ?? EMPTY;
}

const EMPTY: PlaceNames = new Map();

/** Compound · building · room, as names where known. */
export function placeText(person: Placed, names: PlaceNames, roomWord: (room: string) => string): string {
  const compound = person.compoundName ?? names.get(person.compoundId);
  const building = person.buildingName ?? names.get(person.buildingId);
  return [compound, building, person.room ? roomWord(person.room) : undefined].filter(Boolean).join(' · ');
}

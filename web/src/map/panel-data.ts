/**
 * What the compound panel shows, each part loaded on its own so one failure or refusal does not
 * blank the others: the compound with its buildings and exits (each exit's standing under the
 * rules), its sealing history, its responsibility list, and today's disinfection log — read from
 * the public route residents see, so it carries no personal data. (Its drop-off points come the
 * same way, as the resident page reads them: web/src/public/DropOffList.tsx.)
 */
import { compoundEtag } from '#shared/schemas/preconditions.ts';
import { allFeatures } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useApi } from '../services.tsx';

/** A 404 means "none yet" (no responsibility list set, no disinfection log kept). */
async function orNone<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function useCompoundDetail(id: string, version: number) {
  const api = useApi();
  return useAsync(`${id}:${version}`, async (signal) => {
    const params = { id };
    const [compound, buildings, exits] = await Promise.all([
      api.call('getCompound', { params }, { signal }),
      allFeatures(api, 'listCompoundBuildings', { params }, { signal }),
      allFeatures(api, 'listCompoundExits', { params }, { signal }),
    ]);
    const standings = await Promise.all(exits.map((e) => api.call('getExit', { params: { id: e.id } }, { signal })));
    return {
      name: compound.properties.name,
      address: compound.properties.address,
      // A compound chosen from the dots came without these (shape=point).
      areaM2: compound.properties.areaM2,
      propertyManaged: compound.properties.propertyManaged,
      buildings: buildings.length,
      households: buildings.reduce((sum, b) => sum + b.properties.households, 0),
      exits: standings,
      /** The version read, which a change sends back as If-Match (the API's ETag for this compound). */
      etag: compoundEtag(compound.properties),
    };
  });
}

/** The compound's status changes, newest first (overseers only: the route's roles). */
export function useSealingHistory(id: string, version: number, enabled: boolean) {
  const api = useApi();
  return useAsync(enabled ? `${id}:${version}` : null, async (signal) => {
    const page = await api.call('listCompoundHistory', { params: { id }, query: { limit: 50 } }, { signal });
    return page.items.filter((entry) => 'status' in entry.changes);
  });
}

export function useResponsibility(id: string) {
  const api = useApi();
  return useAsync(id, (signal) => orNone(api.call('getResponsibility', { params: { id } }, { signal })));
}

export function useDisinfectionToday(id: string) {
  const api = useApi();
  return useAsync(id, (signal) => orNone(api.call('getPublicDisinfectionLog', { params: { id } }, { signal })));
}

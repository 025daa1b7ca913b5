/**
 * What the passes view reads: the compounds an admin may issue passes for (a community admin's
 * own; city staff choose a community first, so a city of thousands of compounds is never one
 * list), a compound's passes page by page with the API's search, and every pass of a compound
 * or of one building for the printed cards.
 */
import { useCallback, useMemo } from 'react';
import type { Pass } from '#shared/schemas/pass.ts';
import { allFeatures, type ApiClient } from '../api/client.ts';
import { usePaged } from '../board/paged.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useApi } from '../services.tsx';

/** Passes per page of the list: a screenful, more on request. */
export const PASS_PAGE_SIZE = 20;

export interface CompoundChoice {
  readonly id: string;
  readonly name: string;
}

/** The compounds of a community (or, without one, of the caller's own jurisdiction), by name. */
export function useCompoundChoices(communityId: string | undefined, enabled: boolean) {
  const api = useApi();
  const state = useAsync(enabled ? `pass-compounds|${communityId ?? ''}` : null, (signal) =>
    allFeatures(api, 'listCompounds', { query: { communityId, shape: 'point', limit: 1000 } }, { signal }));
  const compounds = useMemo<CompoundChoice[]>(
    () => (state.data ?? []).map((c) => ({ id: c.properties.id, name: c.properties.name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    [state.data],
  );
  return { compounds, loading: state.loading, error: state.error, reload: state.reload };
}

/** A compound's buildings, by name: what a pass may name and a sheet is printed for. */
export function useBuildings(compoundId: string | undefined) {
  const api = useApi();
  const state = useAsync(compoundId ? `pass-buildings|${compoundId}` : null, (signal) =>
    allFeatures(api, 'listCompoundBuildings', { params: { id: compoundId ?? '' } }, { signal }));
  return useMemo<CompoundChoice[]>(
    () => (state.data ?? []).map((b) => ({ id: b.properties.id, name: b.properties.name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true })),
    [state.data],
  );
}

const passId = (pass: Pass) => pass.passId;

/**
 * A compound's passes, searched by the API (`q`: pass id, holder's name or plate), a page at a
 * time; a new `issued` count (a pass just issued) reads the list again.
 */
export function usePassList(compoundId: string | undefined, q: string, issued = 0) {
  const api = useApi();
  const load = useCallback(
    (nextToken: string | undefined, signal?: AbortSignal) =>
      api.call('listPasses', { params: { id: compoundId ?? '' }, query: { q: q || undefined, limit: PASS_PAGE_SIZE, nextToken } }, { signal }),
    [api, compoundId, q],
  );
  return usePaged(compoundId ? `passes|${compoundId}|${q}|${issued}` : null, load, passId);
}

/** Every pass of a compound, or of one of its buildings, following the pages to the end. */
export async function allPasses(api: ApiClient, compoundId: string, query: { buildingId?: string; q?: string }, signal?: AbortSignal): Promise<Pass[]> {
  const passes: Pass[] = [];
  let nextToken: string | undefined;
  do {
    const page = await api.call('listPasses', { params: { id: compoundId }, query: { ...query, limit: 1000, nextToken } }, { signal });
    passes.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return passes;
}

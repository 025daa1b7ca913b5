/**
 * The board's data: unresolved exits page by page (load more), filtered by community on the
 * server; an action hides its exit at once and then asks the API for the exit's standing — it
 * leaves the board only when the API no longer counts it unresolved, comes back if the action
 * failed, and stays with its remaining reasons if others still hold. An action refused because
 * someone else changed the exit meanwhile (If-Match, 412) brings it back as it now stands, with
 * its new version. Also the lockdown suggestions still waiting (open or acknowledged) and the
 * communities' names.
 */
import { useCallback, useMemo, useState } from 'react';
import type { MissedRound } from '#shared/schemas/disinfection.ts';
import type { ExitDetail } from '#shared/schemas/exit.ts';
import { allFeatures } from '../api/client.ts';
import { isStale } from '../api/errors.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useApi } from '../services.tsx';
import { without, type UnresolvedExit } from './grouping.ts';
import { usePaged, type Page } from './paged.ts';

/** Exits per page: enough for a street's list at once, small enough to answer fast. */
const PAGE_SIZE = 100;

export interface ExitList {
  readonly exits: readonly UnresolvedExit[];
  readonly loading: boolean;
  readonly loadingMore: boolean;
  readonly error: unknown;
  readonly hasMore: boolean;
  /** Actions still running (their exits are off the board meanwhile). */
  readonly acting: number;
  loadMore(): void;
  reload(): void;
  /** Why the last action on an exit failed, by exit id. */
  readonly failures: ReadonlyMap<string, unknown>;
  /**
   * Runs an action on an exit: hidden while it runs, then shown as the API now judges it
   * (gone when resolved). When the action fails the exit comes back with the failure.
   */
  act(exitId: string, action: () => Promise<unknown>): Promise<void>;
}

/** An exit's detail as a board item, or undefined once it breaks no rule. */
export function standingOf(detail: ExitDetail, listed: UnresolvedExit): UnresolvedExit | undefined {
  if (!detail.unresolved || detail.reasons.length === 0) return undefined;
  return { ...listed, status: detail.status, reasons: detail.reasons, since: detail.since ?? listed.since, updatedAt: detail.updatedAt };
}

interface Edits {
  readonly first: Page<UnresolvedExit> | undefined;
  /** Exits taken off while their action runs. */
  readonly hidden: ReadonlySet<string>;
  /** Exits as the API judged them after an action: null once resolved. */
  readonly changed: ReadonlyMap<string, UnresolvedExit | null>;
  readonly failed: ReadonlyMap<string, unknown>;
}

const NO_FAILURES: ReadonlyMap<string, unknown> = new Map();
const idOf = (exit: UnresolvedExit) => exit.id;

export function useUnresolvedExits(communityId: string | undefined): ExitList {
  const api = useApi();
  const load = useCallback(
    (nextToken: string | undefined, signal?: AbortSignal) =>
      api.call('listExits', { query: { status: 'unresolved', communityId, limit: PAGE_SIZE, nextToken } }, { signal }),
    [api, communityId],
  );
  const list = usePaged(`exits|${communityId ?? ''}`, load, idOf);
  const { first } = list;
  // What actions changed belongs to the first page it followed: a new one starts afresh.
  const [edits, setEdits] = useState<Edits>();
  const [acting, setActing] = useState(0);
  const edited = edits?.first === first ? edits : undefined;

  const exits = useMemo(() => {
    const shown = list.items.flatMap((e) => {
      const now = edited?.changed.get(e.id);
      return now === undefined ? [e] : now === null ? [] : [now];
    });
    return without(shown, edited?.hidden ?? new Set());
  }, [list.items, edited]);

  const act = useCallback(async (exitId: string, action: () => Promise<unknown>) => {
    const listed = exits.find((e) => e.id === exitId);
    const edit = (change: (e: Edits) => Partial<Omit<Edits, 'first'>>) =>
      setEdits((current): Edits => {
        const e: Edits = current && current.first === first ? current : { first, hidden: new Set(), changed: new Map(), failed: new Map() };
        return { ...e, ...change(e) };
      });
    const show = (visible: boolean) => edit((e) => {
      const hidden = new Set(e.hidden);
      if (visible) hidden.delete(exitId);
      else hidden.add(exitId);
      return { hidden };
    });
    const settle = (standing: UnresolvedExit | null) => edit((e) => ({ changed: new Map(e.changed).set(exitId, standing) }));
    const fail = (error: unknown) => edit((e) => {
      const failed = new Map(e.failed);
      if (error === undefined) failed.delete(exitId);
      else failed.set(exitId, error);
      return { failed };
    });
    const standing = async () => {
      const detail = await api.call('getExit', { params: { id: exitId } });
      return (listed && standingOf(detail, listed)) ?? null;
    };
    fail(undefined);
    show(false);
    setActing((n) => n + 1);
    try {
      try {
        await action();
      } catch (error) {
        fail(error);
        // Changed by someone else since it was listed: shown as it now stands, with the version
        // a new action is made from. Unread, it stays as listed and the refusal says why.
        if (isStale(error)) settle(await standing().catch(() => listed ?? null));
        return;
      }
      try {
        settle(await standing());
      } catch {
        // The action landed; without a fresh standing, the next reload tells.
        settle(null);
      }
    } finally {
      show(true);
      setActing((n) => n - 1);
    }
  }, [api, first, exits]);

  return {
    exits,
    loading: list.loading,
    loadingMore: list.loadingMore,
    error: list.error,
    hasMore: list.hasMore,
    acting,
    failures: edited?.failed ?? NO_FAILURES,
    loadMore: list.loadMore,
    reload: list.reload,
    act,
  };
}

export function useCommunityNames(): ReadonlyMap<string, string> {
  const api = useApi();
  const communities = useAsync('board-communities', (signal) => allFeatures(api, 'listCommunities', {}, { signal }));
  return useMemo(() => new Map((communities.data ?? []).map((c) => [c.properties.id, c.properties.name])), [communities.data]);
}

/** Compounds that missed disinfection rounds on a China day (default: the API's, yesterday there). */
export function useMissedRounds(communityId: string | undefined, date: string | undefined) {
  const api = useApi();
  const load = useCallback(
    (nextToken: string | undefined, signal?: AbortSignal) =>
      api.call('listMissedRounds', { query: { communityId, date, limit: PAGE_SIZE, nextToken } }, { signal }),
    [api, communityId, date],
  );
  return usePaged(`missed-rounds|${communityId ?? ''}|${date ?? ''}`, load, roundId);
}

const roundId = (round: MissedRound) => `${round.compoundId}|${round.date}`;

/**
 * Lockdown suggestions (a confirmed case's compound) still waiting on a decision: open ones first,
 * then those someone acknowledged (taken on, not yet decided) — each newest first. Only a closed
 * one has been decided.
 */
export function useLockdownSuggestions(communityId: string | undefined) {
  const api = useApi();
  return useAsync(`lockdown|${communityId ?? ''}`, async (signal) => {
    const waiting = (status: 'open' | 'acknowledged') =>
      api.call('listAlerts', { query: { kind: 'lockdown_suggested', status, communityId } }, { signal });
    const [open, acknowledged] = await Promise.all([waiting('open'), waiting('acknowledged')]);
    return { items: [...open.items, ...acknowledged.items] };
  });
}

/**
 * What the inbox reads: the caller's alerts as the API orders them (open first, the most urgent
 * kind, newest), filtered by status and kind on the server, page by page; loaded again when a new
 * notification arrives (so an alert raised meanwhile appears without a reload), keeping what was
 * shown until the new page lands. An action's answer (the alert as it now stands) replaces the
 * card at once, until the next page says the same.
 */
import { useCallback, useMemo, useState } from 'react';
import type { Alert, AlertKind, AlertStatus } from '#shared/schemas/alert.ts';
import type { PagedList } from '../board/paged.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useApi } from '../services.tsx';

/** Alerts per page: a community's day fits in one. */
const PAGE_SIZE = 50;

export interface AlertFilter {
  readonly status: AlertStatus | undefined;
  readonly kind: AlertKind | undefined;
}

interface Loaded {
  readonly filterKey: string;
  readonly items: readonly Alert[];
  readonly nextToken: string | undefined;
}

/** A paged list as the board's (`loading`: until the first page for the current filter arrived). */
export interface InboxAlerts extends Omit<PagedList<Alert>, 'first'> {
  /** Shows the alert as an action's answer says it now stands. */
  replace(alert: Alert): void;
}

/** `freshness` changes whenever the list may have grown (the newest notification's id). */
export function useInboxAlerts(filter: AlertFilter, freshness: string | undefined): InboxAlerts {
  const api = useApi();
  const filterKey = `${filter.status ?? ''}|${filter.kind ?? ''}`;
  const load = useCallback(async (nextToken: string | undefined, signal?: AbortSignal): Promise<Loaded> => {
    const page = await api.call('listAlerts', { query: { status: filter.status, kind: filter.kind, limit: PAGE_SIZE, nextToken } }, { signal });
    return { filterKey, items: page.items, nextToken: page.nextToken };
  }, [api, filter.status, filter.kind, filterKey]);
  const first = useAsync(`inbox-alerts|${filterKey}|${freshness ?? ''}`, (signal) => load(undefined, signal));
  // While a newer page loads, the one shown stays (same filter only).
  const shown = first.data ?? (first.latest?.filterKey === filterKey ? first.latest : undefined);

  const [more, setMore] = useState<{ after: Loaded; items: readonly Alert[]; nextToken: string | undefined; error: unknown }>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [edits, setEdits] = useState<{ after: Loaded | undefined; byId: ReadonlyMap<string, Alert> }>();
  const pages = shown && more?.after === shown ? more : undefined;
  const edited = edits && edits.after === shown ? edits.byId : undefined;
  const nextToken = pages ? pages.nextToken : shown?.nextToken;

  const items = useMemo(() => {
    const seen = new Set<string>();
    return [...(shown?.items ?? []), ...(pages?.items ?? [])]
      .filter((alert) => !seen.has(alert.id) && Boolean(seen.add(alert.id)))
      .map((alert) => edited?.get(alert.id) ?? alert);
  }, [shown, pages, edited]);

  const loadMore = useCallback(() => {
    if (!shown || !nextToken || loadingMore) return;
    setLoadingMore(true);
    const kept = pages?.items ?? [];
    load(nextToken).then(
      (page) => setMore({ after: shown, items: [...kept, ...page.items], nextToken: page.nextToken, error: undefined }),
      (error: unknown) => setMore({ after: shown, items: kept, nextToken, error }),
    ).finally(() => setLoadingMore(false));
  }, [shown, nextToken, loadingMore, pages, load]);

  const replace = useCallback((alert: Alert) => {
    setEdits((current) => {
      const byId = new Map(current && current.after === shown ? current.byId : []);
      return { after: shown, byId: byId.set(alert.id, alert) };
    });
  }, [shown]);

  return {
    items,
    loading: shown === undefined && first.error === undefined,
    loadingMore,
    error: first.error ?? pages?.error,
    hasMore: nextToken !== undefined,
    loadMore,
    reload: first.reload,
    replace,
  };
}

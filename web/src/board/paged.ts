/**
 * A list the API answers in pages (`{items, nextToken}`): the first page for a key, more on
 * request. Later pages belong to the first page they followed, so a new key or a reload starts
 * the list again; an item that moved between pages is kept once.
 */
import { useCallback, useMemo, useState } from 'react';
import { useAsync } from '../hooks/useAsync.ts';

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string | undefined;
}

export interface PagedList<T> {
  readonly items: readonly T[];
  /** The first page: what later pages and edits belong to. */
  readonly first: Page<T> | undefined;
  readonly loading: boolean;
  readonly loadingMore: boolean;
  readonly error: unknown;
  readonly hasMore: boolean;
  loadMore(): void;
  reload(): void;
}

interface More<T> {
  readonly first: Page<T> | undefined;
  readonly items: readonly T[];
  readonly nextToken: string | undefined;
  readonly error: unknown;
}

/** Pages appended as loaded; an item already listed (it moved between pages) is kept once. */
function appendPage<T>(items: readonly T[], page: readonly T[], idOf: (item: T) => string): T[] {
  const seen = new Set(items.map(idOf));
  return [...items, ...page.filter((item) => !seen.has(idOf(item)))];
}

export function usePaged<T>(
  key: string | null,
  load: (nextToken: string | undefined, signal?: AbortSignal) => Promise<Page<T>>,
  idOf: (item: T) => string,
): PagedList<T> {
  const firstPage = useAsync(key, (signal) => load(undefined, signal));
  const first = firstPage.data;
  const [more, setMore] = useState<More<T>>();
  const [loadingMore, setLoadingMore] = useState(false);
  const pages = more?.first === first ? more : undefined;
  const nextToken = pages ? pages.nextToken : first?.nextToken;

  const items = useMemo(() => appendPage(first?.items ?? [], pages?.items ?? [], idOf), [first, pages, idOf]);

  const loadMore = useCallback(() => {
    if (!nextToken || loadingMore) return;
    setLoadingMore(true);
    const kept = (m: More<T> | undefined) => (m && m.first === first ? m.items : []);
    load(nextToken).then(
      (page) => setMore((m) => ({ first, items: [...kept(m), ...page.items], nextToken: page.nextToken, error: undefined })),
      (error: unknown) => setMore((m) => ({ first, items: kept(m), nextToken, error })),
    ).finally(() => setLoadingMore(false));
  }, [first, load, nextToken, loadingMore]);

  return {
    items,
    first,
    loading: firstPage.loading,
    loadingMore,
    error: firstPage.error ?? pages?.error,
    hasMore: nextToken !== undefined,
    loadMore,
    reload: firstPage.reload,
  };
}

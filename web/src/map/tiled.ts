/**
 * Viewport data in cells (tiles.ts) with a cache: each cell is fetched once (every page of it)
 * and kept, least recently used first out, so panning back and forth costs nothing and a pan
 * fetches only the cells it uncovers. A failed cell is not kept; `reload` tries it again.
 */
import { useCallback, useEffect, useEffectEvent, useMemo, useReducer } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tile } from './tiles.ts';

/** About 400 cells of a few hundred features: a few MB at most. */
const MAX_CELLS = 400;
const NOTIFY_MS = 80;

export class CellCache<T> {
  private readonly cells = new Map<string, T[]>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly failed = new Map<string, unknown>();
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  peek(key: string): T[] | undefined {
    const cell = this.cells.get(key);
    if (cell) {
      // Most recently used last, so the first key is the one to evict.
      this.cells.delete(key);
      this.cells.set(key, cell);
    }
    return cell;
  }

  errorOf(key: string): unknown {
    return this.failed.get(key);
  }

  /** Starts loading the cell unless it is loaded, loading or failed. */
  ensure(key: string, load: () => Promise<T[]>): void {
    if (this.cells.has(key) || this.pending.has(key) || this.failed.has(key)) return;
    const loading = load().then(
      (items) => {
        this.cells.set(key, items);
        while (this.cells.size > MAX_CELLS) this.cells.delete(this.cells.keys().next().value as string);
      },
      (error: unknown) => {
        this.failed.set(key, error);
      },
    ).finally(() => {
      this.pending.delete(key);
      this.notify();
    });
    this.pending.set(key, loading);
  }

  /** Rewrites cached items in place (a compound sealed from the panel, say). */
  update(change: (item: T) => T): void {
    for (const [key, items] of this.cells) this.cells.set(key, items.map(change));
    this.notify();
  }

  /** Forgets failures, so the next `ensure` tries again. */
  retry(): void {
    this.failed.clear();
    this.notify();
  }

  clear(): void {
    this.cells.clear();
    this.failed.clear();
    this.notify();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Cells arriving together (a dozen after a zoom) re-render the map once, not a dozen times:
   * listeners hear of them at most every NOTIFY_MS.
   */
  private notify() {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const listener of this.listeners) listener();
    }, NOTIFY_MS);
  }
}

/** A cell's key in its cache: what else it depends on (`prefix`, see useTiled) and the cell. */
export const cellKey = (prefix: string, tile: Tile): string => `${prefix}|${tile.key}`;

/** The prefix of useTiled's cells of one kind in this language. */
export const cellPrefix = (language: string, kind: string): string => `${language}:${kind}`;

export interface TiledState<T> {
  /** The items of the cells loaded so far, each once. */
  readonly items: readonly T[];
  /** True until every cell in view is loaded (or failed). */
  readonly loading: boolean;
  readonly error: unknown;
  reload(): void;
}

/**
 * The items of `tiles` from `cache`, loading the missing cells with `load`. `prefix` names what
 * else the items depend on (the shape, the campaign) so cells of different kinds never mix; the
 * app's language is part of it too, since the API's texts (exit reasons) come in that language.
 */
export function useTiled<T>(
  cache: CellCache<T>,
  kind: string,
  tiles: readonly Tile[] | undefined,
  load: (tile: Tile) => Promise<T[]>,
  idOf: (item: T) => string,
): TiledState<T> {
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => cache.subscribe(bump), [cache]);
  const run = useEffectEvent(load);
  const { i18n } = useTranslation();
  const prefix = cellPrefix(i18n.language, kind);

  useEffect(() => {
    for (const tile of tiles ?? []) cache.ensure(cellKey(prefix, tile), () => run(tile));
  }, [cache, prefix, tiles, version]);

  const state = useMemo(() => {
    const seen = new Set<string>();
    const items: T[] = [];
    let loading = tiles === undefined;
    let error: unknown;
    for (const tile of tiles ?? []) {
      const key = cellKey(prefix, tile);
      const cell = cache.peek(key);
      if (!cell) {
        const failure = cache.errorOf(key);
        if (failure === undefined) loading = true;
        else error ??= failure;
        continue;
      }
      for (const item of cell) {
        const id = idOf(item);
        if (seen.has(id)) continue;
        seen.add(id);
        items.push(item);
      }
    }
    return { items, loading, error };
    // `version` re-reads the cache when a cell arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cache, prefix, tiles, version]);

  const reload = useCallback(() => cache.retry(), [cache]);
  return { ...state, reload };
}

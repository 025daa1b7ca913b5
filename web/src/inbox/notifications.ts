/**
 * The signed-in user's notifications as one live feed: the header's unread badge and the inbox
 * read the same state, so marking read in the inbox lowers the badge at once. While anything
 * shows it and the tab is visible, the feed asks GET /v1/notifications every POLL_MS with the
 * last ETag (If-None-Match): an unchanged list answers 304 with no body, so polling is cheap and
 * the count updates without a reload. A tab coming back into view asks at once.
 */
import { useSyncExternalStore } from 'react';
import type { NotificationList, NotificationsRead } from '#shared/schemas/notification.ts';
import type { ApiClient } from '../api/client.ts';
import { isAbort } from '../api/errors.ts';
import { useApi } from '../services.tsx';

/** How often a visible tab asks: often enough that an alert reaches its reader within a minute. */
export const POLL_MS = 20_000;

export interface FeedState {
  readonly list: NotificationList | undefined;
  /** Why the last poll failed (kept until one succeeds). */
  readonly error: unknown;
}

export interface NotificationFeed {
  subscribe(listener: () => void): () => void;
  getState(): FeedState;
  /** Asks now (still with If-None-Match). */
  refresh(): Promise<void>;
  /** Marks read, then shows the API's new count at once. */
  markRead(body: NotificationsRead): Promise<void>;
}

export function createNotificationFeed(api: ApiClient, pollMs = POLL_MS): NotificationFeed {
  let state: FeedState = { list: undefined, error: undefined };
  let etag: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;
  const listeners = new Set<() => void>();
  const set = (next: Partial<FeedState>) => {
    state = { ...state, ...next };
    for (const listener of listeners) listener();
  };
  const visible = () => document.visibilityState === 'visible';

  const ask = async () => {
    try {
      const answer = await api.callIfChanged('listNotifications', etag);
      if (answer.unchanged) {
        if (state.error !== undefined) set({ error: undefined });
        return;
      }
      etag = answer.etag;
      set({ list: answer.body, error: undefined });
    } catch (error) {
      if (!isAbort(error)) set({ error });
    }
  };
  const refresh = (): Promise<void> => {
    // One question at a time: a poll due while another is out joins it.
    inFlight ??= ask().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = listeners.size > 0 && visible() ? setTimeout(() => void refresh().finally(schedule), pollMs) : undefined;
  };
  const onVisibility = () => {
    if (visible()) void refresh().finally(schedule);
    else schedule();
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) {
        document.addEventListener('visibilitychange', onVisibility);
        void refresh().finally(schedule);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          document.removeEventListener('visibilitychange', onVisibility);
          schedule();
        }
      };
    },
    getState: () => state,
    refresh,
    async markRead(body) {
      const answer = await api.call('readNotifications', { body });
      const marked = (id: string) => 'all' in body || body.ids.includes(id);
      const list = state.list && { unread: answer.unread, items: state.list.items.map((n) => (marked(n.id) ? { ...n, read: true } : n)) };
      set({ list });
      // The list's ETag changed with it: the next poll fetches the API's own version.
      await refresh();
    },
  };
}

/** One feed per API client and user: a new sign-in starts a new feed. */
const feeds = new WeakMap<ApiClient, Map<string, NotificationFeed>>();

function feedOf(api: ApiClient, username: string): NotificationFeed {
  let byUser = feeds.get(api);
  if (!byUser) feeds.set(api, (byUser = new Map()));
  let feed = byUser.get(username);
  if (!feed) byUser.set(username, (feed = createNotificationFeed(api)));
  return feed;
}

/** The user's notification feed, polled while the calling component is shown. */
export function useNotifications(username: string): FeedState & Pick<NotificationFeed, 'markRead' | 'refresh'> {
  const api = useApi();
  const feed = feedOf(api, username);
  // A user switch leaves the old feed without listeners, so it stops polling by itself.
  const state = useSyncExternalStore(feed.subscribe, feed.getState);
  return { ...state, markRead: feed.markRead, refresh: feed.refresh };
}

/**
 * Whether a new version of the app waits to take over, observable for React: the service worker
 * registration (./register.ts) announces one, the update banner shows it, and only the user's
 * click applies it. Kept apart from the registration so the banner can be tested with any
 * `apply`, no service worker needed.
 */

export interface AppUpdates {
  /** True once a new version is installed and waiting. */
  available(): boolean;
  subscribe(listener: () => void): () => void;
  /** Switches to the waiting version and reloads the page; called on the user's click only. */
  apply(): Promise<void>;
}

export interface AppUpdatesControl extends AppUpdates {
  /** A new version waits; `apply` (skip waiting, then reload) is how to switch to it. */
  announce(apply: () => Promise<void>): void;
}

export function createAppUpdates(): AppUpdatesControl {
  let waiting: (() => Promise<void>) | undefined;
  const listeners = new Set<() => void>();
  return {
    available: () => waiting !== undefined,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    announce(apply) {
      waiting = apply;
      for (const listener of listeners) listener();
    },
    async apply() {
      await waiting?.();
    },
  };
}

/**
 * A view loaded as a chunk of its own, and what shows when it cannot load. An old tab after a
 * deploy asks for chunk files that are gone; a phone offline before the service worker installed
 * cannot fetch them at all. Without this the page would stay blank: React.lazy keeps the failure,
 * and nothing above the view catches it. Instead the page says it could not load and offers a
 * reload (a fresh start fetches the current chunks), in the shell's strings, always there.
 */
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { loadFeatures } from '../i18n.ts';
import type { Feature } from '../view-features.ts';

/**
 * A view's chunk and its features' strings, both fetched at once; memoised, so starting it early
 * costs nothing later. A failed load is forgotten, so a later start (e.g. after a reload of the
 * lazy component) tries again instead of failing at once. `loaded` says whether the view is in
 * hand (StaffApp asks a view's first data early only while it is not).
 */
export function viewLoader<P>(load: () => Promise<ComponentType<P>>, features: readonly Feature[]) {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  let loaded = false;
  const start = () => {
    if (!loading) {
      const attempt = Promise.all([load(), loadFeatures(features)]).then(([component]) => {
        loaded = true;
        return { default: component };
      });
      attempt.catch(() => {
        if (loading === attempt) loading = undefined;
      });
      loading = attempt;
    }
    return loading;
  };
  return { start, loaded: () => loaded, Component: lazy(start) };
}

function LoadFailed() {
  const { t } = useTranslation();
  return (
    <main id="main" className="load-failed" role="alert">
      <p>{t('app.loadFailed')}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('app.reload')}
      </button>
    </main>
  );
}

/** Catches a view that failed to load (or to render) and shows LoadFailed instead of a blank page. */
export class LoadBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error(error);
  }

  override render(): ReactNode {
    return this.state.failed ? <LoadFailed /> : this.props.children;
  }
}

/** A lazy view inside its boundary, with `fallback` while it loads. */
export function ViewSlot({ fallback = null, children }: { fallback?: ReactNode; children: ReactNode }) {
  return (
    <LoadBoundary>
      <Suspense fallback={fallback}>{children}</Suspense>
    </LoadBoundary>
  );
}

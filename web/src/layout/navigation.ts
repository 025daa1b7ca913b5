/**
 * Where the app is: the view named by the URL's path, which views each role may open, and
 * navigation through the History API (the app is one page; CloudFront and the local servers
 * answer every path with index.html, but the resident page's). The resident page (/c/{compoundId})
 * needs no sign-in, sits outside the API's first path segments (/v1, /public …), which the
 * servers proxy, and is not this app's: a page of its own without React (web/src/resident/), whose
 * path web/src/public/resident-path.ts keeps. Links to it load it afresh (plain `<a href>`).
 */
import { useSyncExternalStore } from 'react';
import type { Role } from '#shared/roles.ts';

export { residentPath } from '../public/resident-path.ts';

const SIGNED_IN_VIEWS = ['map', 'tasks', 'board', 'gate', 'passes', 'people', 'orders', 'inbox', 'notices', 'reports', 'inspections', 'dashboard'] as const;
export type SignedInView = (typeof SIGNED_IN_VIEWS)[number];

export type Route =
  | { readonly view: SignedInView }
  /** A resident's report link (`/r/{token}`, shared/domain/links.ts): no sign-in either. */
  | { readonly view: 'report'; readonly token: string }
  /** A household's order link (`/h/{token}`, issue 18): no sign-in either. */
  | { readonly view: 'household'; readonly token: string }
  /** The local sign-in link, `/login?user=NAME` (the local runtime only; see web/src/auth/link-sign-in.ts). */
  | { readonly view: 'login'; readonly user: string | undefined }
  | { readonly view: 'home' };

/** The pages open to everyone, no sign-in: they stand alone (web/src/App.tsx) and install no service worker (web/src/main.tsx). */
export type OpenRoute = Extract<Route, { readonly view: 'report' | 'household' }>;
export const isOpenPage = (route: Route): route is OpenRoute => route.view === 'report' || route.view === 'household';

/** The views each role opens, its home first. */
const VIEWS_OF: Record<Role, readonly SignedInView[]> = {
  city: ['map', 'board', 'inspections', 'dashboard', 'reports', 'passes', 'people', 'inbox', 'notices'],
  official: ['board', 'inspections', 'dashboard', 'reports', 'map', 'inbox'],
  community: ['map', 'board', 'inspections', 'reports', 'passes', 'people', 'orders', 'inbox', 'notices'],
  grid: ['tasks', 'people', 'orders', 'map', 'inbox'],
  disinfection: ['tasks', 'map'],
  duty: ['gate', 'map'],
  // Not the inbox: the API lets volunteers read no alerts (shared/catalogue/routes/alerts.ts), and its bell would lead to a refusal.
  volunteer: ['orders'],
};

export const viewsOf = (role: Role): readonly SignedInView[] => VIEWS_OF[role];

export const pathOf = (view: SignedInView): string => `/${view}`;

/** The link that signs in as a demo user and opens their role's home view (locally only). */
export const loginLink = (username: string): string => `/login?user=${encodeURIComponent(username)}`;

/** The route of a path and its query (only the sign-in link reads the query). */
export function routeOf(pathname: string, search = ''): Route {
  const report = /^\/r\/([^/]+)\/?$/.exec(pathname);
  if (report?.[1]) return { view: 'report', token: decodeURIComponent(report[1]) };
  const household = /^\/h\/([^/]+)\/?$/.exec(pathname);
  if (household?.[1]) return { view: 'household', token: decodeURIComponent(household[1]) };
  const view = pathname.replace(/^\/|\/$/g, '');
  // The passes view prints cards at /passes/print (web/src/passes/print-path.ts).
  if (view === 'passes/print') return { view: 'passes' };
  // A person's page (/people/{id}) and the enrol form (/people/enrol) belong to the people view (web/src/people/PeoplePage.tsx).
  if (view.startsWith('people/')) return { view: 'people' };
  // The gate notice's print view (/notices/print, web/src/notices/notice-path.ts) belongs to the notices view.
  if (view === 'notices/print') return { view: 'notices' };
  if (view === 'login') return { view: 'login', user: new URLSearchParams(search).get('user')?.trim() || undefined };
  return (SIGNED_IN_VIEWS as readonly string[]).includes(view) ? { view: view as SignedInView } : { view: 'home' };
}

const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('popstate', notify);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  // A link to the view already open adds no history entry; a replace may still change the query.
  if (path === window.location.pathname + (options.replace ? window.location.search : '')) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  notify();
}

const currentPath = () => window.location.pathname + window.location.search;

/** The route of the current URL; re-renders on navigation and on the browser's back and forward. */
export function useRoute(): Route {
  const path = useSyncExternalStore(subscribe, currentPath);
  const query = path.indexOf('?');
  return query < 0 ? routeOf(path) : routeOf(path.slice(0, query), path.slice(query));
}

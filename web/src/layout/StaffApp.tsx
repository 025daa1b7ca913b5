/**
 * The signed-in side of the app: the header, then the view the URL names — every view needs a
 * session and a role that may open it, and any other path leads to the role's home view. Locally,
 * /login?user=NAME signs in as that demo user first.
 *
 * A chunk of its own (web/src/App.tsx loads it with every feature's strings): the resident,
 * report and household pages never load the header, sign-in, the staff views' styles or Leaflet's
 * (issue 19). The map's and sign-in styles are here, not in main.tsx, for the same reason.
 */
import { useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import 'leaflet/dist/leaflet.css';
import '../styles/login.css';
import '../styles/map.css';
import type { ApiClient } from '../api/client.ts';
import { CognitoSignIn } from '../auth/CognitoSignIn.tsx';
import { useLinkSignIn } from '../auth/link-sign-in.ts';
import { LoginPage } from '../auth/LoginPage.tsx';
import { startFirstData } from '../map/first-data.ts';
import { useServices, useSession } from '../services.tsx';
import { AppHeader } from './AppHeader.tsx';
import { viewLoader, ViewSlot } from './lazy-view.tsx';
import { navigate, pathOf, viewsOf, type Route, type SignedInView } from './navigation.ts';

/*
 * Each view is its own chunk, loaded when first opened: a worker's /tasks without Leaflet. The
 * service worker precaches every chunk, so a view opens offline all the same. Their strings came
 * with this side (VIEW_FEATURES.staff), so a view's loader asks for none.
 */
const staffView = (load: () => Promise<ComponentType>) => viewLoader(load, []);

const PAGES: Record<SignedInView, ReturnType<typeof staffView>> = {
  map: staffView(() => import('../map/MapPage.tsx').then((m) => m.MapPage)),
  tasks: staffView(() => import('../tasks/TasksPage.tsx').then((m) => m.TasksPage)),
  board: staffView(() => import('../board/BoardPage.tsx').then((m) => m.BoardPage)),
  gate: staffView(() => import('../gate/GatePage.tsx').then((m) => m.GatePage)),
  passes: staffView(() => import('../passes/PassesPage.tsx').then((m) => m.PassesPage)),
  people: staffView(() => import('../people/PeoplePage.tsx').then((m) => m.PeoplePage)),
  orders: staffView(() => import('../orders/OrdersPage.tsx').then((m) => m.OrdersPage)),
  inbox: staffView(() => import('../inbox/InboxPage.tsx').then((m) => m.InboxPage)),
  notices: staffView(() => import('../notices/NoticesPage.tsx').then((m) => m.NoticesPage)),
  reports: staffView(() => import('../reports/ReportsPage.tsx').then((m) => m.ReportsPage)),
  inspections: staffView(() => import('../inspections/InspectionsPage.tsx').then((m) => m.InspectionsPage)),
  dashboard: staffView(() => import('../dashboard/DashboardPage.tsx').then((m) => m.DashboardPage)),
};

/**
 * What a view can ask the API for while its chunk is on its way, so the answer comes sooner than
 * the view, once loaded, run and rendered, could ask for it (the city map's first data:
 * map/first-data.ts, light enough for this chunk). Idempotent for a user and language.
 */
const EARLY_DATA: Partial<Record<SignedInView, (api: ApiClient, username: string, language: string) => void>> = {
  map: startFirstData,
};

export function StaffApp({ route }: { route: Route }) {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const { auth, api } = useServices();
  const link = useLinkSignIn(route);
  const role = session?.user.role;
  const allowed = role ? viewsOf(role) : [];
  const view = route.view !== 'home' && route.view !== 'login' && allowed.includes(route.view as SignedInView) ? (route.view as SignedInView) : allowed[0];
  // While a sign-in link is signing in, or tells why it could not, the URL stays the link's.
  const linkHolds = link.pending || link.failure !== undefined;

  // A path the role may not open (or none) shows the role's home view; the URL says so too.
  useEffect(() => {
    if (!linkHolds && view && route.view !== view) navigate(pathOf(view), { replace: true });
  }, [route.view, view, linkHolds]);

  const Page = view ? PAGES[view].Component : undefined;
  // Started as the view is first rendered, not in an effect: React holds a view that suspends
  // inside content it is revealing for up to 0.3 s, effects and all (the benchmark saw the map's
  // first data asked for only as the map itself could ask). Only while the view's chunk is not
  // in hand: a view loaded asks for itself.
  if (view && session && !linkHolds && !PAGES[view].loaded()) EARLY_DATA[view]?.(api, session.user.username, i18n.language);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppHeader view={view} />
      {/* A new user gets new views: nothing of the previous jurisdiction survives. */}
      {link.pending ? (
        <main id="main" className="login-page" aria-busy="true">
          <p className="login-status" role="status">
            {t('login.signingIn')}
          </p>
        </main>
      ) : session && Page && !link.failure ? (
        // Keyed by view: a view that failed to load does not hold the next one opened.
        <ViewSlot key={view} fallback={<main id="main" aria-busy="true" />}>
          <Page key={session.user.username} />
        </ViewSlot>
      ) : auth.kind === 'local' ? (
        <LoginPage auth={auth} linkFailure={link.failure} />
      ) : (
        <CognitoSignIn auth={auth} />
      )}
    </div>
  );
}

/**
 * The app's shell: the header, then the view the URL names. The resident page is open to
 * everyone; every other view needs a session and a role that may open it — any other path
 * leads to the role's home view. Locally, /login?user=NAME signs in as that demo user first.
 */
import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { CognitoSignIn } from './auth/CognitoSignIn.tsx';
import { useLinkSignIn } from './auth/link-sign-in.ts';
import { LoginPage } from './auth/LoginPage.tsx';
import { AppHeader } from './layout/AppHeader.tsx';
import { navigate, pathOf, useRoute, viewsOf, type SignedInView } from './layout/navigation.ts';
import { useServices, useSession } from './services.tsx';

/*
 * Each view is its own chunk, loaded when first opened: a resident's phone gets the resident page
 * without the map, and a worker's /tasks without Leaflet. The service worker precaches every
 * chunk, so a view opens offline all the same.
 */
const MapPage = lazy(() => import('./map/MapPage.tsx').then((m) => ({ default: m.MapPage })));
const TasksPage = lazy(() => import('./tasks/TasksPage.tsx').then((m) => ({ default: m.TasksPage })));
const BoardPage = lazy(() => import('./board/BoardPage.tsx').then((m) => ({ default: m.BoardPage })));
const GatePage = lazy(() => import('./gate/GatePage.tsx').then((m) => ({ default: m.GatePage })));
const PassesPage = lazy(() => import('./passes/PassesPage.tsx').then((m) => ({ default: m.PassesPage })));
const PeoplePage = lazy(() => import('./people/PeoplePage.tsx').then((m) => ({ default: m.PeoplePage })));
const InboxPage = lazy(() => import('./inbox/InboxPage.tsx').then((m) => ({ default: m.InboxPage })));
const NoticesPage = lazy(() => import('./notices/NoticesPage.tsx').then((m) => ({ default: m.NoticesPage })));
const ReportsPage = lazy(() => import('./reports/ReportsPage.tsx').then((m) => ({ default: m.ReportsPage })));
const InspectionsPage = lazy(() => import('./inspections/InspectionsPage.tsx').then((m) => ({ default: m.InspectionsPage })));
const DashboardPage = lazy(() => import('./dashboard/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })));
const ResidentPage = lazy(() => import('./public/ResidentPage.tsx').then((m) => ({ default: m.ResidentPage })));
const ReportPage = lazy(() => import('./report/ReportPage.tsx').then((m) => ({ default: m.ReportPage })));
const OrdersPage = lazy(() => import('./orders/OrdersPage.tsx').then((m) => ({ default: m.OrdersPage })));
const HouseholdPage = lazy(() => import('./household/HouseholdPage.tsx').then((m) => ({ default: m.HouseholdPage })));

const PAGES: Record<SignedInView, ComponentType> = { map: MapPage, tasks: TasksPage, board: BoardPage, gate: GatePage, passes: PassesPage, people: PeoplePage, orders: OrdersPage, inbox: InboxPage, notices: NoticesPage, reports: ReportsPage, inspections: InspectionsPage, dashboard: DashboardPage };

export function App() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { auth } = useServices();
  const route = useRoute();
  const link = useLinkSignIn(route);
  const role = session?.user.role;
  const allowed = role ? viewsOf(role) : [];
  // The resident page, a report link and a household's link are open to everyone: no session, no redirect.
  const open = route.view === 'resident' || route.view === 'report' || route.view === 'household';
  const view = !open && route.view !== 'home' && route.view !== 'login' && allowed.includes(route.view) ? route.view : allowed[0];
  // While a sign-in link is signing in, or tells why it could not, the URL stays the link's.
  const linkHolds = link.pending || link.failure !== undefined;

  // A path the role may not open (or none) shows the role's home view; the URL says so too.
  useEffect(() => {
    if (!open && !linkHolds && view && route.view !== view) navigate(pathOf(view), { replace: true });
  }, [open, route.view, view, linkHolds]);

  if (route.view === 'resident') {
    return (
      <div className="app app-public">
        <Suspense fallback={null}>
          <ResidentPage compoundId={route.compoundId} />
        </Suspense>
      </div>
    );
  }
  if (route.view === 'report' || route.view === 'household') {
    return (
      <div className="app app-public">
        <Suspense fallback={null}>
          {route.view === 'report' ? <ReportPage token={route.token} /> : <HouseholdPage token={route.token} />}
        </Suspense>
      </div>
    );
  }
  const Page = view ? PAGES[view] : undefined;
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
        <Suspense fallback={<main id="main" aria-busy="true" />}>
          <Page key={session.user.username} />
        </Suspense>
      ) : auth.kind === 'local' ? (
        <LoginPage auth={auth} linkFailure={link.failure} />
      ) : (
        <CognitoSignIn auth={auth} />
      )}
    </div>
  );
}

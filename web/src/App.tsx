/**
 * The app's shell: the view the URL names. A report link and a household's link are open to
 * everyone and stand alone; every other path is the signed-in side (web/src/layout/StaffApp.tsx:
 * the header, sign-in and the staff views). The resident page (/c/{id}) is not here: it is a page
 * of its own without React (web/resident.html, web/src/resident/; issue 19), which the servers
 * answer its paths with.
 *
 * Each is a chunk of its own, loaded with its strings (web/src/i18n.ts) when first opened, so a
 * resident's phone gets its page and its Chinese only — no Leaflet, no staff code, no zod
 * (issue 19; test/infra/web-chunks.test.ts checks the build). The service worker, which the
 * staff side installs (web/src/main.tsx), precaches every chunk, so any of them opens offline. A chunk that cannot load (an old tab
 * after a deploy, offline before the worker installed) says so and offers a reload
 * (web/src/layout/lazy-view.tsx) instead of leaving the page blank.
 */
import { viewLoader, ViewSlot } from './layout/lazy-view.tsx';
import { isOpenPage, useRoute, type Route } from './layout/navigation.ts';
import { VIEW_FEATURES } from './view-features.ts';

const Report = viewLoader(() => import('./report/ReportPage.tsx').then((m) => m.ReportPage), VIEW_FEATURES.report);
const Household = viewLoader(() => import('./household/HouseholdPage.tsx').then((m) => m.HouseholdPage), VIEW_FEATURES.household);
const Staff = viewLoader(() => import('./layout/StaffApp.tsx').then((m) => m.StaffApp), VIEW_FEATURES.staff);

const loaderOf = (route: Route) =>
  route.view === 'report' ? Report : route.view === 'household' ? Household : Staff;

/** Starts fetching the chunk and strings of `route`'s view, alongside the rest of the start (web/src/main.tsx). */
export const preloadView = (route: Route): void => void loaderOf(route).start().catch(() => undefined);

export function App() {
  const route = useRoute();
  if (isOpenPage(route)) {
    return (
      <div className="app app-public">
        <ViewSlot key={route.view}>
          {route.view === 'report' ? (
            <Report.Component token={route.token} />
          ) : (
            <Household.Component token={route.token} />
          )}
        </ViewSlot>
      </div>
    );
  }
  return (
    <ViewSlot>
      <Staff.Component route={route} />
    </ViewSlot>
  );
}

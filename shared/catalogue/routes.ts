/**
 * Every HTTP route of Cordon, once; the key is the operation id. Each resource declares its
 * routes in routes/<resource>.ts (the handler is functions/api/<resource>.ts); this joins them.
 */
import { alertsRoutes } from './routes/alerts.ts';
import { campaignsRoutes } from './routes/campaigns.ts';
import { casesRoutes } from './routes/cases.ts';
import { compoundsRoutes } from './routes/compounds.ts';
import { dailyReportsRoutes } from './routes/daily-reports.ts';
import { disinfectionRoutes } from './routes/disinfection.ts';
import { dropOffPointsRoutes } from './routes/drop-off-points.ts';
import { dutyRoutes } from './routes/duty.ts';
import { entriesRoutes } from './routes/entries.ts';
import { exitsRoutes } from './routes/exits.ts';
import { helpRequestsRoutes } from './routes/help-requests.ts';
import { householdLinksRoutes } from './routes/household-links.ts';
import { importsRoutes } from './routes/imports.ts';
import { inspectionsRoutes } from './routes/inspections.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { localRoutes } from './routes/local.ts';
import { metaRoutes } from './routes/meta.ts';
import { noticesRoutes } from './routes/notices.ts';
import { notificationsRoutes } from './routes/notifications.ts';
import { ordersRoutes } from './routes/orders.ts';
import { passesRoutes } from './routes/passes.ts';
import { peopleRoutes } from './routes/people.ts';
import { placesRoutes } from './routes/places.ts';
import { publicRoutes } from './routes/public.ts';
import { publicOrdersRoutes } from './routes/public-orders.ts';
import { publicReportsRoutes } from './routes/public-reports.ts';
import { scorecardsRoutes } from './routes/scorecards.ts';
import { sealingRoutes } from './routes/sealing.ts';
import { staffRoutes } from './routes/staff.ts';
import { tasksRoutes } from './routes/tasks.ts';
import { unreachedPairsRoutes } from './routes/unreached-pairs.ts';

export const routes = {
  ...metaRoutes,
  ...localRoutes,
  ...placesRoutes,
  ...compoundsRoutes,
  ...importsRoutes,
  ...alertsRoutes,
  ...notificationsRoutes,
  ...campaignsRoutes,
  ...tasksRoutes,
  ...sealingRoutes,
  ...exitsRoutes,
  ...dutyRoutes,
  ...staffRoutes,
  ...entriesRoutes,
  ...passesRoutes,
  ...peopleRoutes,
  ...casesRoutes,
  ...dropOffPointsRoutes,
  ...disinfectionRoutes,
  ...publicRoutes,
  ...publicReportsRoutes,
  ...noticesRoutes,
  ...helpRequestsRoutes,
  ...dailyReportsRoutes,
  ...unreachedPairsRoutes,
  ...scorecardsRoutes,
  ...inspectionsRoutes,
  ...dashboardRoutes,
  ...ordersRoutes,
  ...householdLinksRoutes,
  ...publicOrdersRoutes,
};

export type Routes = typeof routes;
export type OperationId = keyof Routes;
export type RouteOf<K extends OperationId> = Routes[K];

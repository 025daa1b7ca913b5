/**
 * The city dashboard's route (指挥大屏): for city staff and officials, a place's figures of today,
 * 14-day trends, alerts by kind with time to acknowledge, and the places one level down.
 */
import { Dashboard, DashboardQuery } from '#shared/schemas/dashboard.ts';
import { defineRoutes } from '../types.ts';

export const dashboardRoutes = defineRoutes({
  getDashboard: {
    method: 'GET', path: '/v1/dashboard', resource: 'dashboard', auth: 'jwt', roles: ['city', 'official'],
    summary: 'The dashboard of the caller\'s jurisdiction, a street or a community: today\'s figures, 14-day trends, alerts by kind, the places one level down',
    description: 'Trends and the places below sum the submitted daily reports (日报告); a community\'s figures of today are counted live.',
    query: DashboardQuery, response: { status: 200, schema: Dashboard }, errors: [404],
  },
});

/**
 * Routes over alerts: the community's list of what to act on, and closing one.
 */
import { OVERSEERS } from '#shared/roles.ts';
import { Alert, AlertClose, AlertIdParams, AlertListQuery } from '#shared/schemas/alert.ts';
import { page } from '#shared/schemas/common.ts';
import { defineRoutes } from '../types.ts';

export const alertsRoutes = defineRoutes({
  listAlerts: {
    method: 'GET', path: '/v1/alerts', resource: 'alerts', auth: 'jwt', roles: OVERSEERS,
    summary: 'Alerts within the caller\'s jurisdiction, newest first, by community, status and kind',
    query: AlertListQuery, response: { status: 200, schema: page(Alert) },
  },
  closeAlert: {
    method: 'POST', path: '/v1/alerts/{id}/close', resource: 'alerts', auth: 'jwt', roles: OVERSEERS,
    summary: 'Close an alert, saying what was done', params: AlertIdParams, body: { kind: 'json', schema: AlertClose },
    description: 'A lockdown_suggested alert is closed only by those who may seal the compound (city and community staff): 403 for officials. Fever and symptoms alerts by any overseer in jurisdiction.',
    response: { status: 200, schema: Alert }, errors: [404, 409],
  },
});

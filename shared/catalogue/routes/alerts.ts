/**
 * Routes over alerts: the inbox of what to act on (open first, most urgent, newest), acknowledging,
 * assigning and closing one.
 */
import { OVERSEERS } from '#shared/roles.ts';
import { Alert, AlertAssign, AlertClose, AlertIdParams, AlertListQuery } from '#shared/schemas/alert.ts';
import { page } from '#shared/schemas/common.ts';
import { defineRoutes } from '../types.ts';

/** Who reads alerts: the overseers, and grid workers for their grid's. */
const ALERT_READERS = ['city', 'official', 'community', 'grid'] as const;

export const alertsRoutes = defineRoutes({
  listAlerts: {
    method: 'GET', path: '/v1/alerts', resource: 'alerts', auth: 'jwt', roles: ALERT_READERS,
    summary: 'Alerts within the caller\'s jurisdiction: open first, then acknowledged, then closed; within each (on a page) the most urgent kind first, then newest',
    description: 'Grid workers see the alerts of their grid (missed reports of their people). assignedToName and acknowledgedByName come from the staff directory.',
    query: AlertListQuery, response: { status: 200, schema: page(Alert) }, errors: [404],
  },
  acknowledgeAlert: {
    method: 'POST', path: '/v1/alerts/{id}/acknowledge', resource: 'alerts', auth: 'jwt', roles: ALERT_READERS,
    summary: 'Take an open alert on (stops its escalation)',
    description: 'Acknowledging again by the same person answers the alert unchanged (200); one acknowledged by someone else, or closed, is 409 (code alert-acknowledged / alert-closed).',
    params: AlertIdParams, response: { status: 200, schema: Alert }, errors: [404, 409],
  },
  assignAlert: {
    method: 'POST', path: '/v1/alerts/{id}/assign', resource: 'alerts', auth: 'jwt', roles: OVERSEERS,
    summary: 'Hand an alert to a staff member to follow up (it is acknowledged by the caller if still open)',
    description: 'body.to must be a staff username of the directory whose jurisdiction covers the alert\'s compound (400 naming body.to). A closed alert is 409.',
    params: AlertIdParams, body: { kind: 'json', schema: AlertAssign }, response: { status: 200, schema: Alert }, errors: [404, 409],
  },
  closeAlert: {
    method: 'POST', path: '/v1/alerts/{id}/close', resource: 'alerts', auth: 'jwt', roles: OVERSEERS,
    summary: 'Close an alert, saying what was done', params: AlertIdParams, body: { kind: 'json', schema: AlertClose },
    description: 'Closes an open or acknowledged alert. A lockdown_suggested alert is closed only by those who may seal the compound (city and community staff): 403 for officials. Fever and symptoms alerts by any overseer in jurisdiction.',
    response: { status: 200, schema: Alert }, errors: [404, 409],
  },
});

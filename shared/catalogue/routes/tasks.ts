/**
 * Routes over tasks: grid workers list their grid's tasks in walking order, claim one with a
 * lease, record household visits, and complete it once every household is accounted for.
 * The holder's actions are `idempotent` (an outbox resends them with an Idempotency-Key); a
 * visit is idempotent by its own visitId instead.
 */
import { OVERSEERS } from '#shared/roles.ts';
import { page } from '#shared/schemas/common.ts';
import { Task, TaskCompletion, TaskIdParams, TaskListQuery, TaskSummary } from '#shared/schemas/task.ts';
import { Visit, VisitCreate } from '#shared/schemas/visit.ts';
import { defineRoutes } from '../types.ts';

const readers = [...OVERSEERS, 'grid', 'disinfection'] as const;
const workers = ['grid', 'disinfection'] as const;

export const tasksRoutes = defineRoutes({
  listTasks: {
    method: 'GET', path: '/v1/tasks', resource: 'tasks', auth: 'jwt', roles: readers,
    summary: 'Tasks: a grid worker\'s own grid, in walking order; disinfection staff their compounds\' rounds; others name a campaign',
    description: 'Grid workers see only their grid\'s tasks, sorted by status, campaign, compound and walking order. '
      + 'Community admins see their community\'s grids; city staff and officials list a campaign (campaignId).',
    query: TaskListQuery, response: { status: 200, schema: page(TaskSummary) },
  },
  getTask: {
    method: 'GET', path: '/v1/tasks/{id}', resource: 'tasks', auth: 'jwt', roles: readers,
    summary: 'A task with its households and visits', params: TaskIdParams,
    response: { status: 200, schema: Task }, errors: [404],
  },
  claimTask: {
    method: 'POST', path: '/v1/tasks/{id}/claim', resource: 'tasks', auth: 'jwt', roles: workers,
    summary: 'Claim an open task (or one whose lease lapsed) with a lease',
    description: '409 when another worker holds it, or when the caller already holds as many tasks as one worker may.',
    params: TaskIdParams, response: { status: 200, schema: TaskSummary }, errors: [404, 409], idempotent: true,
  },
  extendTask: {
    method: 'POST', path: '/v1/tasks/{id}/extend', resource: 'tasks', auth: 'jwt', roles: workers,
    summary: 'Renew the lease on a task one holds', params: TaskIdParams,
    response: { status: 200, schema: TaskSummary }, errors: [404, 409], idempotent: true,
  },
  releaseTask: {
    method: 'POST', path: '/v1/tasks/{id}/release', resource: 'tasks', auth: 'jwt', roles: workers,
    summary: 'Give a held task back (open again; its visits stay)', params: TaskIdParams,
    response: { status: 200, schema: TaskSummary }, errors: [404, 409], idempotent: true,
  },
  recordVisit: {
    method: 'POST', path: '/v1/tasks/{id}/visits', resource: 'tasks', auth: 'jwt', roles: workers,
    summary: 'Record a household visit; resending the same visitId and body is safe',
    description: 'Same visitId with a different body answers 409. Symptoms raise an alert for the community.',
    params: TaskIdParams, body: { kind: 'json', schema: VisitCreate },
    response: { status: 201, schema: Visit }, errors: [404, 409],
  },
  completeTask: {
    method: 'POST', path: '/v1/tasks/{id}/complete', resource: 'tasks', auth: 'jwt', roles: workers,
    summary: 'Complete a task: a sweep once every household is accounted for; a disinfection task with the areas done',
    description: 'Sweep tasks take no body (409 listing the households still unaccounted for). Disinfection tasks take '
      + '{areas, note?, reason?}: areas of the task\'s set; fewer than the whole set is a partial round and needs a reason. '
      + 'Sending the same completion again answers the done task.',
    params: TaskIdParams, body: { kind: 'json', schema: TaskCompletion },
    response: { status: 200, schema: TaskSummary }, errors: [404, 409], idempotent: true,
  },
});

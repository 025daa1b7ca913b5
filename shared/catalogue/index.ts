/** The catalogue: routes, queues and schedules, declared once. */
export { routes, type Routes, type OperationId, type RouteOf } from './routes.ts';
export { queues, type Queues, type QueueName, type QueueMessage } from './queues.ts';
export { schedules, type Schedules, type ScheduleName } from './schedules.ts';
export type { RouteSpec, QueueSpec, ScheduleSpec, HttpMethod, RouteAuth } from './types.ts';
export {
  functionAccess, secrets, type FunctionAccess, type FunctionKind, type SecretName, type TableAccess, type UserPoolAccess, type NotifyAccess, type FilesAccess,
} from './functions.ts';

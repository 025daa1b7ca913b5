/**
 * The Lambda functions Cordon deploys, read from the catalogue: one per API resource (routes
 * that are not local), per queue consumer and per scheduled job, each with the access
 * shared/catalogue/functions.ts declares. No CDK here, so the bundle benchmark can use it.
 */
import path from 'node:path';
import { functionAccess, queues, routes, schedules, type FunctionAccess, type FunctionKind, type QueueName, type QueueSpec, type RouteSpec, type ScheduleSpec } from '#shared/catalogue/index.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface HandlerModule {
  readonly kind: FunctionKind;
  /** The module's name: the resource, consumer or job. */
  readonly name: string;
  /** `api-compounds`, `workers-assign-compounds`: the construct id and function name suffix. */
  readonly id: string;
  /** `functions/<kind>/<name>.ts`, from the repository root: how alarms and roles name it. */
  readonly file: string;
  /** Absolute path of `file`. */
  readonly entry: string;
  readonly access: FunctionAccess;
}

export interface DeployedRoute {
  readonly operationId: string;
  readonly spec: RouteSpec;
}

/** Routes with auth `local` exist only in the local runtime and are never deployed. */
export function deployedRoutes(): DeployedRoute[] {
  return Object.entries(routes as Record<string, RouteSpec>)
    .filter(([, spec]) => spec.auth !== 'local')
    .map(([operationId, spec]) => ({ operationId, spec }));
}

export function queueEntries(): [QueueName, QueueSpec][] {
  return Object.entries(queues as Record<QueueName, QueueSpec>) as [QueueName, QueueSpec][];
}

export function scheduleEntries(): [string, ScheduleSpec][] {
  return Object.entries(schedules as Record<string, ScheduleSpec>);
}

export function handlerModules(): HandlerModule[] {
  const names: Record<FunctionKind, string[]> = {
    api: deployedRoutes().map((r) => r.spec.resource),
    workers: queueEntries().map(([, q]) => q.consumer),
    jobs: scheduleEntries().map(([, s]) => s.job),
  };
  return (Object.keys(names) as FunctionKind[]).flatMap((kind) =>
    [...new Set(names[kind])].map((name) => {
      const file = `functions/${kind}/${name}.ts`;
      const access = (functionAccess[kind] as Record<string, FunctionAccess>)[name];
      if (!access) throw new Error(`${file} has no entry in shared/catalogue/functions.ts`);
      return { kind, name, id: handlerId(kind, name), file, entry: path.join(ROOT, file), access };
    }),
  );
}

/** The module that handles a route, a queue or a schedule. */
export const handlerId = (kind: FunctionKind, name: string): string => `${kind}-${name}`;

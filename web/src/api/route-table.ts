/**
 * The catalogue's routes as the web client uses them: each operation's method, path and roles,
 * none of its schemas. The production build and the dev server put in this module's place the
 * same table computed once from the catalogue (the `routeTable` plugin of web/vite.config.ts), so
 * the app's shell carries a few KB of paths instead of the catalogue, every schema and zod
 * (issue 19); the unit and component tests run this module as written. Either way the
 * catalogue stays the one place a route is declared.
 */
import { routes, type OperationId } from '#shared/catalogue/index.ts';
import type { HttpMethod } from '#shared/catalogue/types.ts';
import type { Role } from '#shared/roles.ts';

export interface RouteEntry {
  readonly method: HttpMethod;
  readonly path: string;
  /** Who may call it (jwt routes); absent on open routes. */
  readonly roles?: readonly Role[];
}

export type RouteTable = Readonly<Record<OperationId, RouteEntry>>;

/** The table of `all`, as plain data (JSON-able: the build writes it out as it is). */
export function routeTableOf(all: typeof routes): RouteTable {
  return Object.fromEntries(
    Object.entries(all).map(([id, spec]) => [id, { method: spec.method, path: spec.path, ...('roles' in spec && spec.roles ? { roles: spec.roles } : {}) }]),
  ) as RouteTable;
}

export const ROUTE_TABLE: RouteTable = routeTableOf(routes);

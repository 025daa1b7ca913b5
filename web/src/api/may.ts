/**
 * What the app offers a role, asked of the catalogue (the API's own route roles), never a list
 * of roles written again: a panel action, a layer, a board action.
 */
import { routes, type OperationId } from '#shared/catalogue/index.ts';
import type { Role } from '#shared/roles.ts';

export function mayCall(role: Role | undefined, operationId: OperationId): boolean {
  const spec = routes[operationId];
  return role !== undefined && 'roles' in spec && (spec.roles as readonly Role[]).includes(role);
}

/**
 * What the map offers a role, asked of the catalogue (the API's own route roles), never a list
 * of roles written again here: a panel action, a layer, a part of the panel.
 */
import { routes, type OperationId } from '../../../shared/catalogue/index.ts';
import type { Role } from '../../../shared/roles.ts';

export function mayCall(role: Role | undefined, operationId: OperationId): boolean {
  const spec = routes[operationId];
  return role !== undefined && 'roles' in spec && (spec.roles as readonly Role[]).includes(role);
}

/**
 * What the app offers a role, asked of the catalogue (the API's own route roles), never a list
 * of roles written again: a panel action, a layer, a board action.
 */
import type { OperationId } from '#shared/catalogue/index.ts';
import type { Role } from '#shared/roles.ts';
import { ROUTE_TABLE } from './route-table.ts';

export function mayCall(role: Role | undefined, operationId: OperationId): boolean {
  return role !== undefined && (ROUTE_TABLE[operationId].roles ?? []).includes(role);
}

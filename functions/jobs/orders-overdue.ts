/**
 * Every 5 minutes: the orders nobody accepted by their deadline (medicine and urgent orders 2 h,
 * the rest 12 h; functions/platform/order-settings.ts) each raise one `order_overdue` alert for
 * their community (which escalates like any alert nobody acknowledges). Reads only the sparse due
 * index (requested orders, by deadline); the alert, the order's overdueAlertId and the index item's
 * removal land in one transaction conditional on the order still being requested and not alerted,
 * and the alert's id comes from the order — so a rerun, or two runs at once, alert each order once.
 * Accepting the order closes its alert (functions/stores/order-store.ts).
 */
import { newAlert } from '#shared/domain/alerts.ts';
import { isOrderOverdue, maskRoom } from '#shared/domain/orders.ts';
import { SYSTEM_ACTOR } from '#shared/roles.ts';
import { nowIso } from '../platform/clock.ts';
import { logger } from '../platform/logger.ts';
import { dropOrderDue, flagOrderOverdue, getOrders, ordersDueBy } from '../stores/order-store.ts';
import { scheduledHandler } from '../edge/scheduled.ts';

export async function flagOverdueOrders(at: string = nowIso()): Promise<{ due: number; flagged: number }> {
  const due = await ordersDueBy(at);
  const orders = await getOrders(due.map((entry) => entry.orderId));
  let flagged = 0;
  for (const entry of due) {
    const order = orders.get(entry.orderId);
    if (!order || !isOrderOverdue(order, at) || order.overdueAlertId !== undefined) {
      // Accepted, cancelled or alerted meanwhile: its index item is all that is left to tidy.
      if (!order || order.status !== 'requested' || order.overdueAlertId !== undefined) await dropOrderDue(entry);
      continue;
    }
    const alert = newAlert({
      kind: 'order_overdue',
      source: { type: 'order', id: order.id },
      compoundId: order.compoundId,
      communityId: order.communityId,
      streetId: order.streetId,
      buildingId: order.buildingId,
      ...(order.gridIds.length === 1 && order.gridIds[0] ? { gridId: order.gridIds[0] } : {}),
      raisedAt: at,
      raisedBy: SYSTEM_ACTOR.username,
      // The door masked, never a person: whoever acts opens the order itself.
      details: {
        orderId: order.id,
        kind: order.kind,
        urgent: order.urgent,
        acceptBy: order.acceptBy,
        compoundName: order.compoundName,
        ...(order.buildingName !== undefined ? { buildingName: order.buildingName } : {}),
        room: maskRoom(order.room),
        lines: order.items.length,
      },
    });
    if (await flagOrderOverdue(order, alert, at)) flagged += 1;
  }
  return { due: due.length, flagged };
}

export const handler = scheduledHandler('ordersOverdue', async () => {
  logger.info('overdue orders flagged', await flagOverdueOrders());
});

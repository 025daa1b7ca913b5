/**
 * Drop-off point routes: post a compound's point (within jurisdiction; its building one of the
 * compound's, its point near the compound) and list a compound's points.
 */
import { randomUUID } from 'node:crypto';
import { dropOffPointRefusal } from '#shared/domain/drop-off.ts';
import { dropOffPointsRoutes } from '#shared/catalogue/routes/drop-off-points.ts';
import { message } from '#shared/messages/message.ts';
import { compoundForCaller } from '../edge/access.ts';
import { httpHandler } from '../edge/http.ts';
import { nowIso } from '../platform/clock.ts';
import { ValidationError, fieldError, type FieldError } from '../platform/errors.ts';
import { getBuilding } from '../stores/compound-store.ts';
import { addDropOffPoint, dropOffPointsOf } from '../stores/drop-off-store.ts';

export const handler = httpHandler(dropOffPointsRoutes, {
  listDropOffPoints: async ({ params, caller }) => {
    const compound = await compoundForCaller(params.id, caller);
    return { items: await dropOffPointsOf(compound.id) };
  },

  createDropOffPoint: async ({ params, body, caller }) => {
    const compound = await compoundForCaller(params.id, caller);
    const errors: FieldError[] = [];
    const building = body.buildingId ? await getBuilding(compound.id, body.buildingId) : undefined;
    if (body.buildingId && !building) {
      errors.push(fieldError('body.buildingId', message('access.no-building', { building: body.buildingId, compound: compound.id })));
    }
    const point = body.location?.point;
    const refusal = point ? dropOffPointRefusal(point, compound) : undefined;
    if (refusal) errors.push(fieldError('body.location.point', refusal.said));
    if (errors.length > 0) throw new ValidationError(errors);
    return addDropOffPoint({
      id: `do_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      compoundId: compound.id,
      ...body,
      ...(building ? { buildingName: building.name } : {}),
      createdAt: nowIso(),
      createdBy: caller.username,
    }, caller);
  },
});

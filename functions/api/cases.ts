/**
 * Case routes: report a building's cases of a China day (idempotent by caseId; a confirmed case
 * suggests lockdown in the same transaction) and read a compound's reports and daily sums. Both
 * within the caller's jurisdiction over the compound.
 */
import { randomUUID } from 'node:crypto';
import { chinaDay } from '#shared/domain/china-time.ts';
import { dayBefore } from '#shared/domain/disinfection.ts';
import { compoundForCaller } from '../edge/access.ts';
import { caseReportsOfCompound, casesOfCompound, recordCase, storedCase } from '../stores/case-store.ts';
import { getBuilding } from '../stores/compound-store.ts';
import { nowIso } from '../platform/clock.ts';
import { NotFoundError, ValidationError, fieldError } from '../platform/errors.ts';
import { httpHandler } from '../edge/http.ts';
import { casesRoutes } from '#shared/catalogue/routes/cases.ts';
import { message } from '#shared/messages/message.ts';

/** The longest range a compound's cases are read over: a quarter. */
const MAX_DAYS = 92;

export const handler = httpHandler(casesRoutes, {
  createCase: async ({ body, caller }) => {
    const compound = await compoundForCaller(body.compoundId, caller);
    const at = nowIso();
    if (body.date > chinaDay(at)) throw new ValidationError([fieldError('body.date', message('case.date-future', { today: chinaDay(at) }))]);
    if (!(await getBuilding(compound.id, body.buildingId))) throw new NotFoundError(message('access.no-building', { building: body.buildingId, compound: compound.id }));
    const caseId = body.caseId ?? `cs_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const replayed = body.caseId ? await storedCase(caseId, body) : undefined;
    return replayed ?? recordCase({ ...body, caseId }, compound, caller, at);
  },

  listCompoundCases: async ({ params, query, caller }) => {
    const compound = await compoundForCaller(params.id, caller);
    const to = query.to ?? chinaDay(nowIso());
    const from = query.from ?? dayBefore(to, 13);
    if (from > to) throw new ValidationError([fieldError('query.from', message('case.from-after-to'))]);
    if (from < dayBefore(to, MAX_DAYS - 1)) throw new ValidationError([fieldError('query.from', message('case.span-too-long', { days: MAX_DAYS }))]);
    const [days, reports] = await Promise.all([casesOfCompound(compound.id, from, to), caseReportsOfCompound(compound.id, from, to)]);
    return { compoundId: compound.id, from, to, days, reports };
  },
});

/**
 * Gate notice routes (小区公示): a compound's hotlines (read and set within jurisdiction), the
 * record that its notice was printed or posted today, and the public notice — built field by field
 * from the allow-list in shared/schemas/notice.ts, so nothing a store adds later can leak out.
 *
 * Every compound has a public notice, as every compound has a resident page: one without a
 * responsibility list or hotlines yet shows empty lists.
 */
import { chinaDay } from '#shared/domain/china-time.ts';
import { publicDropOff } from '#shared/domain/drop-off.ts';
import { noticesRoutes } from '#shared/catalogue/routes/notices.ts';
import { message } from '#shared/messages/message.ts';
import { RESPONSIBILITY_ROLES } from '#shared/schemas/notice.ts';
import { compoundForCaller } from '../edge/access.ts';
import { cacheable, httpHandler } from '../edge/http.ts';
import { nowIso } from '../platform/clock.ts';
import { NotFoundError, ValidationError, fieldError } from '../platform/errors.ts';
import { casesOfCompound } from '../stores/case-store.ts';
import { getCompound } from '../stores/compound-store.ts';
import { dropOffPointsOf } from '../stores/drop-off-store.ts';
import { hotlinesOf, noticePostings, recordNoticePosted, saveHotlines } from '../stores/notice-store.ts';
import { postedResponsibility } from '../stores/responsibility-store.ts';

/** The notice changes when staff edit it or a case is reported: a minute's cache, as the resident page's counts. */
const NOTICE_MAX_AGE_S = 60;

export const handler = httpHandler(noticesRoutes, {
  getHotlines: async ({ params, caller }) => {
    await compoundForCaller(params.id, caller);
    return hotlinesOf(params.id);
  },

  putHotlines: async ({ params, body, caller }) => {
    await compoundForCaller(params.id, caller);
    return saveHotlines(params.id, body.hotlines, caller, nowIso());
  },

  recordNoticePosted: async ({ params, body, caller }) => {
    await compoundForCaller(params.id, caller);
    const at = nowIso();
    return recordNoticePosted(
      { compoundId: params.id, date: chinaDay(at), how: body.how, at, by: caller.username, ...(caller.name ? { byName: caller.name } : {}) },
      caller,
    );
  },

  listNoticePostings: async ({ params, query, caller }) => {
    await compoundForCaller(params.id, caller);
    const today = chinaDay(nowIso());
    const date = query.date ?? today;
    if (date > today) throw new ValidationError([fieldError('query.date', message('public.date-future', { today }))]);
    return { compoundId: params.id, date, items: await noticePostings(params.id, date) };
  },

  getPublicNotice: async ({ params }) => {
    const today = chinaDay(nowIso());
    // Every read at once; an unknown compound's (empty) parts are thrown away.
    const [compound, responsibility, hotlines, points, cases] = await Promise.all([
      getCompound(params.id),
      postedResponsibility(params.id),
      hotlinesOf(params.id),
      dropOffPointsOf(params.id),
      casesOfCompound(params.id, today, today),
    ]);
    if (!compound) throw new NotFoundError(message('access.no-compound', { id: params.id }));
    const counts = cases.find((d) => d.day === today);
    return cacheable(
      {
        compound: { id: compound.id, name: compound.name, status: compound.status },
        responsibility: responsibility
          ? RESPONSIBILITY_ROLES.map((role) => ({ role, name: responsibility[role].name, phone: responsibility[role].phone }))
          : [],
        hotlines: hotlines.hotlines.map((line) => ({ label: line.label, phone: line.phone })),
        dropOffPoints: points.map(publicDropOff),
        casesToday: {
          day: today,
          confirmed: counts?.confirmed ?? 0,
          suspected: counts?.suspected ?? 0,
          asymptomatic: counts?.asymptomatic ?? 0,
        },
      },
      NOTICE_MAX_AGE_S,
    );
  },
});

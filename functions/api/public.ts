/**
 * The residents' routes (信息公开): a compound's case counts and its day's disinfection log, with
 * no login. Every answer is built field by field from an allow-list (shared/schemas/public.ts),
 * so nothing a store adds later — staff, notes, ids — can leak out; answers are cacheable.
 *
 * Every compound is public-worthy: a gate QR code must open a page whatever the compound's
 * status (a compound under normal management simply shows zero counts and no rounds).
 */
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import { chinaDay } from '#shared/domain/china-time.ts';
import { dayBefore } from '#shared/domain/disinfection.ts';
import { publicDropOff } from '#shared/domain/drop-off.ts';
import type { DisinfectionLogEntry } from '#shared/schemas/disinfection.ts';
import { PUBLIC_CASE_DAYS, PUBLIC_LOG_DAYS, type PublicRound } from '#shared/schemas/public.ts';
import { casesOfCompound } from '../stores/case-store.ts';
import { nowIso } from '../platform/clock.ts';
import { getCompound } from '../stores/compound-store.ts';
import { disinfectionDay } from '../stores/disinfection-log-store.ts';
import { dropOffPointsOf } from '../stores/drop-off-store.ts';
import { NotFoundError, ValidationError, fieldError } from '../platform/errors.ts';
import { cacheable, httpHandler } from '../edge/http.ts';
import { publicRoutes } from '#shared/catalogue/routes/public.ts';
import { message } from '#shared/messages/message.ts';

/** Today's numbers change within minutes; a past day's only when a late round is completed. */
const TODAY_MAX_AGE_S = 60;
const PAST_MAX_AGE_S = 600;

async function publicCompound(compound: Promise<CompoundRecord | undefined>, id: string) {
  const found = await compound;
  if (!found) throw new NotFoundError(message('access.no-compound', { id }));
  return { id: found.id, name: found.name, status: found.status };
}

const publicRound = (entry: DisinfectionLogEntry): PublicRound => ({
  slot: entry.slot,
  target: entry.target,
  ...(entry.buildingName ? { buildingName: entry.buildingName } : {}),
  status: entry.status,
  planned: entry.planned,
  areas: entry.areas,
  ...(entry.completedAt ? { completedAt: entry.completedAt } : {}),
  dueAt: entry.dueAt,
});

function logDay(date: string | undefined, today: string): string {
  const day = date ?? today;
  if (day > today) throw new ValidationError([fieldError('query.date', message('public.date-future', { today }))]);
  const oldest = dayBefore(today, PUBLIC_LOG_DAYS);
  if (day < oldest) throw new ValidationError([fieldError('query.date', message('public.date-too-old', { days: PUBLIC_LOG_DAYS, oldest }))]);
  return day;
}

export const handler = httpHandler(publicRoutes, {
  getPublicCases: async ({ params }) => {
    const today = chinaDay(nowIso());
    // Both reads at once; an unknown compound's (empty) counts are thrown away.
    const [compound, days] = await Promise.all([
      publicCompound(getCompound(params.id), params.id),
      casesOfCompound(params.id, dayBefore(today, PUBLIC_CASE_DAYS - 1), today),
    ]);
    const last = days.find((d) => d.day === today) ?? { confirmed: 0, suspected: 0, asymptomatic: 0 };
    const todayCounts = { confirmed: last.confirmed, suspected: last.suspected, asymptomatic: last.asymptomatic };
    const counts = days.map((d) => ({ day: d.day, confirmed: d.confirmed, suspected: d.suspected, asymptomatic: d.asymptomatic }));
    return cacheable({ compound, today, todayCounts, days: counts }, TODAY_MAX_AGE_S);
  },

  getPublicDisinfectionLog: async ({ params, query }) => {
    const today = chinaDay(nowIso());
    const date = logDay(query.date, today);
    const read = getCompound(params.id);
    // An unknown compound's (empty) log is thrown away.
    const [compound, log] = await Promise.all([publicCompound(read, params.id), disinfectionDay(params.id, date, read.then((c) => c?.status ?? 'normal'))]);
    return cacheable(
      { compound, date, today, requiredRounds: log.requiredRounds, completedRounds: log.completedRounds, rounds: log.items.map(publicRound) },
      date === today ? TODAY_MAX_AGE_S : PAST_MAX_AGE_S,
    );
  },

  getPublicDropOffPoints: async ({ params }) => {
    // Both reads at once; an unknown compound's (empty) list is thrown away.
    const [compound, points] = await Promise.all([publicCompound(getCompound(params.id), params.id), dropOffPointsOf(params.id)]);
    return cacheable({ compound, items: points.map(publicDropOff) }, TODAY_MAX_AGE_S);
  },
});

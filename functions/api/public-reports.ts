/**
 * The resident's report link (`/public/reports/{token}`, no login): the page's data (masked name,
 * the period's slots, the slot open now) and the report itself, recorded by the same store
 * function as a grid worker's report on the resident's behalf (people-store recordReport), so
 * fever and symptom alerts and resends behave the same whoever reports.
 *
 * The token is the only credential: signed, purpose-bound, revocable (functions/stores/link-store.ts).
 * Refusals: not a report link, or revoked → 404 (the problem's `code` tells which; never 401, which
 * the app reads as a lapsed staff session); after release or past expiry → 410; between windows or
 * outside the period → 409 saying when the next window opens; more than LINK_CALLS_PER_MINUTE calls
 * of one link in a minute → 429. Answers are allow-lists (shared/schemas/public-report.ts).
 */
import { chinaMinute } from '#shared/domain/china-time.ts';
import { nextSlotAfter, slotAt, inPeriod, slotWindow } from '#shared/domain/observation.ts';
import { maskName } from '#shared/domain/privacy.ts';
import { message } from '#shared/messages/message.ts';
import { SYSTEM_ACTOR } from '#shared/roles.ts';
import { publicReportsRoutes } from '#shared/catalogue/routes/public-reports.ts';
import type { PublicReportPage } from '#shared/schemas/public-report.ts';
import { nowIso } from '../platform/clock.ts';
import { ConflictError, GoneError, NotFoundError, RateLimitedError } from '../platform/errors.ts';
import { observationSettings } from '../platform/observation-settings.ts';
import { countLinkCall, resolveLink } from '../stores/link-store.ts';
import { getPersonRecord, getStoredPerson, observationOf, recordReport, type StoredPerson } from '../stores/people-store.ts';
import { httpHandler } from '../edge/http.ts';
import { raiseHelp } from '../flows/help-raise.ts';
import { getCompound } from '../stores/compound-store.ts';

/**
 * Who reports through a link: the resident, recorded as `self` (a slot's `by`). Audit records need
 * a role; the resident has none, so it is the system's, as for the city's own work.
 */
const RESIDENT = { username: 'self', role: SYSTEM_ACTOR.role } as const;

/** The person a token names, or the refusal the caller sees; counts the call against the link's limit. */
async function personOfLink(token: string, at: string): Promise<StoredPerson> {
  const link = await resolveLink(token, 'report', at);
  if (link.hash && !(await countLinkCall(link.hash, at))) throw new RateLimitedError(message('link.rate-limited'));
  const subjectId = link.ok ? link.subjectId : link.subjectId;
  const person = subjectId && (link.ok || link.reason === 'revoked' || link.reason === 'expired') ? await getStoredPerson(subjectId, { consistent: true }) : undefined;
  // Release revokes the link: it is over for good, which says more than "withdrawn".
  if (person?.status === 'released') throw new GoneError(message('link.released'));
  if (link.ok && person) return person;
  if (!link.ok && link.reason === 'expired') throw new GoneError(message('link.refused.expired'));
  if (!link.ok && link.reason === 'revoked') throw new NotFoundError(message('link.refused.revoked'));
  // Forged, unknown, another purpose's, or a person no longer kept: all alike to the caller.
  throw new NotFoundError(message('link.refused.bad'));
}

export const handler = httpHandler(publicReportsRoutes, {
  getPublicReport: async ({ params }) => {
    const at = nowIso();
    const person = await personOfLink(params.token, at);
    const record = await getPersonRecord(person.id);
    const { windows } = observationSettings();
    const period = person.period;
    if (!record || !period) throw new NotFoundError(message('link.refused.bad'));
    const { slots } = observationOf(record, at);
    const open = slotAt(at, windows);
    const next = nextSlotAfter(at, windows);
    const page: PublicReportPage = {
      name: maskName(person.name),
      period: { start: period.start, end: period.end },
      ...(open && inPeriod(open, period) ? { open: { date: open.date, slot: open.slot, closes: slotWindow(open.date, open.slot, windows).closes } } : {}),
      ...(inPeriod(next, period) ? { next: { date: next.date, slot: next.slot, opens: next.opens } } : {}),
      slots: slots.map((s) => ({ date: s.date, slot: s.slot, status: s.status })),
    };
    return page;
  },

  createPublicReport: async ({ params, body }) => {
    const at = nowIso();
    const person = await personOfLink(params.token, at);
    const outcome = await recordReport(person.id, { temperatureC: body.temperatureC, symptoms: body.symptoms }, RESIDENT, at);
    if ('refusal' in outcome) {
      const refusal = outcome.refusal;
      switch (refusal.code) {
        case 'released':
          throw new GoneError(message('link.released'));
        case 'no-window-open':
          if (person.period && inPeriod(refusal.next, person.period)) throw new ConflictError(message('link.no-slot-open', { opens: chinaMinute(refusal.next.opens) }));
          throw new ConflictError(message('link.no-slot-left'));
        case 'not-yet-open':
          throw new ConflictError(message('link.no-slot-open', { opens: chinaMinute(refusal.opens) }));
        case 'outside-period':
        case 'not-observed': {
          // Before the period starts the next window is worth telling; after its end there is none.
          const next = nextSlotAfter(at, observationSettings().windows);
          if (person.period && next.date <= person.period.end && next.date >= person.period.start) {
            throw new ConflictError(message('link.no-slot-open', { opens: chinaMinute(next.opens) }));
          }
          throw new ConflictError(message('link.no-slot-left'));
        }
      }
    }
    const { slot } = outcome;
    // `updated`: the slot had been filled before this call (by the resident or on their behalf).
    return { slot: { date: slot.date, slot: slot.slot, status: slot.status }, updated: outcome.replaced === true };
  },

  createPublicHelp: async ({ params, body }) => {
    const at = nowIso();
    const person = await personOfLink(params.token, at);
    const compound = await getCompound(person.compoundId);
    if (!compound) throw new NotFoundError(message('link.refused.bad'));
    // The place is the person's; the answer says nothing of it (an allow-list, as the page's).
    const request = await raiseHelp({ ...body, buildingId: person.buildingId, personId: person.id }, compound, RESIDENT, at);
    return { id: request.id, kind: request.kind, urgency: request.urgency, status: request.status, raisedAt: request.raisedAt };
  },
});

/**
 * What the people views (重点人员) read and send: the register of people under care, one
 * person's file, and the staff actions on it (a report on their behalf, a test result, a
 * contact, release, the report link issued again or revoked). Calls go by operation id through
 * the catalogue (web/src/api/client.ts); the shapes are the API's (shared/schemas/person.ts).
 * The facts the views share — this slot, who is late, who is due a test, whom to call — are
 * worked out here once, from what the API lists.
 */
import { useCallback } from 'react';
import type * as z from '#shared/zod.ts';
import { chinaDay } from '#shared/domain/china-time.ts';
import { DEFAULT_OBSERVATION_DAYS, DEFAULT_OBSERVATION_SETTINGS, dayAfter, nextSlotAfter, slotAt as slotOfInstant, type SlotKey, type SlotName } from '#shared/domain/observation.ts';
import type { ContactCreate, Person, PersonCreate, PersonListQuery, PersonSummary, ReleaseRequest, Slot, StaffReport, TestCreate } from '#shared/schemas/person.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useApi } from '../services.tsx';

export type { Person, PersonSummary, Slot, SlotKey, SlotName };

/** Days of observation the strip shows (the default period). */
export const STRIP_DAYS = DEFAULT_OBSERVATION_DAYS;

/**
 * The slot a worker is chasing now: the one whose window is open, else the last one that opened
 * (between the windows, the morning's; before the morning's opens, last evening's). The windows
 * are the default ones; a city's own only shift the hours this view names "now".
 */
export function slotOfNow(now: number = Date.now()): SlotKey {
  const at = new Date(now).toISOString();
  const windows = DEFAULT_OBSERVATION_SETTINGS.windows;
  const open = slotOfInstant(at, windows);
  if (open) return open;
  const next = nextSlotAfter(at, windows);
  return next.slot === 'pm' ? { date: next.date, slot: 'am' } : { date: dayAfter(next.date, -1), slot: 'pm' };
}

/** Today in China. */
export const chinaToday = (now: number = Date.now()): string => chinaDay(new Date(now).toISOString());

/** The days of the strip: the period's (from its first day), or the 14 days up to today. */
export function stripDays(start: string | undefined, today: string, days = STRIP_DAYS): string[] {
  const first = start ?? dayAfter(today, -(days - 1));
  return Array.from({ length: days }, (_, i) => dayAfter(first, i));
}

/** A slot of a list, if the API listed it. */
export const findSlot = (slots: readonly Slot[] | undefined, key: SlotKey): Slot | undefined =>
  slots?.find((s) => s.date === key.date && s.slot === key.slot);

const reported = (slot: Slot | undefined): boolean => slot?.status === 'reported_ok' || slot?.status === 'reported_symptoms';

/**
 * A person's slot as listed: among the period's slots, which hold the one being chased between
 * midnight and the morning window too (yesterday evening's, not one of `today`'s), else today's.
 */
const listedSlot = (person: PersonSummary, key: SlotKey): Slot | undefined => findSlot(person.slots, key) ?? findSlot(person.today, key);

/** The state of a person's slot as a list shows it: listed, or pending when not listed yet. */
export const stateOf = (person: PersonSummary, key: SlotKey): Slot['status'] => listedSlot(person, key)?.status ?? 'pending';

/** Under observation and the slot being chased not reported (pending, or judged missed). */
export const notReported = (person: PersonSummary, key: SlotKey): boolean =>
  person.status === 'under_observation' && !reported(listedSlot(person, key));

/** Under observation and no report in either slot of today (the register's filter). */
export const notReportedToday = (person: PersonSummary): boolean =>
  person.status === 'under_observation' && !person.today.some((slot) => reported(slot));

/** The earliest test not yet taken that falls due today or before, if any. */
export const testDueBy = (person: PersonSummary, today: string): string | undefined =>
  person.status === 'under_observation' ? [...person.testsOutstanding].sort().find((day) => day <= today) : undefined;

/** A vulnerable resident nobody has reached today. */
export const notReachedToday = (person: PersonSummary, today: string): boolean =>
  person.category === 'vulnerable' && person.status !== 'released' && (person.lastContactAt === undefined || chinaDay(person.lastContactAt) < today);

type ListFilter = Omit<z.input<typeof PersonListQuery>, 'limit' | 'nextToken'>;

/** Every person the caller may see that the filter keeps (the API keeps to their jurisdiction), page after page. */
export function usePeople(filter: ListFilter, version = 0, enabled = true) {
  const api = useApi();
  const key = enabled ? `people|${JSON.stringify(filter)}|${version}` : null;
  return useAsync(key, async (signal) => {
    const items: PersonSummary[] = [];
    let nextToken: string | undefined;
    do {
      const page = await api.call('listPeople', { query: { ...filter, limit: 200, nextToken } }, { signal });
      items.push(...page.items);
      nextToken = page.nextToken;
    } while (nextToken);
    return items;
  });
}

export function usePerson(id: string | null, version = 0) {
  const api = useApi();
  return useAsync(id === null ? null : `person|${id}|${version}`, (signal) => api.call('getPerson', { params: { id: id ?? '' } }, { signal }));
}

/** The staff actions on one person, each answering what the API answered. */
export function usePersonActions() {
  const api = useApi();
  return {
    report: useCallback((id: string, body: z.input<typeof StaffReport>) => api.call('createPersonReport', { params: { id }, body }), [api]),
    contact: useCallback((id: string, body: z.input<typeof ContactCreate>) => api.call('createPersonContact', { params: { id }, body }), [api]),
    test: useCallback((id: string, body: z.input<typeof TestCreate>) => api.call('createPersonTest', { params: { id }, body }), [api]),
    release: useCallback((id: string, body: z.input<typeof ReleaseRequest> = {}) => api.call('releasePerson', { params: { id }, body }), [api]),
    link: useCallback((id: string, action: 'issue' | 'revoke') => api.call('personLink', { params: { id }, body: { action } }), [api]),
    enrol: useCallback((body: z.input<typeof PersonCreate>) => api.call('createPerson', { body }), [api]),
  };
}

/**
 * How many people of a compound are under observation (the map's compound panel): counts, never
 * people — the pages' counts summed, so nothing about anyone is kept on the map.
 */
export function usePeopleCount(compoundId: string, enabled: boolean) {
  const api = useApi();
  return useAsync(enabled ? `people-count|${compoundId}` : null, async (signal) => {
    let total = 0;
    let nextToken: string | undefined;
    do {
      const page = await api.call('listPeople', { query: { compoundId, status: 'under_observation', limit: 200, nextToken } }, { signal });
      total += page.counts.under_observation ?? page.items.length;
      nextToken = page.nextToken;
    } while (nextToken);
    return total;
  });
}

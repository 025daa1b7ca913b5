/**
 * Home health observation of people under care (重点人员): a period of days (14 by default, per
 * category), two report slots a day in China time (a morning and an evening window: 每天早晚申报),
 * each slot's status — reported (ok or with symptoms), pending while its window is open or yet to
 * come, missed once its window has closed unreported — nucleic-acid tests due every 7 days (and on
 * arrival where configured), and the conditions of release. Pure: the settings come from the
 * environment (functions/platform/observation-settings.ts), the records from the people store.
 *
 * Instants are UTC ISO strings; days and windows are China's (UTC+8), so a window may be read
 * across UTC midnight and an evening window may even run past China's midnight (end ≤ start).
 */
import { chinaDay } from './china-time.ts';
import { dayBefore, dayEnd, slotStart } from './disinfection.ts';

/** Categories followed by observation; `vulnerable` residents are paired with a cadre instead. */
export const OBSERVATION_CATEGORIES = ['returnee', 'close_contact', 'discharged', 'home_quarantine'] as const;
export const CARE_CATEGORIES = [...OBSERVATION_CATEGORIES, 'vulnerable'] as const;
export type ObservationCategory = (typeof OBSERVATION_CATEGORIES)[number];
export type CareCategory = (typeof CARE_CATEGORIES)[number];

export const isObservationCategory = (category: CareCategory): category is ObservationCategory =>
  (OBSERVATION_CATEGORIES as readonly string[]).includes(category);

/** under_observation: in a period; registered: a vulnerable resident paired with a cadre; released: no longer followed. */
export const PERSON_STATUSES = ['under_observation', 'registered', 'released'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const SLOTS = ['am', 'pm'] as const;
export type SlotName = (typeof SLOTS)[number];
export const SLOT_STATUSES = ['pending', 'reported_ok', 'reported_symptoms', 'missed'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

export const TEST_RESULTS = ['negative', 'positive'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];

/** A window in China time, `HH:MM` each; an end at or before the start closes on the next day. */
export interface SlotWindow {
  readonly start: string;
  readonly end: string;
}

export interface ObservationSettings {
  readonly windows: Readonly<Record<SlotName, SlotWindow>>;
  /** Days of the period per category (the day of enrolment is day 1). */
  readonly days: Readonly<Record<ObservationCategory, number>>;
  /** A test is due every this many days from the start. */
  readonly testEveryDays: number;
  /** Categories tested on the day the period starts (arrival). */
  readonly testOnArrival: readonly ObservationCategory[];
}

export const DEFAULT_OBSERVATION_DAYS = 14;
export const DEFAULT_OBSERVATION_SETTINGS: ObservationSettings = {
  windows: { am: { start: '06:00', end: '12:00' }, pm: { start: '17:00', end: '22:00' } },
  days: { returnee: DEFAULT_OBSERVATION_DAYS, close_contact: DEFAULT_OBSERVATION_DAYS, discharged: DEFAULT_OBSERVATION_DAYS, home_quarantine: DEFAULT_OBSERVATION_DAYS },
  testEveryDays: 7,
  testOnArrival: ['returnee'],
};

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** `06:00-12:00` → a window; anything else (unset, malformed, empty) → undefined, so the default stands. */
export function parseWindow(text: string | undefined): SlotWindow | undefined {
  const parts = text?.split('-').map((p) => p.trim());
  if (!parts || parts.length !== 2 || !parts.every((p) => HH_MM.test(p)) || parts[0] === parts[1]) return undefined;
  return { start: parts[0]!, end: parts[1]! };
}

/** A positive whole number of days, or undefined. */
export function parseDays(text: string | undefined): number | undefined {
  const n = Number(text);
  return text !== undefined && text.trim() !== '' && Number.isInteger(n) && n > 0 && n <= 366 ? n : undefined;
}

/** The day `n` days after a China day (before it, for a negative `n`). */
export const dayAfter = (day: string, n = 1): string => dayBefore(day, -n);

/** Whether two windows overlap (the evening one must close before the next morning's opens, and after the morning's closes). */
export function windowsOverlap(windows: Readonly<Record<SlotName, SlotWindow>>): boolean {
  const day = '2026-01-01';
  const am = slotWindow(day, 'am', windows);
  const pm = slotWindow(day, 'pm', windows);
  const nextAm = slotWindow(dayAfter(day), 'am', windows);
  return !(am.closes <= pm.opens && pm.closes <= nextAm.opens);
}

/** The instants a slot of a China day opens and closes. */
export function slotWindow(day: string, slot: SlotName, windows: ObservationSettings['windows']): { opens: string; closes: string } {
  const { start, end } = windows[slot];
  return { opens: slotStart(day, start), closes: slotStart(end > start ? day : dayAfter(day), end) };
}

export interface SlotKey {
  readonly date: string;
  readonly slot: SlotName;
}

export const slotKeyText = (key: SlotKey): string => `${key.date}#${key.slot}`;
const slotOrder = (key: SlotKey): string => `${key.date}#${SLOTS.indexOf(key.slot)}`;

/**
 * The slot whose window holds `at` (opens ≤ at < closes), or undefined between windows. An
 * evening window running past midnight belongs to the day it opened on.
 */
export function slotAt(at: string, windows: ObservationSettings['windows']): SlotKey | undefined {
  const t = Date.parse(at);
  const today = chinaDay(at);
  for (const date of [dayBefore(today), today]) {
    for (const slot of SLOTS) {
      const w = slotWindow(date, slot, windows);
      if (Date.parse(w.opens) <= t && t < Date.parse(w.closes)) return { date, slot };
    }
  }
  return undefined;
}

/** The next slot to open after `at` (for telling a resident when to report). */
export function nextSlotAfter(at: string, windows: ObservationSettings['windows']): SlotKey & { opens: string } {
  const t = Date.parse(at);
  const today = chinaDay(at);
  for (const date of [today, dayAfter(today)]) {
    for (const slot of SLOTS) {
      const { opens } = slotWindow(date, slot, windows);
      if (Date.parse(opens) > t) return { date, slot, opens };
    }
  }
  const date = dayAfter(today, 2);
  return { date, slot: 'am', opens: slotWindow(date, 'am', windows).opens };
}

export interface Period {
  /** China days, both included. */
  readonly start: string;
  readonly end: string;
}

/** The period of a category starting on a China day: `days` days, the start being day 1. */
export const periodOf = (start: string, category: ObservationCategory, settings: ObservationSettings): Period =>
  ({ start, end: dayAfter(start, settings.days[category] - 1) });

/** The instant a period is over: the China midnight after its last day. */
export const periodEndsAt = (period: Period): string => dayEnd(period.end);

/** Every day of the period, in order. */
export function periodDays(period: Period): string[] {
  const days: string[] = [];
  for (let day = period.start; day <= period.end; day = dayAfter(day)) days.push(day);
  return days;
}

/** Every slot of the period, in order: two a day. */
export const periodSlots = (period: Period): SlotKey[] => periodDays(period).flatMap((date) => SLOTS.map((slot) => ({ date, slot })));

export const inPeriod = (key: SlotKey, period: Period): boolean => key.date >= period.start && key.date <= period.end;

/** What is stored of a slot: a report (ok or with symptoms), or the judgement job's `missed`. */
export interface SlotRecord extends SlotKey {
  readonly status: Exclude<SlotStatus, 'pending'>;
  readonly temperatureC?: number;
  readonly symptoms?: string[];
  readonly at?: string;
  readonly by?: string;
}

export type JudgedSlot = Omit<SlotRecord, 'status'> & { readonly status: SlotStatus };

/** A slot with no record, as of `at`: missed once its window has closed, else still pending. */
export const judgeSlot = (key: SlotKey, at: string, windows: ObservationSettings['windows']): SlotStatus =>
  Date.parse(slotWindow(key.date, key.slot, windows).closes) <= Date.parse(at) ? 'missed' : 'pending';

/**
 * The period's slots as of `at`: each its record where there is one, else judged (missed after
 * its window closed, pending before). Records outside the period are left out.
 */
export function slotsOf(period: Period, records: readonly SlotRecord[], at: string, windows: ObservationSettings['windows']): JudgedSlot[] {
  const byKey = new Map(records.map((r) => [slotKeyText(r), r]));
  return periodSlots(period).map((key) => byKey.get(slotKeyText(key)) ?? { ...key, status: judgeSlot(key, at, windows) });
}

/**
 * The slots that complete two missed in a row (each the second of its pair, in order): the
 * grid worker's alert is raised once per such slot, keyed by it. Three in a row give two.
 */
export function twoMissedInRow(slots: readonly JudgedSlot[]): SlotKey[] {
  const sorted = [...slots].sort((a, b) => (slotOrder(a) < slotOrder(b) ? -1 : 1));
  const found: SlotKey[] = [];
  for (let i = 1; i < sorted.length; i += 1) {
    if (sorted[i]!.status === 'missed' && sorted[i - 1]!.status === 'missed') found.push({ date: sorted[i]!.date, slot: sorted[i]!.slot });
  }
  return found;
}

/** The status a report gives its slot: symptoms, or a temperature at or over the threshold, are not ok. */
export const reportStatus = (report: { readonly temperatureC: number; readonly symptoms: readonly string[] }, feverThresholdC: number): SlotStatus =>
  report.temperatureC >= feverThresholdC || report.symptoms.length > 0 ? 'reported_symptoms' : 'reported_ok';

/** Why a report cannot fill a slot: the slot is outside the period, or its window has not opened yet, or no window is open now. */
export type ReportRefusal =
  | { readonly code: 'outside-period'; readonly period: Period }
  | { readonly code: 'not-yet-open'; readonly opens: string }
  | { readonly code: 'no-window-open'; readonly next: SlotKey & { opens: string } };

/**
 * The slot a report fills at `at`: the one named (staff reporting on behalf may fill a slot
 * whose window has opened, a late one included), else the one whose window is open now.
 */
export function slotForReport(
  at: string, period: Period, windows: ObservationSettings['windows'], named?: SlotKey,
): { slot: SlotKey } | { refusal: ReportRefusal } {
  if (named) {
    if (!inPeriod(named, period)) return { refusal: { code: 'outside-period', period } };
    const { opens } = slotWindow(named.date, named.slot, windows);
    if (Date.parse(opens) > Date.parse(at)) return { refusal: { code: 'not-yet-open', opens } };
    return { slot: named };
  }
  const open = slotAt(at, windows);
  if (!open) return { refusal: { code: 'no-window-open', next: nextSlotAfter(at, windows) } };
  if (!inPeriod(open, period)) return { refusal: { code: 'outside-period', period } };
  return { slot: open };
}

/** A nucleic-acid test: due on a China day, taken at an instant, its result when known. */
export interface TestRecord {
  readonly due: string;
  readonly takenAt?: string;
  readonly result?: TestResult;
}

/** The days tests are due in a period: on arrival where configured, then every `testEveryDays` from the start. */
export function testsDue(period: Period, category: ObservationCategory, settings: ObservationSettings): string[] {
  const due = settings.testOnArrival.includes(category) ? [period.start] : [];
  for (let n = settings.testEveryDays; ; n += settings.testEveryDays) {
    const day = dayAfter(period.start, n);
    if (day > period.end) break;
    due.push(day);
  }
  return due;
}

/** The period's tests: each due day with its record where there is one, and tests taken on other days after them. */
export function testsOf(dueDays: readonly string[], records: readonly TestRecord[]): TestRecord[] {
  const byDue = new Map(records.map((r) => [r.due, r]));
  const extra = records.filter((r) => !dueDays.includes(r.due));
  return [...dueDays.map((due) => byDue.get(due) ?? { due }), ...extra].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

/** Tests due by `at` (their day has come) and not yet taken: whom to send for a test today. */
export const testsOutstanding = (tests: readonly TestRecord[], at: string): TestRecord[] =>
  tests.filter((t) => t.takenAt === undefined && t.due <= chinaDay(at));

/** Why a person may not be released yet; each code once, in this order. */
export type ReleaseBlock =
  | { readonly code: 'period-not-over'; readonly endsAt: string }
  | { readonly code: 'slots-pending'; readonly slots: readonly SlotKey[] }
  | { readonly code: 'tests-missing'; readonly due: readonly string[] }
  | { readonly code: 'test-positive'; readonly due: readonly string[] };

/**
 * What stands in the way of release at `at`: the period is not over, a slot is neither reported
 * nor judged, a due test has no negative result, a test came back positive. Empty: release.
 */
export function releaseBlocks(input: { readonly period: Period; readonly slots: readonly JudgedSlot[]; readonly tests: readonly TestRecord[] }, at: string): ReleaseBlock[] {
  const blocks: ReleaseBlock[] = [];
  const endsAt = periodEndsAt(input.period);
  if (Date.parse(at) < Date.parse(endsAt)) blocks.push({ code: 'period-not-over', endsAt });
  const pending = input.slots.filter((s) => s.status === 'pending').map(({ date, slot }) => ({ date, slot }));
  if (pending.length > 0) blocks.push({ code: 'slots-pending', slots: pending });
  const missing = input.tests.filter((t) => t.result === undefined).map((t) => t.due);
  if (missing.length > 0) blocks.push({ code: 'tests-missing', due: missing });
  const positive = input.tests.filter((t) => t.result === 'positive').map((t) => t.due);
  if (positive.length > 0) blocks.push({ code: 'test-positive', due: positive });
  return blocks;
}

/** Whether every condition of release holds (the automatic release may act). */
export const releasable = (input: Parameters<typeof releaseBlocks>[0], at: string): boolean => releaseBlocks(input, at).length === 0;

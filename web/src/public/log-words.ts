/**
 * What the disinfection log says about a day and each of its rounds, in words: one place for both
 * pages that show it (the household's page in React, the resident page in plain DOM), so they
 * never say a day differently.
 *
 * What it says never contradicts itself: a day that requires rounds but lists none says whether
 * they have not started yet (today) or were not recorded (an earlier day), never "no rounds
 * planned"; an earlier day's unfinished round is "not done" and was due by 24:00, not 00:00.
 */
import type { TFunction } from 'i18next';
import type { ResponseOf } from '../api/client.ts';
// China-time's, not the rounds' module (which brings every server message); the zod-free constants.
import { dayBefore } from '#shared/domain/china-time.ts';
import { PUBLIC_LOG_DAYS } from '#shared/schemas/constants.ts';
import type { PublicRound } from '#shared/schemas/public.ts';
import { chinaTime, dueTime } from './format.ts';

type Log = ResponseOf<'getPublicDisinfectionLog'>;

/** A round's status as the log shows it: an earlier day's round left open is `missed`. */
export type ShownStatus = PublicRound['status'] | 'missed';

/** Rounds a day usually has (the default two public-area slots): the space held while loading. */
export const PLACEHOLDER_ROUNDS = 2;

/** The slot a placeholder round reserves the width of. */
export const PLACEHOLDER_SLOT = '08:00';

/** Each status also by a mark, never by colour alone. */
const STATUS_MARK: Record<ShownStatus, string> = { done: '✓', partial: '◐', claimed: '…', open: '○', overdue: '!', missed: '✗' };

/** The days the date picker offers, the last 30 to today; none until the API has said which day today is. */
export const pickerRange = (today: string | undefined): { readonly min: string; readonly max: string } | undefined =>
  (today ? { min: dayBefore(today, PUBLIC_LOG_DAYS), max: today } : undefined);

/** The day a picked value asks for: undefined (the API's own today) for today or a cleared picker. */
export const pickedDay = (value: string, today: string | undefined): string | undefined => (value === '' || value === today ? undefined : value);

/** Whether the log is of a day before today (its open rounds are over). */
export const isPastDay = (log: Log): boolean => log.date < log.today;

/** The day's line: required against completed public-area rounds, or that none is required. */
export const daySummary = (t: TFunction, log: Log): string =>
  log.requiredRounds > 0
    ? t('public.log.summary', { date: log.date, required: log.requiredRounds, completed: log.completedRounds })
    : t('public.log.summaryNone', { date: log.date, completed: log.completedRounds });

/** Why a day lists no round: none required, not started yet (today), or none recorded (an earlier day). */
function emptyKey(log: Log): 'public.log.empty' | 'public.log.notStarted' | 'public.log.noRecord' {
  if (log.requiredRounds === 0) return 'public.log.empty';
  return isPastDay(log) ? 'public.log.noRecord' : 'public.log.notStarted';
}

/** What a day without rounds says instead of the list. */
export const emptyDay = (t: TFunction, log: Log): string => t(emptyKey(log));

/** One round of the log in words, each part for its own element. */
export interface RoundWords {
  readonly status: ShownStatus;
  readonly mark: string;
  readonly statusText: string;
  readonly slot: string;
  /** What the round covered: the public areas, or a case building. */
  readonly what: string;
  /** The areas done (or, none yet, planned), after their label. */
  readonly areasLabel: string;
  readonly areas: string;
  /** When it was done, or by when it is (was) due. */
  readonly time: { readonly dateTime: string; readonly text: string };
}

export function roundWords(t: TFunction, round: PublicRound, log: Log): RoundWords {
  const past = isPastDay(log);
  // An earlier day's round still open is over: it was not done, which "overdue" understates.
  const status: ShownStatus = past && (round.status === 'overdue' || round.status === 'open' || round.status === 'claimed') ? 'missed' : round.status;
  const what = round.target === 'public_areas'
    ? t('public.log.publicAreas')
    : round.buildingName ? t('public.log.building', { name: round.buildingName }) : t('public.log.buildingUnnamed');
  const done = round.areas.length > 0;
  return {
    status,
    mark: STATUS_MARK[status],
    statusText: t(`public.roundStatus.${status}`),
    slot: t('public.log.slot', { slot: round.slot }),
    what,
    areasLabel: done ? t('public.log.areasDone') : t('public.log.areasPlanned'),
    areas: (done ? round.areas : round.planned).map((area) => t(`public.areas.${area}`)).join(t('app.listSeparator')),
    time: round.completedAt
      ? { dateTime: round.completedAt, text: t('public.log.completedAt', { time: chinaTime(round.completedAt) }) }
      : { dateTime: round.dueAt, text: t(past ? 'public.log.wasDueAt' : 'public.log.dueAt', { time: dueTime(round.dueAt, log.date) }) },
  };
}

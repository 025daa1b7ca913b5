/**
 * The day's disinfection rounds (每日消毒情况公示) on the resident page, in plain DOM with
 * web/src/public/DisinfectionLogView.tsx's markup and log-words.ts's words: a date picker for
 * earlier days, the day's required against completed public-area rounds, and each round with its
 * slot, what it covered, the areas done, its time and status. The picker stays the same element
 * while days load (a reader typing a date keeps focus); below it, while loading, the summary line
 * and two rounds hold the place of the final layout, so nothing below jumps.
 */
import type { TFunction } from 'i18next';
import type { ResponseOf } from '../api/client.ts';
import type { PublicRound } from '#shared/schemas/public.ts';
import { daySummary, emptyDay, pickedDay, pickerRange, PLACEHOLDER_ROUNDS, PLACEHOLDER_SLOT, roundWords } from '../public/log-words.ts';
import { BLANK, h, sameInputs, setAttributes } from './dom.ts';
import { errorNotice } from './error-notice.ts';
import type { Load } from './load.ts';

type Log = ResponseOf<'getPublicDisinfectionLog'>;

/** The picker's id, which its label names (one log on the page). */
const PICKER_ID = 'log-date-picker';

export interface DisinfectionLogSection {
  readonly element: HTMLElement;
  /** Shows the log's state with `date` picked (undefined: today), in `language` (what `t` speaks). */
  update(t: TFunction, language: string, log: Load<Log>, date: string | undefined): void;
}

/** The section; `onDate` hears each day picked (undefined for today). */
export function disinfectionLog(onDate: (date: string | undefined) => void): DisinfectionLogSection {
  let today: string | undefined;
  const heading = h('h2', { id: 'log-heading' });
  const label = h('label', { for: PICKER_ID });
  const picker = h('input', { id: PICKER_ID, type: 'date', oninput: () => onDate(pickedDay(picker.value, today)) });
  const dateLine = h('div', { class: 'log-date' }, label, picker);
  const element = h('section', { class: 'resident-section', 'aria-labelledby': 'log-heading' }, heading, dateLine);
  let shown: readonly unknown[] | undefined;
  return {
    element,
    update(t, language, log, date) {
      const { state } = log;
      today = state.latest?.today;
      const range = pickerRange(today);
      element.setAttribute('aria-busy', String(state.loading));
      heading.textContent = t('public.log.heading');
      label.textContent = t('public.log.date');
      setAttributes(picker, { min: range?.min, max: range?.max, disabled: !range });
      const value = date ?? today ?? '';
      if (picker.value !== value) picker.value = value;
      // Below the picker: rebuilt when the log's state or the language changes, not on every render.
      const inputs = [state, language];
      if (sameInputs(shown, inputs)) return;
      shown = inputs;
      while (dateLine.nextSibling) dateLine.nextSibling.remove();
      if (state.error !== undefined) element.append(errorNotice(t, t('public.loadFailed'), state.error, log.reload));
      if (state.data) element.append(...dayLog(t, state.data));
      else if (state.error === undefined) element.append(dayLogPlaceholder(t));
    },
  };
}

function dayLog(t: TFunction, log: Log): HTMLElement[] {
  return [
    h('p', { class: 'log-summary', 'data-testid': 'log-summary' }, daySummary(t, log)),
    log.rounds.length === 0
      ? h('p', { class: 'resident-subtle', 'data-testid': 'log-empty' }, emptyDay(t, log))
      : h('ol', { class: 'log-rounds' }, log.rounds.map((round) => roundItem(t, round, log))),
  ];
}

function roundItem(t: TFunction, round: PublicRound, log: Log): HTMLElement {
  const words = roundWords(t, round, log);
  return h(
    'li',
    { class: 'log-round', 'data-status': words.status, 'data-slot': round.slot },
    h(
      'div',
      { class: 'log-round-head' },
      h('span', { class: 'log-round-slot' }, words.slot),
      h('span', { class: 'log-round-status', 'data-status': words.status }, h('span', { 'aria-hidden': 'true' }, `${words.mark} `), words.statusText),
    ),
    h('p', { class: 'log-round-what' }, words.what),
    h('p', { class: 'log-round-areas' }, words.areasLabel, words.areas),
    h('p', { class: 'log-round-time' }, h('time', { datetime: words.time.dateTime }, words.time.text)),
  );
}

/** The summary line and rounds in their final shape, blank, while the day loads. */
function dayLogPlaceholder(t: TFunction): HTMLElement {
  const blankLine = () => h('p', { class: 'skeleton-line' }, BLANK);
  return h(
    'div',
    { class: 'log-placeholder', 'aria-hidden': 'true' },
    h('p', { class: 'log-summary skeleton-line' }, BLANK),
    h(
      'ol',
      { class: 'log-rounds' },
      Array.from({ length: PLACEHOLDER_ROUNDS }, () =>
        h(
          'li',
          { class: 'log-round' },
          h('div', { class: 'log-round-head' }, h('span', { class: 'skeleton-line' }, t('public.log.slot', { slot: PLACEHOLDER_SLOT }))),
          blankLine(),
          blankLine(),
          blankLine(),
        ),
      ),
    ),
  );
}

/**
 * Today's confirmed, suspected and asymptomatic counts in large type, then the recent days as a
 * table, newest first (a resident looks for yesterday before last week) — the resident page's
 * own, in plain DOM, with web/src/public/CaseCounts.tsx's markup. Before the counts arrive it
 * draws the same boxes and rows, blank, so the page below does not move when they come.
 */
import type { TFunction } from 'i18next';
import type { ResponseOf } from '../api/client.ts';
// The zod-free lists: the schema modules would bring zod into the resident page.
import { CASE_KINDS, PUBLIC_CASE_DAYS } from '#shared/schemas/constants.ts';
import { shortDay } from '../public/format.ts';
import { BLANK, h } from './dom.ts';

type Cases = ResponseOf<'getPublicCases'>;
type Day = Cases['days'][number];

export function caseCounts(t: TFunction, cases: Cases | undefined): HTMLElement {
  const days = cases ? [...cases.days].reverse() : undefined;
  return h(
    'section',
    { class: 'resident-section', 'aria-labelledby': 'cases-heading', 'aria-busy': String(!cases) },
    h('h2', { id: 'cases-heading' }, t('public.cases.heading')),
    h('p', { class: 'resident-subtle' }, t('public.cases.today', { day: cases?.today ?? '…' })),
    h(
      'dl',
      { class: 'case-today', 'data-testid': cases ? 'case-today' : undefined },
      CASE_KINDS.map((kind) =>
        h(
          'div',
          { class: 'case-today-item', 'data-kind': kind },
          h('dt', {}, t(`public.cases.${kind}`)),
          cases
            ? h('dd', { 'data-testid': `today-${kind}` }, t('public.cases.people', { count: cases.todayCounts[kind] }))
            : h('dd', { class: 'skeleton-line', 'aria-hidden': 'true' }, BLANK),
        ),
      ),
    ),
    h(
      'table',
      { class: 'case-days' },
      h('caption', {}, t('public.cases.caption', { count: days?.length ?? PUBLIC_CASE_DAYS })),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('public.cases.date')), CASE_KINDS.map((kind) => h('th', { scope: 'col' }, t(`public.cases.${kind}Short`))))),
      h('tbody', {}, days ? days.map((day) => dayRow(t, day, cases?.today)) : Array.from({ length: PUBLIC_CASE_DAYS }, blankRow)),
    ),
  );
}

function dayRow(t: TFunction, day: Day, today: string | undefined): HTMLElement {
  return h(
    'tr',
    { 'data-day': day.day },
    h('th', { scope: 'row' }, h('time', { datetime: day.day }, day.day === today ? t('public.cases.todayShort') : shortDay(day.day))),
    CASE_KINDS.map((kind) => h('td', { 'data-kind': kind }, String(day[kind]))),
  );
}

/** A row of the table before the days are known: the same height, blank. */
const blankRow = (): HTMLElement => h('tr', { class: 'skeleton-row', 'aria-hidden': 'true' }, h('td', {}, BLANK), CASE_KINDS.map(() => h('td', {}, BLANK)));

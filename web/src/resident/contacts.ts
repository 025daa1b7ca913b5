/**
 * Where residents turn, as the gate's notice posts it, on the resident page in plain DOM with the
 * React pages' markup: the compound's drop-off points (name, building, place, hours), the
 * responsibility list (role, name, phone) and the hotlines (the compound's own, then the public
 * numbers), each phone a tap-to-call link. Each stands alone: one still loading or failed leaves
 * the others as they are.
 */
import type { TFunction } from 'i18next';
import type { ResponseOf } from '../api/client.ts';
import { PUBLIC_HOTLINES, telHref } from '../public/phones.ts';
import { h } from './dom.ts';
import { errorNotice } from './error-notice.ts';

type DropOffPoint = ResponseOf<'getPublicDropOffPoints'>['items'][number];
type Notice = ResponseOf<'getPublicNotice'>;

/** The drop-off points (物品指定存放点) with the hint to leave goods there, not at the gate. */
export function dropOffSection(t: TFunction, points: readonly DropOffPoint[] | undefined, error: unknown, onRetry: () => void): HTMLElement {
  return h(
    'section',
    { class: 'resident-section', 'aria-labelledby': 'drop-off-heading' },
    h('h2', { id: 'drop-off-heading' }, t('public.dropOff.heading')),
    h('p', { class: 'resident-lead' }, t('public.dropOff.hint')),
    error !== undefined
      ? errorNotice(t, t('public.dropOff.loadFailed'), error, onRetry)
      : points
        ? dropOffList(t, points)
        : h('p', { class: 'list-note' }, t('public.loading')),
  );
}

function dropOffList(t: TFunction, points: readonly DropOffPoint[]): HTMLElement {
  if (points.length === 0) return h('p', { class: 'list-note' }, t('public.dropOff.none'));
  return h(
    'ul',
    { class: 'drop-off-points', 'data-testid': 'drop-off-points' },
    points.map((point) =>
      h(
        'li',
        {},
        h('strong', {}, point.name),
        point.buildingName && h('span', { class: 'drop-off-building' }, t('public.dropOff.building', { name: point.buildingName })),
        point.location && h('span', { class: 'drop-off-where' }, t('public.dropOff.where', { where: point.location.description })),
        point.hours && h('span', { class: 'drop-off-hours' }, t('public.dropOff.hours', { hours: point.hours })),
      ),
    ),
  );
}

/** A phone as a link that calls it. */
const phoneLink = (phone: string): HTMLElement => h('a', { class: 'hotline-number', href: telHref(phone) }, phone);

/** The responsibility list (责任体系公示): undefined while it loads. */
export function responsibilitySection(t: TFunction, people: Notice['responsibility'] | undefined): HTMLElement {
  return h(
    'section',
    { class: 'resident-section', 'aria-labelledby': 'responsibility-heading' },
    h('h2', { id: 'responsibility-heading' }, t('notices.resident.responsibility')),
    people === undefined
      ? h('p', { class: 'list-note' }, t('public.loading'))
      : people.length === 0
        ? h('p', { class: 'list-note' }, t('notices.resident.responsibilityNone'))
        : h(
            'ul',
            { class: 'resident-responsibility', 'data-testid': 'responsibility' },
            people.map((person) =>
              h('li', { 'data-role': person.role }, h('span', { class: 'resident-role' }, t(`notices.roles.${person.role}`)), h('span', {}, person.name), phoneLink(person.phone)),
            ),
          ),
  );
}

/** The compound's own hotlines (none until the notice comes), then the public numbers. */
export function hotlinesSection(t: TFunction, lines: Notice['hotlines'] = []): HTMLElement {
  return h(
    'section',
    { class: 'resident-section', 'aria-labelledby': 'hotlines-heading' },
    h('h2', { id: 'hotlines-heading' }, t('public.hotlines.heading')),
    h(
      'ul',
      { class: 'hotlines', 'data-testid': 'hotlines' },
      lines.map((line) => h('li', { 'data-own': 'true' }, h('span', {}, line.label), phoneLink(line.phone))),
      PUBLIC_HOTLINES.map((line) => {
        const number = t(`public.hotlines.${line}.number`);
        return h('li', {}, h('span', {}, t(`public.hotlines.${line}.label`)), h('a', { class: 'hotline-number', href: `tel:${number}` }, number));
      }),
    ),
  );
}

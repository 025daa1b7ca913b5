/**
 * A compound's public notice board for residents (信息公开), opened from the gate's QR code: no
 * sign-in, no personal data, Chinese by default and made for a phone. The compound's status,
 * today's and recent case counts, the day's disinfection rounds (earlier days by date), where
 * goods are dropped off, the responsibility list and hotlines as posted at the gate (names and
 * phones, tap to call), the public hotlines and when the page last loaded.
 *
 * Plain DOM, no React (issue 19: React alone weighs more than the page's whole budget of 60 KB
 * gzip). The page draws its final layout, blank, before it has an API to ask (its config may still
 * be on its way), and fills each part in as it comes; each part is rebuilt only when its own state
 * changes. A switch of language loads every part again, as the React views do (the API answers in
 * the language asked for).
 */
import i18next, { type TFunction } from 'i18next';
import type { ApiClient, ResponseOf } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import { chinaTime } from '../public/format.ts';
import { currentLanguage } from '../translations.ts';
import { caseCounts } from './cases.ts';
import { dropOffSection, hotlinesSection, responsibilitySection } from './contacts.ts';
import { disinfectionLog } from './disinfection-log.ts';
import { BLANK, h, setAttributes, slot } from './dom.ts';
import { errorNotice } from './error-notice.ts';
import { createLoad } from './load.ts';
import { pageTop } from './page-top.ts';

type Cases = ResponseOf<'getPublicCases'> & { readonly loadedAt: string };

export interface ResidentPage {
  /** The page's `main`, to be put in the document. */
  readonly element: HTMLElement;
  /** Starts loading the compound's parts from `api` (again, when called again). */
  load(api: ApiClient): void;
  /** Stops loading and following the language. */
  destroy(): void;
}

const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/** The page of `compoundId`; none (a path naming no compound) is the not-found page. */
export function createResidentPage(compoundId: string | undefined): ResidentPage {
  const t: TFunction = i18next.t.bind(i18next);
  let api: ApiClient | undefined;
  /** undefined: today, as the API's China clock says. */
  let date: string | undefined;

  const cases = createLoad<Cases>(() => render());
  const log = createLoad<ResponseOf<'getPublicDisinfectionLog'>>(() => render());
  const dropOff = createLoad<ResponseOf<'getPublicDropOffPoints'>>(() => render());
  // The responsibility list and the compound's hotlines, as posted at the gate; the page stands without them.
  const notice = createLoad<ResponseOf<'getPublicNotice'>>(() => render());

  const loadLog = () => {
    if (api && compoundId) {
      const client = api;
      const id = compoundId;
      log.start((signal) => client.call('getPublicDisinfectionLog', { params: { id }, query: { date } }, { signal }));
    }
  };
  const loadAll = () => {
    if (!api || !compoundId) return;
    const client = api;
    const request = { params: { id: compoundId } };
    cases.start(async (signal) => ({ ...(await client.call('getPublicCases', request, { signal })), loadedAt: new Date().toISOString() }));
    loadLog();
    dropOff.start((signal) => client.call('getPublicDropOffPoints', request, { signal }));
    notice.start((signal) => client.call('getPublicNotice', request, { signal }));
  };

  const main = h('main', { id: 'main', class: 'resident-page' });
  const top = pageTop();
  const status = slot();
  // Always there, only its words change: a live region put in anew is not reliably announced.
  const live = h('p', { class: 'visually-hidden', role: 'status' });
  const counts = slot();
  const logView = disinfectionLog((picked) => {
    date = picked;
    loadLog();
  });
  const dropOffs = slot();
  const people = slot();
  const hotlines = slot();
  const updated = slot();
  const notFoundLead = h('p', { class: 'resident-lead' });
  let mode: 'found' | 'not-found' | undefined;

  function renderNotFound(): void {
    if (mode !== 'not-found') {
      mode = 'not-found';
      setAttributes(main, { 'data-state': 'not-found', 'data-compound-id': undefined, 'aria-busy': undefined });
      main.replaceChildren(top.element, notFoundLead, hotlines.node);
    }
    top.update(t, t('public.notFound.title'));
    notFoundLead.textContent = t('public.notFound.body');
    hotlines.show([currentLanguage()], () => hotlinesSection(t));
  }

  function render(): void {
    const language = currentLanguage();
    if (!compoundId || isNotFound(cases.state.error) || isNotFound(log.state.error)) {
      renderNotFound();
      return;
    }
    if (mode !== 'found') {
      mode = 'found';
      setAttributes(main, { 'data-state': undefined, 'data-compound-id': compoundId });
      main.replaceChildren(top.element, status.node, live, counts.node, logView.element, dropOffs.node, people.node, hotlines.node, updated.node);
    }
    const loaded = cases.state.data;
    const compound = loaded?.compound ?? log.state.latest?.compound;
    const loading = cases.state.loading || log.state.loading;
    main.setAttribute('aria-busy', String(loading));
    top.update(t, compound?.name ?? t('public.title'));
    // The status line is there from the first paint (blank until known), so nothing below moves.
    status.show([language, compound?.status], () =>
      h(
        'p',
        { class: 'resident-status' },
        t('public.statusLabel'),
        compound
          ? h('span', { class: 'resident-status-pill', 'data-status': compound.status }, t(`status.${compound.status}`))
          : h('span', { class: 'resident-status-pill skeleton-line', 'aria-hidden': 'true' }, BLANK.repeat(4)),
      ),
    );
    live.textContent = loading ? t('public.loading') : '';
    counts.show([language, cases.state], () =>
      cases.state.error !== undefined ? errorNotice(t, t('public.loadFailed'), cases.state.error, cases.reload) : caseCounts(t, loaded),
    );
    logView.update(t, language, log, date);
    dropOffs.show([language, dropOff.state], () => dropOffSection(t, dropOff.state.data?.items, dropOff.state.error, dropOff.reload));
    people.show([language, notice.state], () => responsibilitySection(t, notice.state.error !== undefined ? [] : notice.state.data?.responsibility));
    hotlines.show([language, notice.state.data], () => hotlinesSection(t, notice.state.data?.hotlines));
    updated.show([language, loaded], () =>
      h('p', { class: 'resident-updated', 'data-testid': loaded ? 'updated' : undefined }, loaded ? t('public.updated', { time: chinaTime(loaded.loadedAt) }) : BLANK),
    );
  }

  const onLanguage = () => {
    if (api) loadAll();
    else render();
  };
  i18next.on('languageChanged', onLanguage);
  render();

  return {
    element: main,
    load(client) {
      api = client;
      loadAll();
    },
    destroy() {
      i18next.off('languageChanged', onLanguage);
      for (const part of [cases, log, dropOff, notice]) part.stop();
    },
  };
}

/**
 * The whole page of a resident's link that cannot be used (withdrawn, expired, not a link):
 * the page's own top and one plain sentence saying why and whom to ask, nothing else.
 */
import type { LinkState } from './link-state.ts';
import { PageTop } from './PageTop.tsx';

export function LinkRefused({ page, state, kicker, title, words }: { page: string; state: LinkState; kicker: string; title: string; words: string }) {
  return (
    <main id="main" className={`resident-page ${page}`} data-state={state}>
      <PageTop kicker={kicker} title={title} />
      <p className="report-closed" role="alert">{words}</p>
    </main>
  );
}

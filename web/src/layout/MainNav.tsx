/** Links to the views the signed-in role may open; the current one is marked for screen readers. */
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '#shared/roles.ts';
import { navigate, pathOf, viewsOf, type SignedInView } from './navigation.ts';

export function MainNav({ role, current }: { role: Role; current: SignedInView }) {
  const { t } = useTranslation();
  // The inbox is reached by the header's bell, which shows its unread count (web/src/inbox/InboxBadge.tsx);
  // a compound's gate notice from its panel on the map (web/src/notices/).
  const views = viewsOf(role).filter((view) => view !== 'inbox' && view !== 'notices');
  if (views.length < 2) return null;
  const follow = (event: MouseEvent<HTMLAnchorElement>, view: SignedInView) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(pathOf(view));
  };
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      {views.map((view) => (
        <a
          key={view}
          href={pathOf(view)}
          className="main-nav-link"
          aria-current={view === current ? 'page' : undefined}
          data-view={view}
          onClick={(event) => follow(event, view)}
        >
          {t(`nav.${view}`)}
        </a>
      ))}
    </nav>
  );
}

/**
 * The top bar: the app's name, the views of the role, who is signed in (name and role), the
 * language switch, sign-out. On a phone it stays one line: the brand shrinks to its mark, long
 * names end in an ellipsis (the full name in their title), and the language switch and sign-out
 * fold into a menu button.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices, useSession } from '../services.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { InboxBadge } from '../inbox/InboxBadge.tsx';
import { MainNav } from './MainNav.tsx';
import { viewsOf, type SignedInView } from './navigation.ts';

export function AppHeader({ view }: { view: SignedInView | undefined }) {
  const { t } = useTranslation();
  const { auth } = useServices();
  const { session } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const tools = useRef<HTMLDivElement>(null);
  // A menu left open closes on a click or a focus elsewhere, as menus do.
  useEffect(() => {
    if (!menuOpen) return;
    const away = (event: Event) => {
      if (!tools.current?.contains(event.target as Node)) setMenuOpen(false);
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('focusin', away);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('focusin', away);
    };
  }, [menuOpen]);
  const role = session ? t(`roles.${session.user.role}`) : '';
  return (
    <header className="app-header">
      <p className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('app.tagline')}</span>
        <span className="brand-product">{t('app.name')}</span>
      </p>
      {session && view && <MainNav role={session.user.role} current={view} />}
      <div className="header-tools" ref={tools} onKeyDown={(event) => event.key === 'Escape' && setMenuOpen(false)}>
        {session && viewsOf(session.user.role).includes('inbox') && (
          <InboxBadge key={session.user.username} username={session.user.username} current={view === 'inbox'} />
        )}
        {session && (
          <p className="current-user">
            <span className="visually-hidden">{t('header.user')}</span>
            <span className="current-user-name" data-testid="user-name" title={session.user.name}>{session.user.name}</span>
            <span className="role-badge" data-role={session.user.role} data-testid="user-role" title={role}>
              {role}
            </span>
          </p>
        )}
        {session && (
          <button
            type="button"
            className="button button-quiet button-icon header-menu-toggle"
            aria-expanded={menuOpen}
            aria-controls={menuId}
            aria-label={t('header.menu')}
            title={t('header.menu')}
            onClick={() => setMenuOpen(!menuOpen)}
          >
            <span aria-hidden="true">⋯</span>
          </button>
        )}
        <div id={menuId} className={session ? 'header-menu' : 'header-menu header-menu-plain'} data-open={menuOpen}>
          <LanguageSwitch />
          {session && (
            <button type="button" className="button button-quiet" onClick={() => void auth.signOut()}>
              {t('header.signOut')}
            </button>
          )}
        </div>
      </div>
    </header>
  );
}

/** The top bar: the app's name, the views of the role, who is signed in (name and role), the language switch, sign-out. */
import { useTranslation } from 'react-i18next';
import { useServices, useSession } from '../services.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { MainNav } from './MainNav.tsx';
import type { SignedInView } from './navigation.ts';

export function AppHeader({ view }: { view: SignedInView | undefined }) {
  const { t } = useTranslation();
  const { auth } = useServices();
  const { session } = useSession();
  return (
    <header className="app-header">
      <p className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('app.tagline')}</span>
        <span className="brand-product">{t('app.name')}</span>
      </p>
      {session && view && <MainNav role={session.user.role} current={view} />}
      <div className="header-tools">
        {session && (
          <p className="current-user">
            <span className="visually-hidden">{t('header.user')}</span>
            <span className="current-user-name" data-testid="user-name">{session.user.name}</span>
            <span className="role-badge" data-role={session.user.role} data-testid="user-role">
              {t(`roles.${session.user.role}`)}
            </span>
          </p>
        )}
        <LanguageSwitch />
        {session && (
          <button type="button" className="button button-quiet" onClick={() => void auth.signOut()}>
            {t('header.signOut')}
          </button>
        )}
      </div>
    </header>
  );
}

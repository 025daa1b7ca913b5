/** The app's shell: the header, then the login page or the map, by session. */
import { useTranslation } from 'react-i18next';
import { LoginPage } from './auth/LoginPage.tsx';
import { AppHeader } from './layout/AppHeader.tsx';
import { MapPage } from './map/MapPage.tsx';
import { useSession } from './services.tsx';

export function App() {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppHeader />
      {/* A new user gets a new map: nothing of the previous jurisdiction survives. */}
      {session ? <MapPage key={session.user.username} /> : <LoginPage />}
    </div>
  );
}

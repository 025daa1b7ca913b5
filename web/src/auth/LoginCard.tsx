/**
 * The sign-in pages' card (the local demo's and the cloud's): the title, the intro and why the
 * last session ended, then the page's own controls.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../services.tsx';

export function LoginCard({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { ended } = useSession();
  return (
    <main id="main" className="login-page">
      <section className="login-card" aria-labelledby="login-title">
        <h1 id="login-title">{title}</h1>
        <p className="login-intro">{intro}</p>
        {ended && (
          <p className="notice" role="status">
            {t(`login.ended.${ended}`)}
          </p>
        )}
        {children}
      </section>
    </main>
  );
}

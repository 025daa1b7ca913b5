/**
 * The cloud's sign-in page: one button to the user pool's hosted UI. When Cognito sends the
 * browser back with a code, the page completes the sign-in (the session starts and the app
 * shows the role's home view) or says why it could not.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../services.tsx';
import type { CognitoAuthAdapter } from './cognito.ts';

export function CognitoSignIn({ auth }: { auth: CognitoAuthAdapter }) {
  const { t } = useTranslation();
  const { ended } = useSession();
  const [completing, setCompleting] = useState(() => new URL(window.location.href).searchParams.has('code'));
  const [failure, setFailure] = useState<unknown>();

  useEffect(() => {
    auth.completeSignIn(window.location.href).then(
      () => setCompleting(false),
      (error: unknown) => {
        setFailure(error);
        setCompleting(false);
      },
    );
  }, [auth]);

  return (
    <main id="main" className="login-page">
      <section className="login-card" aria-labelledby="login-title">
        <h1 id="login-title">{t('login.cognito.title')}</h1>
        <p className="login-intro">{t('login.cognito.intro')}</p>
        {ended && (
          <p className="notice" role="status">
            {t(`login.ended.${ended}`)}
          </p>
        )}
        {failure !== undefined && (
          <div className="notice notice-error" role="alert">
            <p>
              <strong>{t('login.failed')}</strong> {failure instanceof Error ? failure.message : String(failure)}
            </p>
          </div>
        )}
        <p className="login-status" role="status" aria-live="polite">
          {completing ? t('login.signingIn') : ''}
        </p>
        <button
          type="button"
          className="button"
          disabled={completing}
          onClick={() => auth.signIn().catch((error: unknown) => setFailure(error))}
        >
          {t('login.cognito.signIn')}
        </button>
      </section>
    </main>
  );
}

/**
 * The cloud's sign-in page: one button to the user pool's hosted UI. When Cognito sends the
 * browser back with a code, the page completes the sign-in (the session starts and the app
 * shows the role's home view) or says, in its own words, that it could not: the error text a
 * callback URL carries is anyone's to write, so it is never shown.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import type { CognitoAuthAdapter } from './adapter.ts';
import { LoginCard } from './LoginCard.tsx';

export function CognitoSignIn({ auth }: { auth: CognitoAuthAdapter }) {
  const { t } = useTranslation();
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
    <LoginCard title={t('login.cognito.title')} intro={t('login.cognito.intro')}>
      {failure !== undefined && <ErrorNotice title={t('login.failed')} error={failure} />}
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
    </LoginCard>
  );
}

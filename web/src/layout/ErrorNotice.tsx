/** A failed load or action, said in the user's language, with a retry when one makes sense. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { NetworkError, ProblemError, UnauthorizedError, ApiError } from '../api/errors.ts';
import { SignInError } from '../auth/adapter.ts';

function describeError(t: TFunction, error: unknown): string {
  if (error instanceof NetworkError) return t('errors.network');
  if (error instanceof UnauthorizedError) return t('errors.unauthorized');
  if (error instanceof ApiError && error.status === 403) return t('errors.forbidden');
  if (error instanceof ApiError && error.status === 404) return t('errors.notFound');
  // A 4xx problem's detail says what was wrong with the request (field names included).
  if (error instanceof ProblemError && error.status < 500) return error.problem.detail ?? error.problem.title;
  if (error instanceof ApiError) return t('errors.server', { status: error.status });
  // A sign-in's own message may quote a callback URL's text, which anyone can write.
  if (error instanceof SignInError) return t('errors.signIn');
  return t('errors.unknown');
}

export function ErrorNotice({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{title}</strong> {describeError(t, error)}
      </p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      )}
    </div>
  );
}

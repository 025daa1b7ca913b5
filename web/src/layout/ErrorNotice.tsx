/** A failed load or action, said in the user's language, with a retry when one makes sense. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { SignInError } from '../auth/adapter.ts';
import { apiErrorWords } from './error-words.ts';

function describeError(t: TFunction, error: unknown): string {
  if (error instanceof SignInError) {
    // A sign-in's own message may quote a callback URL's text, which anyone can write.
    return t('errors.signIn');
  }
  return apiErrorWords(t, error) ?? t('errors.unknown');
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

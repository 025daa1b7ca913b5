/**
 * A failed API call said in the user's language, for whatever shows it: the React app's
 * ErrorNotice and the resident page's own notice (web/src/resident/, no React) say every
 * failure in the same words, from one list.
 */
import type { TFunction } from 'i18next';
import { ApiError, NetworkError, ProblemError, UnauthorizedError } from '../api/errors.ts';

/** What went wrong with an API call; undefined when `error` is not an API call's failure. */
export function apiErrorWords(t: TFunction, error: unknown): string | undefined {
  if (error instanceof NetworkError) return t('errors.network');
  if (error instanceof UnauthorizedError) return t('errors.unauthorized');
  if (error instanceof ApiError && error.status === 403) return t('errors.forbidden');
  if (error instanceof ApiError && error.status === 404) return t('errors.notFound');
  // A 4xx problem's detail says what was wrong with the request (field names included).
  if (error instanceof ProblemError && error.status < 500) return error.problem.detail ?? error.problem.title;
  if (error instanceof ApiError) return t('errors.server', { status: error.status });
  return undefined;
}

/**
 * Why a resident's link (a report link `/r/{token}`, a household's link `/h/{token}`) cannot be
 * used, read from the problem the public route answered with: both routes refuse alike (404 bad
 * or revoked, 410 expired or released, 429 too many calls), so both pages say it alike.
 */
import { ApiError, ProblemError } from '../api/errors.ts';

export type LinkState = 'invalid' | 'revoked' | 'expired' | 'released' | 'busy';

export function linkStateOf(error: unknown): LinkState | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 404) return error instanceof ProblemError && error.problem.code === 'link.refused.revoked' ? 'revoked' : 'invalid';
  if (error.status === 410) return error instanceof ProblemError && error.problem.code === 'link.released' ? 'released' : 'expired';
  if (error.status === 429) return 'busy';
  return undefined;
}

/**
 * An order step the API refused with 409, said in the view's own words from the problem's `code`
 * (as the tasks view says its conflicts, web/src/tasks/SyncStatus.tsx): someone else took it (by
 * name), it has moved on to another status, someone else holds it. The names and the status come
 * from the order read again after the refusal, so the words say how it stands now; anything else
 * is left to the app's usual error notice.
 */
import type { TFunction } from 'i18next';
import { ProblemError } from '../api/errors.ts';
import type { Order, OrderAction } from './data.ts';

/** The API's codes for an order's conflicts, each with the words that say it. */
const CONFLICT_WORDS: Readonly<Record<string, string>> = {
  'order.taken': 'taken',
  'order.wrong-status': 'wrongStatus',
  'order.not-holder': 'notHolder',
};

/** Whether the view says this refusal in its own words (then it reads the order again first). */
export const isOrderConflict = (error: unknown): error is ProblemError =>
  error instanceof ProblemError && error.status === 409 && error.problem.code !== undefined && error.problem.code in CONFLICT_WORDS;

/** The refusal in words; `now` is the order read again (undefined when that read failed too). */
export function conflictWords(t: TFunction, error: ProblemError, action: OrderAction, now: Order | undefined): string {
  const words = CONFLICT_WORDS[error.problem.code ?? ''];
  const someone = t('orders.conflict.someone');
  const step = t(`orders.steps.${action}`);
  if (words === 'taken') return t('orders.conflict.taken', { name: now?.acceptedByName ?? someone });
  if (words === 'notHolder') return t('orders.conflict.notHolder', { name: now?.acceptedByName ?? someone, step });
  if (words === 'wrongStatus' && now) return t('orders.conflict.wrongStatus', { status: t(`orders.status.${now.status}`), step });
  return error.problem.detail ?? error.problem.title;
}

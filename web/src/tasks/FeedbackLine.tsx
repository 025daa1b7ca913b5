/**
 * What the last task action came to, in a live region: done, kept to send later (待确认), or what
 * went wrong, kindly — in sweep words for grid workers, round words for disinfection staff.
 */
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import type { Feedback } from './useTaskAction.ts';

const DONE = { claim: 'claimed', extend: 'extended', release: 'released', complete: 'completed' } as const;

export type Words = 'sweep' | 'rounds';

export function FeedbackLine({ feedback, words = 'sweep' }: { feedback: Feedback | undefined; words?: Words }) {
  const { t } = useTranslation();
  if (!feedback) return null;
  if (feedback.kind === 'error') return <ErrorNotice title={t('tasks.feedback.failed')} error={feedback.error} />;
  if (feedback.kind === 'done') {
    const said = DONE[feedback.action];
    return (
      <p className="notice task-feedback" role="status" data-feedback={said}>
        {said === 'claimed' ? t(`tasks.feedback.claimed.${words}`) : t(`tasks.feedback.${said}`)}
      </p>
    );
  }
  if (feedback.kind === 'queued') {
    return (
      <p className="notice task-feedback" role="status" data-feedback="queued" data-action={feedback.action}>
        {t(`tasks.feedback.queued.${feedback.action}`)}
      </p>
    );
  }
  return (
    <p className="notice notice-warning task-feedback" role="alert" data-feedback={feedback.kind}>
      {feedback.kind === 'conflict' ? t('tasks.feedback.conflict', { detail: feedback.detail }) : t(`tasks.feedback.${feedback.kind}`)}
    </p>
  );
}

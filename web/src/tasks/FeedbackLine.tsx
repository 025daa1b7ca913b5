/** What the last task action came to, in a live region: done, or what went wrong, kindly. */
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../layout/ErrorNotice.tsx';
import type { Feedback } from './useTaskAction.ts';

const DONE = { claim: 'claimed', extend: 'extended', release: 'released', complete: 'completed' } as const;

export function FeedbackLine({ feedback }: { feedback: Feedback | undefined }) {
  const { t } = useTranslation();
  if (!feedback) return null;
  if (feedback.kind === 'error') return <ErrorNotice title={t('tasks.feedback.failed')} error={feedback.error} />;
  if (feedback.kind === 'done') {
    return (
      <p className="notice task-feedback" role="status" data-feedback={DONE[feedback.action]}>
        {t(`tasks.feedback.${DONE[feedback.action]}`)}
      </p>
    );
  }
  return (
    <p className="notice notice-warning task-feedback" role="alert" data-feedback={feedback.kind}>
      {feedback.kind === 'conflict' ? t('tasks.feedback.conflict', { detail: feedback.detail }) : t(`tasks.feedback.${feedback.kind}`)}
    </p>
  );
}

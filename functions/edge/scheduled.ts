/**
 * The EventBridge edge of every scheduled job: a Lambda handler that logs the job's start, end
 * and duration with the Powertools logger, and lets a failure through so that Lambda records it
 * (an async invocation's error is what the Errors alarm counts and what retries act on).
 *
 * A job module declares only its work:
 *   export const handler = scheduledHandler('assignUnassigned', async (event, context, { schedule }) => { … });
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { schedules, type ScheduleName } from '#shared/catalogue/schedules.ts';
import { logger } from '../platform/logger.ts';

/** The catalogue schedule that fired, so a job need not restate its own name. */
export interface ScheduleInfo {
  readonly schedule: ScheduleName;
}

export type ScheduledJob = (event: ScheduledEvent, context: Context, info: ScheduleInfo) => Promise<void>;

/** `job` in the logs is the schedule's name in the catalogue. */
export function scheduledHandler(schedule: ScheduleName, run: ScheduledJob) {
  const { expression } = schedules[schedule];
  const job = schedule;
  return middy<ScheduledEvent, void, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event, context) => {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      logger.info('job started', { job, expression, scheduledAt: event.time });
      try {
        await run(event, context, { schedule });
      } catch (error) {
        logger.error('job failed', { job, durationMs: elapsed(), error: error as Error });
        throw error;
      }
      logger.info('job finished', { job, durationMs: elapsed() });
    });
}

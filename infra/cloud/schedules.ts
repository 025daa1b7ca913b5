/**
 * The schedules concern: one EventBridge rule per catalogue schedule, its expression as the
 * catalogue writes it (`rate(…)` or `cron(…)`), invoking the job's function.
 */
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { scheduleEntries } from './handlers.ts';
import type { Stage } from './stage.ts';

/** Async invocations retry twice on error, as Lambda does by default; said here so it is seen. */
const RETRY_ATTEMPTS = 2;

export class Schedules extends Construct {
  constructor(scope: Construct, id: string, stage: Stage, jobOf: (job: string) => IFunction) {
    super(scope, id);
    for (const [name, spec] of scheduleEntries()) {
      new Rule(this, name, {
        ruleName: stage.named(name),
        description: spec.description.slice(0, 512),
        schedule: Schedule.expression(spec.expression),
        targets: [new LambdaFunction(jobOf(spec.job), { retryAttempts: RETRY_ATTEMPTS })],
      });
    }
  }
}

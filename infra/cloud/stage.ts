/**
 * Deployment stages: what `--context stage=dev|prod` changes. Names carry the stage, so two
 * stages live side by side in one account; production keeps its data and logs longer and
 * cannot be deleted by accident.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

const STAGE_NAMES = ['dev', 'prod'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export interface Stage {
  readonly name: StageName;
  /** `cordon-dev`: the stack's name and every named resource's prefix. */
  readonly prefix: string;
  /** Deletion protection on the table and the user pool. */
  readonly deletionProtection: boolean;
  /**
   * Logs, queues and the alarm topic: retained in prod, deleted with a dev stack. Data (table,
   * keys, secrets, user pool, buckets) is not a stage's choice: it is retained in every stage.
   */
  readonly transientRemovalPolicy: RemovalPolicy;
  readonly logRetention: RetentionDays;
  /** How long the access-log bucket keeps CloudFront and S3 access logs. */
  readonly accessLogExpiry: Duration;
  readonly logLevel: 'DEBUG' | 'INFO';
  /** Cognito threat protection (Plus feature plan); off where the region does not offer it. */
  readonly threatProtection: boolean;
  /** HTTP API stage throttling: steady requests per second and burst. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** `cordon-dev-<suffix>`: the one naming rule for every named resource. */
  named(suffix: string): string;
}

const STAGES: Record<StageName, Omit<Stage, 'name' | 'prefix' | 'named' | 'threatProtection'>> = {
  dev: {
    deletionProtection: false,
    transientRemovalPolicy: RemovalPolicy.DESTROY,
    logRetention: RetentionDays.ONE_WEEK,
    accessLogExpiry: Duration.days(30),
    logLevel: 'DEBUG',
    throttle: { rateLimit: 50, burstLimit: 100 },
  },
  prod: {
    deletionProtection: true,
    transientRemovalPolicy: RemovalPolicy.RETAIN,
    logRetention: RetentionDays.ONE_YEAR,
    accessLogExpiry: Duration.days(365),
    logLevel: 'INFO',
    throttle: { rateLimit: 500, burstLimit: 1000 },
  },
};

/**
 * The stage from CDK context values (strings on the command line, anything in cdk.json).
 * `threatProtection=false` turns Cognito's threat protection off for regions without it.
 */
export function stageFrom(context: { stage?: unknown; threatProtection?: unknown }): Stage {
  const name = context.stage ?? 'dev';
  if (!(STAGE_NAMES as readonly unknown[]).includes(name)) {
    throw new Error(`stage must be one of ${STAGE_NAMES.join(', ')}; got ${JSON.stringify(name)}`);
  }
  const stage = name as StageName;
  const threatProtection = context.threatProtection === undefined ? true : String(context.threatProtection) !== 'false';
  const prefix = `cordon-${stage}`;
  return { name: stage, prefix, ...STAGES[stage], threatProtection, named: (suffix) => `${prefix}-${suffix}` };
}

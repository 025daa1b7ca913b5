/**
 * Settings from the environment, read once. The same variables are set by CDK in the cloud and
 * by the local runtime on this machine.
 */
import { secrets, type SecretName } from '#shared/catalogue/functions.ts';
import { DEFAULT_CASE_BUILDING_ROUND_TIMES, DEFAULT_ROUND_TIMES, parseSlots, type RoundSettings } from '#shared/domain/disinfection.ts';

export interface Config {
  readonly tableName: string;
  /** DynamoDB Local's URL; unset in the cloud. */
  readonly dynamodbEndpoint: string | undefined;
  readonly region: string;
  readonly stage: string;
  /** Check every response against its catalogue schema (local and tests). */
  readonly validateResponses: boolean;
  readonly version: string;
  /**
   * Exit settings: the clock-in grace (shared/domain/exit-rules.ts), the fever threshold
   * (shared/domain/entries.ts), and the secret that keys ID-number hashes (id-hash.ts).
   */
  readonly exits: {
    readonly clockInGraceMinutes: number;
    readonly feverThresholdC: number;
    readonly idHashKey: string;
  };
  /** The master key passes' QR tokens are signed under, per compound (functions/platform/pass-signing.ts). */
  readonly passSigningKey: string;
  /** The master key residents' links are signed under, per purpose (functions/platform/link-signing.ts). */
  readonly linkSigningKey: string;
  /** The Cognito user pool staff are created in (USER_POOL_ID); unset locally, where the local sign-in stands in. */
  readonly userPoolId: string | undefined;
  /** The name prefix of the SNS topics alert notices go out on, one per community (NOTIFY_TOPIC_PREFIX); unset locally, where the in-app inbox is the outbox. */
  readonly notifyTopicPrefix: string | undefined;
  /** Disinfection round slots in China time (DISINFECTION_ROUND_TIMES, CASE_BUILDING_ROUND_TIMES; see shared/domain/disinfection.ts). */
  readonly rounds: RoundSettings;
}

let cached: Config | undefined;

/**
 * A secret from the environment. Locally and in tests (no STAGE, or `local`) a missing one falls
 * back to `localValue`; in the cloud, which sets it from a secret, it must not: '' there.
 */
const secret = (name: SecretName, localValue: string): string =>
  process.env[secrets[name].variable] ?? (process.env.STAGE === undefined || process.env.STAGE === 'local' ? localValue : '');

export function config(): Config {
  cached ??= {
    tableName: process.env.TABLE_NAME ?? 'cordon',
    dynamodbEndpoint: process.env.DYNAMODB_ENDPOINT || undefined,
    region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'cn-north-1',
    stage: process.env.STAGE ?? 'local',
    validateResponses: (process.env.VALIDATE_RESPONSES ?? '') === 'true',
    version: process.env.CORDON_VERSION ?? '0.1.0',
    exits: {
      clockInGraceMinutes: Number(process.env.CLOCK_IN_GRACE_MINUTES ?? 15),
      feverThresholdC: Number(process.env.FEVER_THRESHOLD_C ?? 37.3),
      idHashKey: secret('idHashKey', 'cordon-local-id-hash-key'),
    },
    passSigningKey: secret('passSigningKey', 'cordon-local-pass-signing-key'),
    linkSigningKey: secret('linkSigningKey', 'cordon-local-link-signing-key'),
    userPoolId: process.env.USER_POOL_ID || undefined,
    notifyTopicPrefix: process.env.NOTIFY_TOPIC_PREFIX || undefined,
    rounds: {
      publicSlots: parseSlots(process.env.DISINFECTION_ROUND_TIMES) ?? [...DEFAULT_ROUND_TIMES],
      caseSlots: parseSlots(process.env.CASE_BUILDING_ROUND_TIMES) ?? [...DEFAULT_CASE_BUILDING_ROUND_TIMES],
    },
  };
  return cached;
}

/** For tests and the local runtime, which set the environment after import. */
export function resetConfig(): void {
  cached = undefined;
}

/**
 * The made-up account and region in the ARNs of local events (queue, rule), matching the
 * function ARNs of lambda-context.ts, so nobody mistakes them for a real account's.
 */
export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_REGION = 'local';

export const localArn = (service: 'sqs' | 'events' | 'lambda', resource: string): string =>
  `arn:aws:${service}:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${resource}`;

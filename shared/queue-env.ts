/**
 * How a function finds a queue's URL: CDK (infra/cloud/functions.ts) sets one environment
 * variable per catalogue queue the function sends to, and the SQS port
 * (functions/platform/queue.ts) reads it.
 */

/** `assignCompounds` → `QUEUE_URL_ASSIGN_COMPOUNDS`. */
export const queueUrlVariable = (queue: string): string =>
  `QUEUE_URL_${queue.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;

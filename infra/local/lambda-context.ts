/**
 * Lambda invocations in-process: the context object (with the fields Powertools reads) of the
 * function named for its module, and the function timeout.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { localArn } from './local-arn.ts';

/** The context of the function made from module `functions/<folder>/<module>.ts` (named cordon-<module>). */
export function lambdaContext(module: string, timeoutMs: number): Context {
  const functionName = `cordon-${module}`;
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: localArn('lambda', `function:${functionName}`),
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The function ran past its timeout; Lambda would have stopped it. */
export class LambdaTimeout extends Error {
  constructor(ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = 'LambdaTimeout';
  }
}

/**
 * Invokes a handler as Lambda would: with its module's context, and rejecting with LambdaTimeout
 * once its timeout has passed (the handler is abandoned, not stopped). A handler that throws
 * before returning a promise rejects like one that rejects.
 */
export async function invokeLocal<E, R>(
  handler: (event: E, context: Context) => Promise<R> | R,
  event: E,
  options: { readonly module: string; readonly timeoutMs: number },
): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LambdaTimeout(options.timeoutMs)), options.timeoutMs);
  });
  const answered = Promise.resolve().then(() => handler(event, lambdaContext(options.module, options.timeoutMs)));
  try {
    return await Promise.race([answered, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

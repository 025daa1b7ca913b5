/**
 * Gives a test file its own table on the run's DynamoDB Local and points this process's
 * handlers at it.
 */
import { randomUUID } from 'node:crypto';
import { ensureTable } from '#infra/local/bootstrap.ts';
import { pointHandlersAt } from '#infra/local/handler-env.ts';

/** A fresh table on the run's DynamoDB Local, made current for this process. */
export async function freshTable(endpoint: string): Promise<string> {
  const tableName = `test-${randomUUID().slice(0, 8)}`;
  await ensureTable(endpoint, tableName);
  pointHandlersAt(endpoint, tableName);
  return tableName;
}

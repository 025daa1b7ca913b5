/**
 * Points the handlers of this process at a table on DynamoDB Local. Handlers read their settings
 * from the environment, as in Lambda; each test file gets its own table.
 */
import { randomUUID } from 'node:crypto';
import { resetConfig } from '../../functions/lib/config.ts';
import { resetDocumentClient } from '../../functions/lib/table.ts';
import { forgetPlaces } from '../../functions/lib/places-store.ts';
import { ensureTable, LOCAL_CREDENTIALS } from '../../infra/local/bootstrap.ts';

export function useLocalTable(endpoint: string, tableName: string): void {
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.TABLE_NAME = tableName;
  process.env.AWS_REGION = 'cn-north-1';
  process.env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
  process.env.VALIDATE_RESPONSES = 'true';
  process.env.LOG_LEVEL ??= 'SILENT';
  resetConfig();
  resetDocumentClient();
  forgetPlaces();
}

/** A fresh table on the run's DynamoDB Local, made current for this process. */
export async function freshTable(endpoint: string): Promise<string> {
  const tableName = `test-${randomUUID().slice(0, 8)}`;
  await ensureTable(endpoint, tableName);
  useLocalTable(endpoint, tableName);
  return tableName;
}

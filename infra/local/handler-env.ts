/**
 * Points the handlers of this process at a table on DynamoDB Local by setting the variables they
 * read, as CDK sets them on each Lambda function, and dropping what they cached.
 */
import { resetConfig } from '#functions/platform/config.ts';
import { forgetPlaces } from '#functions/stores/places-store.ts';
import { resetDocumentClient } from '#functions/platform/table.ts';
import { LOCAL_CREDENTIALS } from './bootstrap.ts';

export function pointHandlersAt(endpoint: string, tableName: string): void {
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.TABLE_NAME = tableName;
  process.env.AWS_REGION ??= 'cn-north-1';
  process.env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
  process.env.STAGE ??= 'local';
  process.env.VALIDATE_RESPONSES ??= 'true';
  resetConfig();
  resetDocumentClient();
  forgetPlaces();
}

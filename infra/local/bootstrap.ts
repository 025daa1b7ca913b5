/**
 * Creates the table from the one definition in shared/table.ts, if it is not there yet.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  waitUntilTableExists,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { TABLE } from '#shared/table.ts';

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: process.env.AWS_REGION ?? 'cn-north-1', credentials: LOCAL_CREDENTIALS });
}

/** DynamoDB Local accepts any credentials; these keep the SDK from looking for real ones. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export async function ensureTable(endpoint: string, tableName: string): Promise<'created' | 'exists'> {
  const client = localClient(endpoint);
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return 'exists';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const indexes = Object.values(TABLE.indexes);
  const attributes = new Set<string>([TABLE.partitionKey, TABLE.sortKey]);
  for (const index of indexes) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  const globalIndexes: GlobalSecondaryIndex[] = indexes.map((index) => ({
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' },
      { AttributeName: index.sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  }));
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: globalIndexes,
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
  client.destroy();
  return 'created';
}

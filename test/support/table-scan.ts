/**
 * Reads a whole test table, to prove what a request did or did not write. Tests only: the
 * handlers never scan.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, type Item } from '#functions/platform/table.ts';
import { config } from '#functions/platform/config.ts';

export async function scanTable(): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const out = await documentClient().send(new ScanCommand({ TableName: config().tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...((out.Items ?? []) as Item[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** A stable fingerprint of the table's contents. */
export async function tableFingerprint(): Promise<string> {
  const items = await scanTable();
  return items
    .map((item) => JSON.stringify(item, (_, v: unknown) => (v instanceof Set ? [...v].sort() : v)))
    .sort()
    .join('\n');
}

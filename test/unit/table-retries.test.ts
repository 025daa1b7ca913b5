/**
 * The table's retries on shared/retry.ts, against a mocked DynamoDB: batches resend only what
 * DynamoDB left unprocessed and give up after eight tries; transactions are retried on a
 * conflict with another transaction, never on a failed condition.
 */
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { batchGet, batchWrite, resetDocumentClient, transactWithRetry, type Item } from '#functions/platform/table.ts';
import { config } from '#functions/platform/config.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const TABLE = config().tableName;
const items = (n: number): Item[] => Array.from({ length: n }, (_, i) => ({ pk: `P#${i}`, sk: 'A' }));
const puts = (list: readonly Item[]) => list.map((item) => ({ PutRequest: { Item: item } }));

beforeEach(() => {
  dynamo.reset();
  resetDocumentClient();
});
afterAll(() => dynamo.restore());

describe('batchWrite', () => {
  it('writes 25 items a call and resends only the unprocessed ones, waiting by retry number', async () => {
    const written = items(30);
    const waits: number[] = [];
    dynamo
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { [TABLE]: puts(written.slice(3, 5)) } })
      .resolves({});
    const backoffMs = (retry: number) => {
      waits.push(retry);
      return 0;
    };
    await batchWrite(written, { concurrency: 1, backoffMs });
    const sent = dynamo.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems?.[TABLE] ?? []);
    expect(sent.map((requests) => requests.length)).toEqual([25, 2, 5]);
    expect(sent[1]).toEqual(puts(written.slice(3, 5)));
    expect(waits).toEqual([1]);
  });

  it('throws after eight tries when items stay unprocessed', async () => {
    dynamo.on(BatchWriteCommand).callsFake((input: { RequestItems: Record<string, unknown[]> }) => ({ UnprocessedItems: input.RequestItems }));
    await expect(batchWrite(items(3), { backoffMs: () => 0 })).rejects.toThrow('3 items still unprocessed after 8 attempts');
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(8);
  });
});

describe('batchGet', () => {
  it('reads each key once, 100 a call, and asks again for the unprocessed keys', async () => {
    const keys = items(120).map(({ pk, sk }) => ({ pk: pk as string, sk: sk as string }));
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { [TABLE]: keys.slice(0, 98) }, UnprocessedKeys: { [TABLE]: { Keys: keys.slice(98, 100) } } })
      .resolves({ Responses: { [TABLE]: [] } });
    dynamo.on(BatchGetCommand, { RequestItems: { [TABLE]: { Keys: keys.slice(100) } } }).resolves({ Responses: { [TABLE]: keys.slice(100) } });
    dynamo.on(BatchGetCommand, { RequestItems: { [TABLE]: { Keys: keys.slice(98, 100) } } }).resolves({ Responses: { [TABLE]: keys.slice(98, 100) } });
    const found = await batchGet([...keys, keys[0]!], { concurrency: 1, backoffMs: () => 0 });
    expect(found).toHaveLength(120);
    expect(new Set(found.map((item) => item.pk)).size).toBe(120);
    expect(dynamo.commandCalls(BatchGetCommand).map((c) => c.args[0].input.RequestItems?.[TABLE]?.Keys?.length)).toEqual([100, 2, 20]);
  });
});

describe('transactWithRetry', () => {
  const conflict = Object.assign(new Error('conflict'), {
    name: 'TransactionCanceledException',
    CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
  });
  const conditionFailed = Object.assign(new Error('condition'), {
    name: 'TransactionCanceledException',
    CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'TransactionConflict' }],
  });
  const op = { put: { pk: 'P#1', sk: 'A' } };

  it('tries again while another transaction held an item', async () => {
    dynamo.on(TransactWriteCommand).rejectsOnce(conflict).rejectsOnce(conflict).resolves({});
    await transactWithRetry([op]);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('throws a failed condition at once, as DynamoDB\'s error', async () => {
    dynamo.on(TransactWriteCommand).rejects(conditionFailed);
    await expect(transactWithRetry([op])).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});

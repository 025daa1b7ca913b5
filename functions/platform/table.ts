/**
 * The one module that talks to DynamoDB. Every read and write of the table goes through these
 * functions, built on @aws-sdk/lib-dynamodb; stores above it speak in items and keys.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type QueryCommandInput,
  type TransactWriteCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { chunks, inParallel } from '#shared/parallel.ts';
import { drain, retry, type Backoff } from '#shared/retry.ts';
import { message } from '#shared/messages/message.ts';
import { TABLE, type IndexName } from '#shared/table.ts';
import { config } from './config.ts';
import { ConditionFailedError, InvalidCursorError, ItemTooLargeError, ValidationError, fieldError, type Detail } from './errors.ts';
import { itemSize, MAX_ITEM_BYTES } from './item-size.ts';

export type Item = Record<string, unknown>;
export interface Key {
  readonly pk: string;
  readonly sk: string;
}

let client: DynamoDBDocumentClient | undefined;

/** The document client, created on first use so the local runtime and tests can set the endpoint. */
export function documentClient(): DynamoDBDocumentClient {
  if (!client) {
    const { dynamodbEndpoint, region } = config();
    const base = new DynamoDBClient({ region, ...(dynamodbEndpoint ? { endpoint: dynamodbEndpoint } : {}), maxAttempts: 5 });
    client = DynamoDBDocumentClient.from(base, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }
  return client;
}

/** Drops the client, so the next call sees a new endpoint or table (tests). */
export function resetDocumentClient(): void {
  client?.destroy();
  client = undefined;
}

const tableName = () => config().tableName;

export async function getItem<T extends Item>(key: Key, options: { consistent?: boolean } = {}): Promise<T | undefined> {
  const out = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: options.consistent ?? false }),
  );
  return out.Item as T | undefined;
}

export interface ConditionalPut {
  /** e.g. `attribute_not_exists(pk)` or `version = :expected`. */
  readonly condition?: string;
  readonly values?: Record<string, unknown>;
  readonly names?: Record<string, string>;
  /** The conflict to report when the condition fails. */
  readonly conflict?: Detail;
}

export async function putItem(item: Item, options: ConditionalPut = {}): Promise<void> {
  checkItems([item]);
  try {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: item,
        ConditionExpression: options.condition,
        ExpressionAttributeValues: options.values,
        ExpressionAttributeNames: options.names,
      }),
    );
  } catch (error) {
    throw asConflict(error, options.conflict);
  }
}

export async function updateItem(
  input: Omit<UpdateCommandInput, 'TableName'>,
  conflict?: Detail,
): Promise<Item | undefined> {
  checkItems([input.ExpressionAttributeValues ?? {}]);
  try {
    const out = await documentClient().send(new UpdateCommand({ TableName: tableName(), ...input }));
    return out.Attributes;
  } catch (error) {
    throw asConflict(error, conflict);
  }
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export type TransactOp =
  | { readonly put: Item; readonly condition?: string; readonly values?: Record<string, unknown>; readonly names?: Record<string, string> }
  | { readonly update: Omit<UpdateCommandInput, 'TableName'> }
  | { readonly delete: Key; readonly condition?: string; readonly values?: Record<string, unknown> };

/** All or nothing: an entity change and its audit record land together. */
export async function transactWrite(ops: readonly TransactOp[], conflict?: Detail): Promise<void> {
  checkItems(ops.map((op) => ('put' in op ? op.put : 'update' in op ? (op.update.ExpressionAttributeValues ?? {}) : {})));
  const items: TransactItem[] = ops.map((op) =>
    'put' in op
      ? {
          Put: {
            TableName: tableName(),
            Item: op.put,
            ConditionExpression: op.condition,
            ExpressionAttributeValues: op.values,
            ExpressionAttributeNames: op.names,
          },
        }
      : 'update' in op
        ? { Update: { TableName: tableName(), ...op.update } as NonNullable<TransactItem['Update']> }
        : { Delete: { TableName: tableName(), Key: op.delete, ConditionExpression: op.condition, ExpressionAttributeValues: op.values } },
  );
  try {
    await documentClient().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    throw asConflict(error, conflict);
  }
}

/**
 * Refuses, before anything is sent, a write with an item over DynamoDB's 400 KB (for an update,
 * whose result is not known here, when its new values alone are over), or with a number DynamoDB
 * cannot store: either would fail the whole request in DynamoDB, as an untyped error.
 */
function checkItems(items: readonly Item[]): void {
  for (const item of items) {
    const size = itemSize(item);
    if (size.bytes > MAX_ITEM_BYTES) throw new ItemTooLargeError(size.largest, size.bytes, MAX_ITEM_BYTES);
    if (size.unstorable !== undefined) throw new ValidationError([fieldError(size.unstorable, message('schema.unstorable-number'))]);
  }
}

/** DynamoDB's own refusal of an item over 400 KB (an update that made it grow), as the typed failure. */
const tooLarge = (error: unknown): boolean => {
  const e = error as { name?: string; message?: string };
  return e.name === 'ValidationException' && /item size/i.test(e.message ?? '');
};

function asConflict(error: unknown, conflict: Detail | undefined): unknown {
  if (tooLarge(error)) return new ItemTooLargeError('item', undefined, MAX_ITEM_BYTES, { cause: error });
  const name = (error as { name?: string }).name;
  if (conflict && (name === 'ConditionalCheckFailedException' || transactionCancelled(error))) {
    return new ConditionFailedError(conflict, { cause: error });
  }
  return error;
}

/** Hot-counter races: the first retry waits up to 40 ms, doubling up to 1 s, eight tries in all. */
const TRANSACTION_BACKOFF: Backoff = { baseMs: 40, capMs: 1000, attempts: 8 };

interface CancelledTransaction {
  readonly name?: string;
  readonly CancellationReasons?: readonly { readonly Code?: string }[];
}

/** Whether DynamoDB cancelled the transaction (a failed condition, or a conflict retries gave up on). */
export const transactionCancelled = (error: unknown): boolean => (error as CancelledTransaction).name === 'TransactionCanceledException';

/** Which ops' conditions failed, when DynamoDB cancelled the transaction on a condition. */
export function failedConditions(error: unknown): number[] | undefined {
  if (!transactionCancelled(error)) return undefined;
  const reasons = (error as CancelledTransaction).CancellationReasons ?? [];
  const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
  return failed.length > 0 ? failed : undefined;
}

const isConflict = (error: unknown): boolean => {
  const e = error as CancelledTransaction;
  return e.name === 'TransactionConflictException' ||
    (transactionCancelled(e) && (e.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict'));
};

/**
 * transactWrite, retried with jitter while DynamoDB cancels it only because another transaction
 * held one of its items (hot counters). A failed condition is not retried: it is the caller's
 * answer, thrown as DynamoDB's error (see {@link failedConditions}).
 */
export async function transactWithRetry(ops: readonly TransactOp[]): Promise<void> {
  await retry(() => transactWrite(ops), {
    ...TRANSACTION_BACKOFF,
    retryable: (error) => isConflict(error) && !failedConditions(error),
  });
}

export interface QueryOptions {
  readonly index?: IndexName;
  readonly partition: string;
  /** Sort key between `from` and `to`, inclusive. */
  readonly between?: readonly [string, string];
  readonly beginsWith?: string;
  readonly limit?: number;
  readonly startKey?: Item;
  readonly newestFirst?: boolean;
  readonly consistent?: boolean;
  /** Only these attributes of each item (a ProjectionExpression); every one when unset. */
  readonly attributes?: readonly string[];
}

export interface QueryPage<T> {
  readonly items: T[];
  readonly lastKey: Item | undefined;
  /** Items DynamoDB read to answer, before any filter. */
  readonly scanned: number;
}

export async function queryPage<T extends Item>(options: QueryOptions): Promise<QueryPage<T>> {
  const index = options.index ? TABLE.indexes[options.index] : undefined;
  const pkName = index?.partitionKey ?? TABLE.partitionKey;
  const skName = index?.sortKey ?? TABLE.sortKey;
  let condition = '#pk = :pk';
  const values: Record<string, unknown> = { ':pk': options.partition };
  if (options.between) {
    condition += ' AND #sk BETWEEN :from AND :to';
    values[':from'] = options.between[0];
    values[':to'] = options.between[1];
  } else if (options.beginsWith !== undefined) {
    condition += ' AND begins_with(#sk, :prefix)';
    values[':prefix'] = options.beginsWith;
  }
  // Aliased, since attribute names such as `name` and `status` are DynamoDB reserved words.
  const projected = options.attributes?.map((name, i) => [`#a${i}`, name] as const);
  const input: QueryCommandInput = {
    TableName: tableName(),
    IndexName: index?.name,
    KeyConditionExpression: condition,
    ProjectionExpression: projected?.map(([alias]) => alias).join(', '),
    ExpressionAttributeNames: {
      '#pk': pkName,
      ...(options.between || options.beginsWith !== undefined ? { '#sk': skName } : {}),
      ...Object.fromEntries(projected ?? []),
    },
    ExpressionAttributeValues: values,
    Limit: options.limit,
    ExclusiveStartKey: options.startKey,
    ScanIndexForward: !options.newestFirst,
    ConsistentRead: options.consistent,
  };
  const out = await documentClient().send(new QueryCommand(input));
  return { items: (out.Items ?? []) as T[], lastKey: out.LastEvaluatedKey, scanned: out.ScannedCount ?? 0 };
}

/** Every item of a query, page by page. */
export async function queryAll<T extends Item>(options: Omit<QueryOptions, 'startKey'>): Promise<T[]> {
  const items: T[] = [];
  let startKey: Item | undefined;
  do {
    const page = await queryPage<T>({ ...options, startKey });
    items.push(...page.items);
    startKey = page.lastKey;
  } while (startKey);
  return items;
}

/** BatchWriteItem takes at most 25 items a call. */
export const BATCH_WRITE_SIZE = 25;
const BATCH_GET_SIZE = 100;
/** Unprocessed items and keys: the first retry waits up to 50 ms, doubling up to 2 s, eight tries in all. */
const BATCH_BACKOFF: Backoff = { baseMs: 50, capMs: 2000, attempts: 8 };

export interface BatchOptions {
  /** Batch calls in flight at once. */
  readonly concurrency?: number;
  /** BatchGet only: strongly consistent reads. */
  readonly consistent?: boolean;
  /** For tests: how long to wait before retry number `retry`, instead of the jittered wait. */
  readonly backoffMs?: (retry: number) => number;
}

const batchBackoff = (what: string, options: BatchOptions) => ({ ...BATCH_BACKOFF, what, delay: options.backoffMs });

/** Write requests 25 a call; UnprocessedItems are retried with backoff until done or the attempts run out (then it throws). */
async function batchRequests(requests: readonly Record<string, unknown>[], what: string, options: BatchOptions): Promise<void> {
  await inParallel(chunks(requests, BATCH_WRITE_SIZE), options.concurrency ?? 4, (chunk) =>
    drain(
      chunk,
      async (pending) => {
        const out = await documentClient().send(new BatchWriteCommand({ RequestItems: { [tableName()]: [...pending] } }));
        return (out.UnprocessedItems?.[tableName()] ?? []) as typeof pending;
      },
      batchBackoff(what, options),
    ),
  );
}

/**
 * Writes items 25 a call; UnprocessedItems are retried with exponential backoff and full jitter
 * until written or the attempts run out (then it throws: a caller must not think they landed).
 */
export async function batchWrite(items: readonly Item[], options: BatchOptions = {}): Promise<void> {
  // All checked first: a batch refused for one item writes none of them.
  checkItems(items);
  await batchRequests(items.map((item) => ({ PutRequest: { Item: item } })), 'items', options);
}

/** Deletes items by key, 25 a call, retried like batchWrite (a missing item is no error). */
export async function batchDelete(keys: readonly Key[], options: BatchOptions = {}): Promise<void> {
  await batchRequests(keys.map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } })), 'deletes', options);
}

/** Reads items by key, 100 a call, retrying unprocessed keys; missing items are absent from the result. */
export async function batchGet<T extends Item>(keys: readonly Key[], options: BatchOptions = {}): Promise<T[]> {
  const unique = [...new Map(keys.map((k) => [`${k.pk}\u0000${k.sk}`, k])).values()];
  const results = await inParallel(chunks(unique, BATCH_GET_SIZE), options.concurrency ?? 4, async (chunk) => {
    const found: T[] = [];
    await drain(
      chunk,
      async (pending) => {
        const out = await documentClient().send(
          new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: [...pending], ConsistentRead: options.consistent } } }),
        );
        found.push(...((out.Responses?.[tableName()] ?? []) as T[]));
        return (out.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Key[];
      },
      batchBackoff('keys', options),
    );
    return found;
  });
  return results.flat();
}

/**
 * Opaque page cursors. A cursor the client altered fails to decode: an InvalidCursorError, the
 * caller's fault, never a server fault.
 */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T>(token: string, check: (value: unknown) => value is T): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (check(value)) return value;
  } catch (error) {
    throw new InvalidCursorError(undefined, { cause: error });
  }
  throw new InvalidCursorError();
}

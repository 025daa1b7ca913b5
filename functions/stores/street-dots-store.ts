/**
 * A street's compounds as map dots, kept whole in one item (`STREET#<id> / DOTS`), so that the
 * city map's first view reads one item a street instead of every compound of it (issue 19: on
 * DynamoDB Local a street's ~180 compound items took most of the view's time, whatever their
 * projection).
 *
 * The item holds a `version` that every write of a compound moves (`streetDotsChanged`, after
 * the write, for the compound's street before and after), and which drops the dots with it. A
 * reader serves the dots only when they are there, and otherwise reads the street, answers from
 * that, and stores what it read, conditional on the version it saw before reading: a write that
 * landed meanwhile moved it, the store fails, and the next reader reads the street again. Dots
 * older than {@link DOTS_MAX_AGE_MS} are read again too, so a write whose version move was lost
 * (the function stopped between the two) shows on the map within that time.
 */
import { keys } from '#shared/table.ts';
import { getItem, putItem, updateItem, type Item } from '../platform/table.ts';
import { ConditionFailedError } from '../platform/errors.ts';
import { now } from '../platform/clock.ts';
import { logger } from '../platform/logger.ts';

/** How long stored dots are served, at most, without being read again. */
export const DOTS_MAX_AGE_MS = 15 * 60_000;
/** Dots are stored only up to this size; a larger street is read item by item as before (DynamoDB's limit is 400 KB). */
const DOTS_MAX_BYTES = 300_000;

/**
 * The street's dot items, from the stored dots when they are current, else from `read` (the
 * street's compounds, or undefined when they cannot be kept whole: a page too many, a compound to
 * be read whole), stored for the next reader.
 */
export async function streetDots(streetId: string, read: () => Promise<Item[] | undefined>): Promise<Item[] | undefined> {
  const key = keys.streetDots(streetId);
  const held = await getItem<Item>(key, { consistent: true });
  const builtAt = typeof held?.builtAt === 'string' ? Date.parse(held.builtAt) : Number.NaN;
  if (typeof held?.dots === 'string' && now().getTime() - builtAt < DOTS_MAX_AGE_MS) return JSON.parse(held.dots) as Item[];
  const version = typeof held?.version === 'number' ? held.version : 0;
  const dots = await read();
  if (dots === undefined) return undefined;
  const json = JSON.stringify(dots);
  if (Buffer.byteLength(json) <= DOTS_MAX_BYTES) {
    try {
      await putItem(
        { ...key, type: 'street-dots', streetId, version, dots: json, builtAt: now().toISOString() },
        { condition: 'attribute_not_exists(pk) OR version = :v', values: { ':v': version }, conflict: `a compound of street ${streetId} was written meanwhile` },
      );
    } catch (error) {
      // A compound of the street was written since the version was read: these dots may miss it.
      if (!(error instanceof ConditionFailedError)) throw error;
    }
  }
  return dots;
}

/**
 * After a compound write: the dots of its streets (before and after) are read again by the next
 * reader. The write has landed by then, so a version that cannot be moved fails nothing: it is
 * logged, and the stored dots are read again within {@link DOTS_MAX_AGE_MS} all the same.
 */
export async function streetDotsChanged(streetIds: Iterable<string | null | undefined>): Promise<void> {
  const streets = new Set([...streetIds].filter((id): id is string => typeof id === 'string'));
  await Promise.all([...streets].map(async (streetId) => {
    try {
      await updateItem({
        Key: keys.streetDots(streetId),
        UpdateExpression: 'SET #type = :type, streetId = :street ADD version :one REMOVE dots, builtAt',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'street-dots', ':street': streetId, ':one': 1 },
      });
    } catch (error) {
      logger.warn('street dots version not moved after a compound write; they are read again at their maximum age', { streetId, error: error as Error });
    }
  }));
}

/**
 * Entries at an exit (`EXIT#<exit> / ENTRY#<entryId>`), listed by day (the day in China, UTC+8)
 * from byParent (`EXITLOG#<exit>#<day>`), with hourly counters (`EXIT#<exit> / COUNT#<hour>`, ADD) and
 * pre-registered passes (`COMPOUND#<compound> / PASS#<passId>`).
 *
 * The client's entry id keys the item, so a retried registration fails its condition and answers
 * with the entry already stored instead of counting the person twice. Counters are bumped after
 * the entry lands rather than in its transaction: every entry of an exit's busy hour would
 * otherwise contend for one counter item inside transactions, which DynamoDB cancels on conflict.
 * A crash between the two leaves a count one short, never one over.
 */
import { chinaDay } from '#shared/domain/china-time.ts';
import { hourBucket } from '#shared/domain/entries.ts';
import { maskName, maskPhone } from '#shared/domain/privacy.ts';
import type { Entry, Pass } from '#shared/schemas/entry.ts';
import { indexKeys, indexSortKeys, keys } from '#shared/table.ts';
import type { HashedId } from '../platform/id-hash.ts';
import { withoutKeys } from '../platform/list-sources.ts';
import { updateItem, type Item } from '../platform/table.ts';

/** As stored: the person's name and phone kept for tracing, the ID number only hashed. */
export type StoredEntry = Omit<Entry, 'person'> & {
  readonly person?: { readonly name?: string; readonly phone?: string } & Partial<HashedId>;
};

export function entryItem(entry: StoredEntry): Item {
  return {
    ...keys.entry(entry.exitId, entry.id),
    type: 'entry',
    gsi1pk: indexKeys.entriesOfExitDay(entry.exitId, chinaDay(entry.at)),
    gsi1sk: indexSortKeys.entryAt(entry.at, entry.id),
    ...entry,
  };
}

export const storedEntryFromItem = (item: Item): StoredEntry => withoutKeys<StoredEntry>(item);

/** What a registration says; a retry must say the same (its time, staff member and warnings aside). */
const REGISTERED = [
  'direction', 'category', 'checks', 'temperatureC', 'person', 'passId', 'vehicle', 'outcome', 'refusalReason', 'escort', 'note',
] as const satisfies readonly (keyof StoredEntry)[];

/** Key order aside: the table gives maps back in its own order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  ) ?? '';

/** Whether a registration under an entry id already taken is a retry of the stored one, not another person. */
export const sameRegistration = (stored: StoredEntry, retried: StoredEntry): boolean =>
  REGISTERED.every((field) => canonical(stored[field]) === canonical(retried[field]));

/** An entry as lists show it: name and phone masked, the ID number as its last four only. */
export function entryView(entry: StoredEntry): Entry {
  const { person, ...rest } = entry;
  if (!person) return rest;
  return {
    ...rest,
    person: {
      ...(person.name ? { name: maskName(person.name) } : {}),
      ...(person.phone ? { phone: maskPhone(person.phone) } : {}),
      ...(person.idLast4 ? { idLast4: person.idLast4 } : {}),
    },
  };
}

/** Adds the entry to its hour's counters. */
export async function countEntry(entry: StoredEntry): Promise<void> {
  const hour = hourBucket(entry.at);
  await updateItem({
    Key: keys.exitHour(entry.exitId, hour),
    UpdateExpression: 'SET #type = :type, exitId = :exit, #hour = :hour ADD #dir :one, #outcome :one, #fever :fever',
    ExpressionAttributeNames: { '#type': 'type', '#hour': 'hour', '#fever': 'fever', '#dir': entry.direction, '#outcome': entry.outcome },
    ExpressionAttributeValues: { ':type': 'exit-count', ':exit': entry.exitId, ':hour': hour, ':one': 1, ':fever': entry.fever ? 1 : 0 },
  });
}

export type StoredPass = Omit<Pass, 'name'> & { readonly name: string; readonly idHash: string };

export function passItem(pass: StoredPass): Item {
  return { ...keys.pass(pass.compoundId, pass.passId), type: 'pass', ...pass };
}

export const passView = (item: Item): Pass => {
  const { idHash: _h, name, ...rest } = withoutKeys<StoredPass>(item);
  return { ...rest, name: maskName(name) };
};

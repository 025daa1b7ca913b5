/**
 * Entries at an exit (`EXIT#<exit> / ENTRY#<entryId>`), listed by day (the day in China, UTC+8)
 * from byParent (`EXITLOG#<exit>#<day>`), with hourly counters (`EXIT#<exit> / COUNT#<hour>`, ADD).
 * Passes have their own store (pass-store.ts).
 *
 * The client's entry id keys the item, so a retried registration fails its condition and answers
 * with the entry already stored instead of counting the person twice. Counters are bumped after
 * the entry lands rather than in its transaction: every entry of an exit's busy hour would
 * otherwise contend for one counter item inside transactions, which DynamoDB cancels on conflict.
 * A crash between the two leaves a count one short, never one over.
 */
import { chinaDay, utcHoursOfChinaDay } from '#shared/domain/china-time.ts';
import { hourBucket } from '#shared/domain/entries.ts';
import { canonicalJson } from '#shared/domain/ids.ts';
import { maskName, maskPhone, noteFor } from '#shared/domain/privacy.ts';
import type { Caller } from '#shared/roles.ts';
import type { Alert } from '#shared/schemas/alert.ts';
import type { Entry } from '#shared/schemas/entry.ts';
import { indexKeys, indexSortKeys, keys } from '#shared/table.ts';
import { alertOps } from './alert-store.ts';
import { ConflictError } from '../platform/errors.ts';
import type { HashedId } from '../platform/id-hash.ts';
import { withoutKeys, type Source } from '../platform/list-sources.ts';
import { getItem, putItem, queryAll, transactWrite, updateItem, type Item } from '../platform/table.ts';
import { message } from '#shared/messages/message.ts';

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
  'direction', 'category', 'checks', 'temperatureC', 'person', 'passId', 'vehicle', 'outcome', 'refusalReason', 'escort', 'note', 'returnee',
] as const satisfies readonly (keyof StoredEntry)[];

/** Whether a registration under an entry id already taken is a retry of the stored one, not another person (key order aside). */
export const sameRegistration = (stored: StoredEntry, retried: StoredEntry): boolean =>
  REGISTERED.every((field) => canonicalJson(stored[field]) === canonicalJson(retried[field]));

/**
 * An entry as lists show it: name and phone masked, the ID number as its last four only; its
 * free text (note, refusal reason) as the caller may read it (noteFor).
 */
export function entryView(entry: StoredEntry, caller: Caller): Entry {
  const { person, ...stored } = entry;
  const rest = {
    ...stored,
    ...(stored.note !== undefined ? { note: noteFor(caller, stored.note) } : {}),
    ...(stored.refusalReason !== undefined ? { refusalReason: noteFor(caller, stored.refusalReason) } : {}),
  };
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

/**
 * Registers an entry once, with the alert it raises (and the alert's audit record) in the same
 * transaction, then counts it. The entry as stored comes back: a retry of a registration that
 * landed answers the stored one and counts nothing twice; the same id with other details is
 * another registration under a reused id, a ConflictError (answering the stored one would lose it).
 */
export async function registerEntry(entry: StoredEntry, raised?: { readonly alert: Alert; readonly by: Pick<Caller, 'username' | 'role'> }): Promise<StoredEntry> {
  const once = { condition: 'attribute_not_exists(pk)', conflict: 'entry already registered' };
  try {
    // A plain conditional put when nothing rides along: half the cost of a transaction at the busiest gate.
    if (raised) await transactWrite([{ put: entryItem(entry), condition: once.condition }, ...alertOps(raised.alert, raised.by)], once.conflict);
    else await putItem(entryItem(entry), once);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const existing = await getItem<Item>(keys.entry(entry.exitId, entry.id), { consistent: true });
    if (!existing) throw error;
    const landed = storedEntryFromItem(existing);
    if (!sameRegistration(landed, entry)) {
      throw new ConflictError(message('entry.differs', { id: entry.id }), { cause: error });
    }
    return landed;
  }
  await countEntry(entry);
  return entry;
}

/** An exit's entries of one China day, in time order (one byParent partition). */
export const entriesOfDaySource = (exitId: string, day: string): Source => ({
  kind: 'query',
  query: { index: 'byParent', partition: indexKeys.entriesOfExitDay(exitId, day) },
});

/** An exit's hourly counts over the 24 hours of a China day: the hours with an entry, in order. */
export async function hourlyCounts(exitId: string, day: string) {
  const [first, last] = utcHoursOfChinaDay(day);
  const items = await queryAll<Item>({ partition: keys.exitHour(exitId, '').pk, between: [keys.exitHour(exitId, first).sk, keys.exitHour(exitId, last).sk] });
  const n = (item: Item, field: string) => (item[field] as number | undefined) ?? 0;
  return items.map((item) => ({
    hour: item.hour as string, in: n(item, 'in'), out: n(item, 'out'), admitted: n(item, 'admitted'), refused: n(item, 'refused'), fever: n(item, 'fever'),
  }));
}

/** Adds the entry to its hour's counters. */
async function countEntry(entry: StoredEntry): Promise<void> {
  const hour = hourBucket(entry.at);
  await updateItem({
    Key: keys.exitHour(entry.exitId, hour),
    UpdateExpression: 'SET #type = :type, exitId = :exit, #hour = :hour ADD #dir :one, #outcome :one, #fever :fever',
    ExpressionAttributeNames: { '#type': 'type', '#hour': 'hour', '#fever': 'fever', '#dir': entry.direction, '#outcome': entry.outcome },
    ExpressionAttributeValues: { ':type': 'exit-count', ':exit': entry.exitId, ':hour': hour, ':one': 1, ':fever': entry.fever ? 1 : 0 },
  });
}

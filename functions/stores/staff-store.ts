/**
 * The staff directory in the table (`STAFF#<username> / META`, all of it in one byParent
 * partition): an entry per user, with the places their work lies in (derived once, on write, from
 * their jurisdiction and its compounds) so a list filters by jurisdiction without reading
 * compounds. A username is taken once: creating one already there is a ConflictError.
 */
import { canonicalJson } from '#shared/domain/ids.ts';
import { staffPlaces, type StaffPlaces } from '#shared/domain/staff.ts';
import { message } from '#shared/messages/message.ts';
import type { Caller } from '#shared/roles.ts';
import type { Staff } from '#shared/schemas/staff.ts';
import { indexKeys, keys } from '#shared/table.ts';
import { auditItem } from './audit-store.ts';
import { getCompounds } from './compound-store.ts';
import { withoutKeys } from '../platform/list-sources.ts';
import { batchGet, batchWrite, getItem, queryAll, transactWrite, type Item } from '../platform/table.ts';

export interface StoredStaff extends Staff {
  readonly places: StaffPlaces;
  readonly createdAt: string;
  readonly createdBy: string;
}

function staffItem(staff: StoredStaff): Item {
  return { ...keys.staff(staff.username), gsi1pk: indexKeys.staffDirectory(), gsi1sk: staff.username, type: 'staff', ...staff };
}

const staffFromItem = (item: Item): StoredStaff => withoutKeys<StoredStaff>(item);

/** The directory entry as the API shows it (before masking). */
export const staffView = ({ username, name, role, jurisdiction, phone, notify }: Staff): Staff => ({
  username, name, role, jurisdiction, ...(phone === undefined ? {} : { phone }), ...(notify === undefined ? {} : { notify }),
});

/** Sets whether a person gets alert notices by SMS and e-mail, with its audit record; the entry as it now stands. */
export async function setStaffNotify(staff: StoredStaff, notify: boolean, caller: Pick<Caller, 'username' | 'role' | 'name'>, at: string): Promise<StoredStaff> {
  await transactWrite([
    {
      update: {
        Key: keys.staff(staff.username),
        UpdateExpression: 'SET #notify = :notify',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#notify': 'notify' },
        ExpressionAttributeValues: { ':notify': notify },
      },
    },
    {
      put: auditItem({
        entity: 'STAFF', entityId: staff.username, action: 'notify', caller, at,
        changes: { notify: { from: staff.notify ?? true, to: notify } },
      }),
    },
  ]);
  return { ...staff, notify };
}

export async function getStaff(username: string): Promise<StoredStaff | undefined> {
  const item = await getItem<Item>(keys.staff(username));
  return item ? staffFromItem(item) : undefined;
}

/** Several entries by username; those not in the directory are left out. */
export async function getStaffMembers(usernames: readonly string[]): Promise<Map<string, StoredStaff>> {
  const wanted = [...new Set(usernames)];
  if (wanted.length === 0) return new Map();
  const found = (await batchGet<Item>(wanted.map((u) => keys.staff(u)))).map(staffFromItem);
  return new Map(found.map((s) => [s.username, s]));
}

/** The whole directory, by username. */
export async function listStaff(): Promise<StoredStaff[]> {
  return (await queryAll<Item>({ index: 'byParent', partition: indexKeys.staffDirectory() })).map(staffFromItem);
}

/** Adds an entry with its audit record, only if the username is new (else a ConflictError). */
export function createStaff(staff: StoredStaff, caller: Pick<Caller, 'username' | 'role' | 'name'>): Promise<void> {
  return transactWrite(
    [
      { put: staffItem(staff), condition: 'attribute_not_exists(pk)' },
      {
        put: auditItem({
          entity: 'STAFF', entityId: staff.username, action: 'create', caller, at: staff.createdAt,
          // The phone stays out of the history: it is personal data, and the entry holds it.
          changes: { staff: { from: null, to: { name: staff.name, role: staff.role, jurisdiction: staff.jurisdiction } } },
        }),
      },
    ],
    message('staff.taken', { username: staff.username }),
  );
}

/**
 * Takes back an entry this very creation wrote (its `createdAt` says so; an entry written since
 * by another request stays), with an audit record: the sign-in the entry stood for was refused.
 */
export function removeStaff(username: string, createdAt: string, caller: Pick<Caller, 'username' | 'role' | 'name'>): Promise<void> {
  return transactWrite(
    [
      { delete: keys.staff(username), condition: 'createdAt = :at', values: { ':at': createdAt } },
      {
        put: auditItem({
          entity: 'STAFF', entityId: username, action: 'remove', caller, at: createdAt,
          changes: { staff: { from: { username }, to: null } },
        }),
      },
    ],
    message('staff.taken', { username }),
  );
}

/**
 * Writes entries for these people (the local runtime's users at each start) where the directory
 * lacks them or holds them otherwise, their places read from their compounds in one go: a restart
 * finds them in place and writes nothing, and an entry rewritten keeps when it was first written.
 */
export async function putStaff(people: readonly Staff[], at: string, by: string): Promise<void> {
  const ids = [...new Set(people.flatMap((p) => p.jurisdiction.compoundIds ?? []))];
  const [held, compounds] = await Promise.all([getStaffMembers(people.map((p) => p.username)), ids.length ? getCompounds(ids) : []]);
  const byId = new Map(compounds.map((c) => [c.id, c]));
  const written = (entry: Staff & { places: StaffPlaces }) => canonicalJson({ ...staffView(entry), places: entry.places });
  const entries = people.flatMap((person): StoredStaff[] => {
    const places = staffPlaces(person.jurisdiction, (person.jurisdiction.compoundIds ?? []).flatMap((id) => byId.get(id) ?? []));
    const was = held.get(person.username);
    const entry = { ...staffView(person), places };
    if (was && written(was) === written(entry)) return [];
    return [{ ...entry, createdAt: was?.createdAt ?? at, createdBy: was?.createdBy ?? by }];
  });
  await batchWrite(entries.map(staffItem));
}

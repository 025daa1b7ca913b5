/**
 * Enclosures (整合归并) in the table: the enclosure item (`ENCLOSURE#<id>`) and, beside each member
 * compound, a pointer to it (`COMPOUND#<c> / ENCLOSURE`), present while the compound belongs to it.
 * A compound belongs to one enclosure at most: the pointer is written only where there is none.
 */
import type { Caller } from '#shared/roles.ts';
import type { Enclosure } from '#shared/schemas/enclosure.ts';
import { keys } from '#shared/table.ts';
import { auditItem } from './audit-store.ts';
import { withoutKeys } from '../platform/list-sources.ts';
import { batchGet, getItem, transactWrite, type Item, type TransactOp } from '../platform/table.ts';

export async function getEnclosure(id: string, options: { consistent?: boolean } = {}): Promise<Enclosure | undefined> {
  const item = await getItem<Item>(keys.enclosure(id), options);
  return item ? withoutKeys<Enclosure>(item) : undefined;
}

/**
 * Writes a new enclosure with its members' pointers and an audit record per member, `with` in the
 * same transaction (the group's touch): a ConflictError, and nothing written, when the enclosure
 * exists or one of the compounds already belongs to one.
 */
export function createEnclosure(
  enclosure: Enclosure,
  caller: Pick<Caller, 'username' | 'role'>,
  at: string,
  options: { readonly with?: readonly TransactOp[] } = {},
): Promise<void> {
  return transactWrite(
    [
      { put: { ...keys.enclosure(enclosure.id), type: 'enclosure', ...enclosure }, condition: 'attribute_not_exists(pk)' },
      ...enclosure.compoundIds.flatMap((id): TransactOp[] => [
        { put: { ...keys.enclosureOf(id), type: 'enclosure-member', enclosureId: enclosure.id }, condition: 'attribute_not_exists(pk)' },
        { put: auditItem({ entity: 'COMPOUND', entityId: id, action: 'enclose', caller, at, changes: { enclosureId: { from: null, to: enclosure.id } } }) },
      ]),
      ...(options.with ?? []),
    ],
    'one of the compounds already belongs to an enclosure',
  );
}

/** The enclosure the compound belongs to, if any (read consistently: a judgement decides on it). */
export async function enclosureIdOf(compoundId: string): Promise<string | undefined> {
  const pointer = await getItem<Item>(keys.enclosureOf(compoundId), { consistent: true });
  return pointer?.enclosureId as string | undefined;
}

/** The enclosures these compounds belong to, by compound id (those in none are absent), 100 pointers a read. */
export async function enclosureIdsOf(compoundIds: readonly string[]): Promise<Map<string, string>> {
  const byPointer = new Map(compoundIds.map((id) => [keys.enclosureOf(id).pk, id]));
  const pointers = await batchGet<Item>(compoundIds.map((id) => keys.enclosureOf(id)));
  return new Map(pointers.flatMap((p) => {
    const compoundId = byPointer.get(p.pk as string);
    return compoundId ? [[compoundId, p.enclosureId as string]] : [];
  }));
}

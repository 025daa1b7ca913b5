/**
 * A compound's responsibility list (责任体系公示: street leader, community leader, responsible
 * person, with phones), one item beside the compound (`COMPOUND#<c> / RESPONSIBILITY`), shown with
 * the phones masked to callers who do not call them.
 */
import { maskPhone } from '#shared/domain/privacy.ts';
import { seesStaffPhones, type Caller } from '#shared/roles.ts';
import type { Responsibility, ResponsibilityPut } from '#shared/schemas/sealing.ts';
import { keys } from '#shared/table.ts';
import { auditItem } from './audit-store.ts';
import { withoutKeys } from '../platform/list-sources.ts';
import { batchGet, getItem, transactWrite, type Item } from '../platform/table.ts';

type StoredResponsibility = ResponsibilityPut & { readonly compoundId: string; readonly updatedAt: string; readonly updatedBy: string };

const ROLES = ['streetLeader', 'communityLeader', 'responsiblePerson'] as const;

/** The list as this caller may see it: phones masked unless they are staff who call them. */
function responsibilityView(stored: StoredResponsibility, caller: Caller): Responsibility {
  const phone = (p: { name: string; phone: string }) => (seesStaffPhones(caller) ? { name: p.name, phone: p.phone } : { name: p.name, phone: maskPhone(p.phone) });
  return {
    streetLeader: phone(stored.streetLeader), communityLeader: phone(stored.communityLeader), responsiblePerson: phone(stored.responsiblePerson),
    updatedAt: stored.updatedAt, updatedBy: stored.updatedBy,
  };
}

async function storedResponsibility(compoundId: string, options: { consistent?: boolean } = {}): Promise<StoredResponsibility | undefined> {
  const item = await getItem<Item>(keys.responsibility(compoundId), options);
  return item ? withoutKeys<StoredResponsibility>(item) : undefined;
}

/** The compound's list as the caller may see it; undefined when none was posted yet. */
export async function getResponsibility(compoundId: string, caller: Caller): Promise<Responsibility | undefined> {
  const stored = await storedResponsibility(compoundId);
  return stored ? responsibilityView(stored, caller) : undefined;
}

/**
 * The list as posted at the gate, phones in full: public by the notices' own rule (the gate
 * notice and the resident page); undefined when none was set.
 */
export async function postedResponsibility(compoundId: string): Promise<ResponsibilityPut | undefined> {
  const stored = await storedResponsibility(compoundId);
  return stored ? { streetLeader: stored.streetLeader, communityLeader: stored.communityLeader, responsiblePerson: stored.responsiblePerson } : undefined;
}

/** The lists of these compounds as the caller may see them, by compound id (100 a read). */
export async function responsibilitiesOf(compoundIds: readonly string[], caller: Caller): Promise<Map<string, Responsibility>> {
  const items = await batchGet<Item>(compoundIds.map((id) => keys.responsibility(id)));
  return new Map(items.map((item) => {
    const stored = withoutKeys<StoredResponsibility>(item);
    return [stored.compoundId, responsibilityView(stored, caller)];
  }));
}

/**
 * Replaces the compound's list, with an audit record of the names only: the phones are the
 * staff's own and the current list holds them. Returns the list as the caller sees it.
 */
export async function saveResponsibility(
  compoundId: string,
  list: ResponsibilityPut,
  caller: Caller,
  at: string,
): Promise<Responsibility> {
  const current = await storedResponsibility(compoundId, { consistent: true });
  const next: StoredResponsibility = { compoundId, ...list, updatedAt: at, updatedBy: caller.username };
  await transactWrite([
    { put: { ...keys.responsibility(compoundId), type: 'responsibility', ...next } },
    {
      put: auditItem({
        entity: 'COMPOUND', entityId: compoundId, action: 'responsibility', caller, at,
        changes: Object.fromEntries(ROLES.map((role) => [role, { from: current?.[role]?.name ?? null, to: list[role].name }])),
      }),
    },
  ]);
  return responsibilityView(next, caller);
}

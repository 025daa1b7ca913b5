/**
 * Inspection rules (督导检查, 追责问责): what a recorded inspection must say (each item once, a
 * finding for each item not in place, the responsible person a name on the compound's
 * responsibility list, a deadline ahead), its status, when it is overdue, and the accountability
 * list — per responsible person, the open findings and the missed duties. Pure.
 */
import { message, type Message } from '../messages/message.ts';
import type { AccountabilityEntry, Inspection, InspectionCreate, InspectionStatus } from '../schemas/inspection.ts';

/** A field of the request and what is wrong with it. */
export interface InspectionRefusal {
  readonly field: string;
  readonly said: Message;
}

export const RESPONSIBILITY_ROLE_KEYS = ['streetLeader', 'communityLeader', 'responsiblePerson'] as const;
export type ResponsibilityRole = (typeof RESPONSIBILITY_ROLE_KEYS)[number];
export type ResponsibilityNames = Partial<Readonly<Record<ResponsibilityRole, { readonly name: string }>>>;

/** The names on a responsibility list, in role order. */
export const namesOn = (list: ResponsibilityNames | undefined): string[] =>
  RESPONSIBILITY_ROLE_KEYS.flatMap((role) => (list?.[role]?.name ? [list[role].name] : []));

/** Everything wrong with the request, each naming its field; empty when it may be recorded. */
export function inspectionRefusals(body: InspectionCreate, responsibility: ResponsibilityNames | undefined, now: string): InspectionRefusal[] {
  const refusals: InspectionRefusal[] = [];
  const seen = new Set<string>();
  body.items.forEach((item, i) => {
    if (seen.has(item.key)) refusals.push({ field: `body.items.${i}.key`, said: message('inspection.duplicate-key', { key: item.key }) });
    seen.add(item.key);
    if (!item.ok && !item.finding) refusals.push({ field: `body.items.${i}.finding`, said: message('inspection.finding-needed') });
  });
  if (body.responsible !== undefined) {
    const names = namesOn(responsibility);
    if (names.length === 0) refusals.push({ field: 'body.responsible', said: message('inspection.no-responsibility') });
    else if (!names.includes(body.responsible)) refusals.push({ field: 'body.responsible', said: message('inspection.not-responsible', { names: names.join(', ') }) });
  }
  if (body.deadline !== undefined && Date.parse(body.deadline) <= Date.parse(now)) {
    refusals.push({ field: 'body.deadline', said: message('field.must-be-future') });
  }
  return refusals;
}

/** A new inspection is passed when every item checked is in place, else open until rectified. */
export const initialStatus = (items: InspectionCreate['items']): InspectionStatus => (items.every((i) => i.ok) ? 'passed' : 'open');

/** Open past its deadline: the overdue job flags it. */
export const isOverdue = (inspection: Pick<Inspection, 'status' | 'deadline'>, at: string): boolean =>
  inspection.status === 'open' && inspection.deadline !== undefined && Date.parse(inspection.deadline) <= Date.parse(at);

/** A compound in the accountability list's scope: its name and its responsibility list. */
export interface AccountableCompound {
  readonly id: string;
  readonly name: string;
  readonly responsibility: ResponsibilityNames | undefined;
}

/** A missed duty of a compound (a day with fewer disinfection rounds than required) or of a person on duty. */
export interface MissedDuty {
  readonly kind: 'missed_round' | 'missed_clock_in';
  readonly compoundId: string;
  readonly date: string;
  /** The person on duty by name (missed clock-ins); a compound's missed round is its responsible person's. */
  readonly name?: string;
}

/**
 * The accountability list: each open or overdue finding goes to the inspection's responsible
 * person (else the compound's 小区责任人); each missed duty to its person (else the compound's
 * responsible person). People with nothing open are left out; most open first.
 */
export function accountabilityList(
  compounds: readonly AccountableCompound[],
  inspections: readonly Inspection[],
  missed: readonly MissedDuty[],
): AccountabilityEntry[] {
  const byId = new Map(compounds.map((c) => [c.id, c]));
  const entries = new Map<string, AccountabilityEntry & { compounds: { id: string; name: string }[] }>();
  const entryOf = (name: string) => {
    let entry = entries.get(name);
    if (!entry) {
      entry = { name, roles: [], compounds: [], openFindings: 0, overdueFindings: 0, missedDuties: 0, findings: [], missed: [] };
      entries.set(name, entry);
    }
    return entry;
  };
  const place = (entry: AccountabilityEntry & { compounds: { id: string; name: string }[] }, compound: AccountableCompound) => {
    if (!entry.compounds.some((c) => c.id === compound.id)) entry.compounds.push({ id: compound.id, name: compound.name });
    for (const role of RESPONSIBILITY_ROLE_KEYS) {
      if (compound.responsibility?.[role]?.name === entry.name && !entry.roles.includes(role)) entry.roles.push(role);
    }
  };
  for (const inspection of inspections) {
    if (inspection.status !== 'open' && inspection.status !== 'overdue') continue;
    const compound = byId.get(inspection.compoundId);
    if (!compound) continue;
    const name = inspection.responsible ?? compound.responsibility?.responsiblePerson?.name;
    if (!name) continue;
    const entry = entryOf(name);
    place(entry, compound);
    for (const item of inspection.items) {
      if (item.ok) continue;
      entry.openFindings += 1;
      if (inspection.status === 'overdue') entry.overdueFindings += 1;
      entry.findings.push({
        inspectionId: inspection.id, compoundId: compound.id, compoundName: compound.name, key: item.key, status: inspection.status,
        ...(item.finding !== undefined ? { finding: item.finding } : {}),
        ...(inspection.deadline !== undefined ? { deadline: inspection.deadline } : {}),
      });
    }
  }
  for (const duty of missed) {
    const compound = byId.get(duty.compoundId);
    if (!compound) continue;
    const name = duty.name ?? compound.responsibility?.responsiblePerson?.name;
    if (!name) continue;
    const entry = entryOf(name);
    place(entry, compound);
    if (duty.kind === 'missed_clock_in' && !entry.roles.includes('duty')) entry.roles.push('duty');
    entry.missedDuties += 1;
    entry.missed.push({ kind: duty.kind, compoundId: compound.id, compoundName: compound.name, date: duty.date });
  }
  return [...entries.values()].sort(
    (a, b) => b.overdueFindings - a.overdueFindings || b.openFindings + b.missedDuties - (a.openFindings + a.missedDuties) || a.name.localeCompare(b.name),
  );
}

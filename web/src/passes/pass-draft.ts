/**
 * The issue form's draft and the request it makes: dates picked as China days (a pass admits from
 * the start of its first day to the end of its last, China time), a pass number suggested, and the
 * fields the API named in a 400 read back onto the form's own fields.
 */
import { chinaDay } from '#shared/domain/china-time.ts';
import type { PersonCategory } from '#shared/domain/entries.ts';
import type { PassCreate } from '#shared/schemas/pass.ts';
import type { Problem } from '#shared/schemas/common.ts';

/** How long a new pass admits unless changed: the 14 days of a closed-management period. */
export const DEFAULT_VALID_DAYS = 14;
const DAY_MS = 86_400_000;

export interface PassDraft {
  readonly passId: string;
  readonly name: string;
  readonly idNumber: string;
  readonly category: PersonCategory;
  readonly plate: string;
  readonly buildingId: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly returnee: boolean;
  readonly returnedAt: string;
}

export const DRAFT_FIELDS = ['passId', 'name', 'idNumber', 'category', 'plate', 'buildingId', 'validFrom', 'validUntil', 'returnedAt'] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

/** A pass number nobody typed: short enough to read out at the gate, random enough not to collide. */
export const suggestPassId = (): string => `P${crypto.randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;

export function emptyDraft(now = Date.now()): PassDraft {
  const today = chinaDay(new Date(now).toISOString());
  return {
    passId: suggestPassId(), name: '', idNumber: '', category: 'resident', plate: '', buildingId: '',
    validFrom: today, validUntil: chinaDay(new Date(now + (DEFAULT_VALID_DAYS - 1) * DAY_MS).toISOString()), returnee: false, returnedAt: '',
  };
}

/** A China day's first and last second as UTC instants (the API's timestamps are UTC). */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();
const dayLast = (day: string) => new Date(`${day}T23:59:59+08:00`).toISOString();
const isDay = (day: string) => /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00+08:00`));

/** The request, or the fields to fill first (what the API would refuse anyway, said before sending). */
export function passRequest(draft: PassDraft): { ok: true; body: PassCreate } | { ok: false; fields: DraftField[] } {
  const fields: DraftField[] = [];
  if (draft.passId.trim() === '') fields.push('passId');
  if (draft.name.trim() === '') fields.push('name');
  if (draft.idNumber.trim() === '') fields.push('idNumber');
  if (!isDay(draft.validFrom)) fields.push('validFrom');
  if (!isDay(draft.validUntil) || (isDay(draft.validFrom) && draft.validUntil < draft.validFrom)) fields.push('validUntil');
  if (draft.returnee && !isDay(draft.returnedAt)) fields.push('returnedAt');
  if (fields.length > 0) return { ok: false, fields };
  const plate = draft.plate.replace(/\s/g, '').toUpperCase();
  return {
    ok: true,
    body: {
      passId: draft.passId.trim(), name: draft.name.trim(), idNumber: draft.idNumber.trim().toUpperCase(), category: draft.category,
      ...(plate ? { plate } : {}),
      ...(draft.buildingId ? { buildingId: draft.buildingId } : {}),
      validFrom: dayStart(draft.validFrom), validUntil: dayLast(draft.validUntil),
      ...(draft.returnee ? { returnedAt: dayStart(draft.returnedAt) } : {}),
    },
  };
}

/** The API's field errors on the form's fields (`body.validUntil` → validUntil), with the API's own words. */
export function problemFields(problem: Problem): Map<DraftField, string> {
  const said = new Map<DraftField, string>();
  for (const error of problem.errors ?? []) {
    const field = error.field.replace(/^body\./, '').split('.')[0] as DraftField;
    if ((DRAFT_FIELDS as readonly string[]).includes(field) && !said.has(field)) said.set(field, error.message);
  }
  return said;
}

/**
 * Enrolment of a person under care, however it comes — by hand, from a sweep visit's flags, from a
 * returnee's gate entry, from an imported list: the building must be the compound's (and, for a
 * grid worker, of their grid), the cadre a staff member of the directory; the period starts on
 * the day given (today in China by default) and an observation category gets its report link.
 * The caller's jurisdiction over the compound is checked before (functions/edge/access.ts).
 */
import { randomUUID } from 'node:crypto';
import { chinaDay } from '#shared/domain/china-time.ts';
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import { normaliseName, stableHash } from '#shared/domain/ids.ts';
import { isObservationCategory } from '#shared/domain/observation.ts';
import { message } from '#shared/messages/message.ts';
import type { Caller } from '#shared/roles.ts';
import type { PersonCreate } from '#shared/schemas/person.ts';
import { ForbiddenError, ValidationError, fieldError, type FieldError } from '../platform/errors.ts';
import { hashIdNumber } from '../platform/id-hash.ts';
import { observationSettings } from '../platform/observation-settings.ts';
import { getBuilding } from '../stores/compound-store.ts';
import { enrolPerson, periodFor, type StoredPerson } from '../stores/people-store.ts';
import { writeSlotsDue } from '../stores/slot-due-store.ts';
import { getStaff } from '../stores/staff-store.ts';

/**
 * The person's id: from the visit or entry that prompted the enrolment (so a resent enrolment
 * from it finds the person already there, a 409), else new.
 */
function personIdFor(input: PersonCreate): string {
  if (input.visitId) return `pp_${stableHash(`visit:${input.visitId}:${normaliseName(input.name)}`)}`;
  if (input.entryId) return personIdOfEntry(input.entryId);
  return `pp_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

/** The person a returnee's gate entry enrolled (a resent entry answers with it). */
export const personIdOfEntry = (entryId: string): string => `pp_${stableHash(`entry:${entryId}`)}`;

/**
 * Checks what enrolment names (field errors under `prefix`, `body.` for the API) and enrols: the
 * person as stored and, for observation categories, the report link's token (shown once).
 */
export async function enrol(
  input: PersonCreate, compound: CompoundRecord, caller: Caller, at: string, prefix = 'body.',
  /** The person's id when the caller makes it (an imported list's row, so importing it again finds them). */
  id?: string,
): Promise<{ person: StoredPerson; reportToken?: string }> {
  const errors: FieldError[] = [];
  const today = chinaDay(at);
  const [building, cadre] = await Promise.all([
    getBuilding(compound.id, input.buildingId),
    input.pairedWith === undefined ? undefined : getStaff(input.pairedWith),
  ]);
  if (!building) errors.push(fieldError(`${prefix}buildingId`, message('access.no-building', { building: input.buildingId, compound: compound.id })));
  if (input.pairedWith !== undefined && !cadre) errors.push(fieldError(`${prefix}pairedWith`, message('person.no-staff')));
  if (input.startDate !== undefined && input.startDate > today) errors.push(fieldError(`${prefix}startDate`, message('person.start-future', { today })));
  if (errors.length > 0) throw new ValidationError(errors);
  const gridId = building!.gridId ?? compound.gridIds[0] ?? null;
  if (caller.role === 'grid' && gridId !== caller.jurisdiction.gridId) throw new ForbiddenError(message('person.building-other-grid', { id: input.buildingId }));

  const { idNumber, startDate, ...rest } = input;
  const observation = isObservationCategory(input.category) ? periodFor(input.category, startDate ?? today) : undefined;
  const person: StoredPerson = {
    ...rest,
    id: id ?? personIdFor(input),
    ...(idNumber ? hashIdNumber(idNumber) : {}),
    compoundName: compound.name, buildingName: building!.name,
    communityId: compound.communityId, streetId: compound.streetId, gridId,
    status: observation ? 'under_observation' : 'registered',
    ...(observation ? { period: observation.period, testsDue: observation.testsDue } : {}),
    createdAt: at, createdBy: caller.username,
  };
  const enrolled = await enrolPerson(person, caller);
  // The judgement job's index of slots due (after the transaction: a period may have more slots
  // than a transaction holds). Here, not in the people store: the slot-due store reads people.
  if (person.period) await writeSlotsDue(person, observationSettings().windows);
  return enrolled;
}

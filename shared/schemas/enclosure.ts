/**
 * Enclosures (整合归并): several small compounds or single buildings merged behind one fence with
 * shared exits. The exit rules then count the open exits of all members together, against the
 * enclosure's area (declared, or the members' areas summed).
 */
import { schemaMessage } from '../messages/message.ts';
import * as z from '../zod.ts';
import { DynamoNumber, Id, Timestamp } from './common.ts';

export const EnclosureCreate = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  compoundIds: z.array(Id).check(z.minLength(2, 'an enclosure merges at least two compounds'), z.maxLength(20)),
  areaM2: z.optional(DynamoNumber.check(z.positive(), z.lte(50_000_000))),
}).check(z.refine((e) => new Set(e.compoundIds).size === e.compoundIds.length, { ...schemaMessage('schema.compound-twice'), path: ['compoundIds'] })).register(z.globalRegistry, { id: 'EnclosureCreate' });
export type EnclosureCreate = z.infer<typeof EnclosureCreate>;

export const Enclosure = z.object({
  id: Id,
  name: z.string(),
  compoundIds: z.array(Id),
  areaM2: DynamoNumber.check(z.nonnegative()),
  areaSource: z.enum(['declared', 'members']),
  communityId: z.nullable(Id),
  streetId: z.nullable(Id),
  createdAt: Timestamp,
  createdBy: z.string(),
}).register(z.globalRegistry, { id: 'Enclosure' });
export type Enclosure = z.infer<typeof Enclosure>;
export const EnclosureIdParams = z.object({ id: Id });

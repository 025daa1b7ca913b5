/**
 * Enclosures (整合归并): several small compounds or single buildings merged behind one fence with
 * shared exits. The exit rules then count the open exits of all members together, against the
 * enclosure's area (declared, or the members' areas summed).
 */
import { schemaMessage } from '../messages/message.ts';
import * as z from 'zod';
import { DynamoNumber, Id, Timestamp } from './common.ts';

export const EnclosureCreate = z
  .object({
    name: z.string().trim().min(1).max(100),
    compoundIds: z.array(Id).min(2, 'an enclosure merges at least two compounds').max(20),
    areaM2: DynamoNumber.positive().max(50_000_000).optional(),
  })
  .strict()
  .refine((e) => new Set(e.compoundIds).size === e.compoundIds.length, { ...schemaMessage('schema.compound-twice'), path: ['compoundIds'] })
  .meta({ id: 'EnclosureCreate' });
export type EnclosureCreate = z.infer<typeof EnclosureCreate>;

export const Enclosure = z
  .object({
    id: Id,
    name: z.string(),
    compoundIds: z.array(Id),
    areaM2: DynamoNumber.nonnegative(),
    areaSource: z.enum(['declared', 'members']),
    communityId: Id.nullable(),
    streetId: Id.nullable(),
    createdAt: Timestamp,
    createdBy: z.string(),
  })
  .meta({ id: 'Enclosure' });
export type Enclosure = z.infer<typeof Enclosure>;
export const EnclosureIdParams = z.object({ id: Id });

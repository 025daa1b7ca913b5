/**
 * Sealing a compound (封闭管理 / 封控) and lifting it, and the responsibility list posted at its
 * entrance (责任体系公示): street leader, community leader, responsible person, with phones.
 */
import * as z from 'zod';
import { SEAL_LEVELS } from '../domain/sealing.ts';
import { DynamoNumber, Id, Timestamp } from './common.ts';
import { CompoundStatus } from './compound.ts';

const Reason = z.string().trim().min(1, 'say why').max(500, 'at most 500 characters');

export const SealRequest = z
  .object({ level: z.enum(SEAL_LEVELS), reason: Reason.meta({ description: 'Why, e.g. the notice or the confirmed case' }) })
  .strict()
  .meta({ id: 'SealRequest' });
export type SealRequest = z.infer<typeof SealRequest>;

export const LiftRequest = z.object({ reason: Reason }).strict().meta({ id: 'LiftRequest' });

export const SealResult = z
  .object({
    id: Id,
    status: CompoundStatus,
    from: CompoundStatus,
    reason: z.string(),
    at: Timestamp,
    by: z.string(),
    unresolvedExits: DynamoNumber.int().nonnegative().meta({ description: 'Exits of the compound that now break a rule' }),
  })
  .meta({ id: 'SealResult' });

const PersonName = z.string().trim().min(1).max(50);
/** A phone as a notice posts it (mobile, landline with "-", or a short hotline such as 12345). */
export const Phone = z.string().trim().regex(/^[\d+\-\s]{5,20}$/, 'must be a phone number');

export const ResponsiblePerson = z.object({ name: PersonName, phone: Phone }).strict();
export const ResponsibilityPut = z
  .object({
    streetLeader: ResponsiblePerson.meta({ description: '街道包保领导' }),
    communityLeader: ResponsiblePerson.meta({ description: '社区负责人' }),
    responsiblePerson: ResponsiblePerson.meta({ description: '小区责任人' }),
  })
  .strict()
  .meta({ id: 'ResponsibilityPut' });
export type ResponsibilityPut = z.infer<typeof ResponsibilityPut>;

/** As shown: phones in full to city, official and community staff, masked to everyone else. */
export const Responsibility = z
  .object({
    streetLeader: z.object({ name: z.string(), phone: z.string() }),
    communityLeader: z.object({ name: z.string(), phone: z.string() }),
    responsiblePerson: z.object({ name: z.string(), phone: z.string() }),
    updatedAt: Timestamp,
    updatedBy: z.string(),
  })
  .meta({ id: 'Responsibility' });
export type Responsibility = z.infer<typeof Responsibility>;

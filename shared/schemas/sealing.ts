/**
 * Sealing a compound (封闭管理 / 封控) and lifting it, and the responsibility list posted at its
 * entrance (责任体系公示): street leader, community leader, responsible person, with phones.
 */
import * as z from '../zod.ts';
import { SEAL_LEVELS } from '../domain/sealing.ts';
import { DynamoNumber, Id, Timestamp } from './common.ts';
import { CompoundStatus } from './compound.ts';

const Reason = z.string().check(z.trim(), z.minLength(1, 'say why'), z.maxLength(500, 'at most 500 characters'));

export const SealRequest = z.strictObject({ level: z.enum(SEAL_LEVELS), reason: Reason.clone().register(z.globalRegistry, { description: 'Why, e.g. the notice or the confirmed case' }) }).register(z.globalRegistry, { id: 'SealRequest' });
export type SealRequest = z.infer<typeof SealRequest>;

export const LiftRequest = z.strictObject({ reason: Reason }).register(z.globalRegistry, { id: 'LiftRequest' });

export const SealResult = z.object({
  id: Id,
  status: CompoundStatus,
  from: CompoundStatus,
  reason: z.string(),
  at: Timestamp,
  by: z.string(),
  unresolvedExits: DynamoNumber.check(z.int(), z.nonnegative()).register(z.globalRegistry, { description: 'Exits of the compound that now break a rule' }),
}).register(z.globalRegistry, { id: 'SealResult' });

const PersonName = z.string().check(z.trim(), z.minLength(1), z.maxLength(50));
/** A phone as a notice posts it (mobile, landline with "-", or a short hotline such as 12345). */
export const Phone = z.string().check(z.trim(), z.regex(/^[\d+\-\s]{5,20}$/, 'must be a phone number'));

export const ResponsiblePerson = z.strictObject({ name: PersonName, phone: Phone });
export const ResponsibilityPut = z.strictObject({
  streetLeader: ResponsiblePerson.clone().register(z.globalRegistry, { description: '街道包保领导' }),
  communityLeader: ResponsiblePerson.clone().register(z.globalRegistry, { description: '社区负责人' }),
  responsiblePerson: ResponsiblePerson.clone().register(z.globalRegistry, { description: '小区责任人' }),
}).register(z.globalRegistry, { id: 'ResponsibilityPut' });
export type ResponsibilityPut = z.infer<typeof ResponsibilityPut>;

/** As shown: phones in full to city, official and community staff, masked to everyone else. */
export const Responsibility = z.object({
  streetLeader: z.object({ name: z.string(), phone: z.string() }),
  communityLeader: z.object({ name: z.string(), phone: z.string() }),
  responsiblePerson: z.object({ name: z.string(), phone: z.string() }),
  updatedAt: Timestamp,
  updatedBy: z.string(),
}).register(z.globalRegistry, { id: 'Responsibility' });
export type Responsibility = z.infer<typeof Responsibility>;

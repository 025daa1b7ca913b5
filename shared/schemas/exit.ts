/**
 * Exits (出入口) of a compound. Closed management keeps one open (two for ≥ 300,000 m²); the
 * exit rules (shared/domain/exit-rules.ts) judge them, and an exit that breaks one is listed as
 * unresolved with its reasons.
 */
import { schemaMessage } from '../messages/message.ts';
import * as z from '../zod.ts';
import { BboxParam, compoundPlace, DynamoNumber, featureCollection, Id, Limit, NextToken, PointGeometry, Position, Timestamp } from './common.ts';
import { Responsibility } from './sealing.ts';

export const EXIT_STATUSES = ['open', 'sealed'] as const;
export const ExitStatus = z.enum(EXIT_STATUSES);
export const EXIT_KINDS = ['pedestrian', 'vehicle', 'mixed'] as const;
export const ExitKind = z.enum(EXIT_KINDS);

export const SEALING_METHODS = ['fence', 'iron_sheet', 'wire_mesh', 'lock'] as const;
export const SealingMethod = z.enum(SEALING_METHODS).register(z.globalRegistry, { description: 'fence 围挡 · iron_sheet 铁皮 · wire_mesh 铁丝网 · lock 上锁' });
const PhotoRef = z.string().check(z.trim(), z.minLength(1), z.maxLength(500)).register(z.globalRegistry, { description: 'Reference to a photo of the sealing (object key or URL)' });

/** How a sealed exit was sealed, and who confirmed it when. */
export const Sealing = z.object({ method: SealingMethod, confirmedAt: Timestamp, confirmedBy: z.string(), photoRef: z.optional(PhotoRef) }).register(z.globalRegistry, { id: 'Sealing' });
export type Sealing = z.infer<typeof Sealing>;

export const Exit = z.object({
  id: Id,
  compoundId: Id,
  externalId: z.optional(z.string()),
  name: z.string(),
  kind: ExitKind,
  status: ExitStatus,
  main: z.optional(z.boolean()).register(z.globalRegistry, { description: 'The designated main checkpoint: kept open before the others' }),
  restricted: z.optional(z.boolean()).register(z.globalRegistry, { description: 'Open only to medical, supply and emergency passage (lockdown), not ordinary traffic' }),
  sealing: z.optional(Sealing),
  location: z.tuple([DynamoNumber, DynamoNumber]),
  updatedAt: z.string(),
  updatedBy: z.string(),
}).register(z.globalRegistry, { id: 'Exit' });
export type Exit = z.infer<typeof Exit>;

export const ExitProperties = z.omit(Exit, { location: true, updatedAt: true, updatedBy: true });
export const ExitCollection = featureCollection(PointGeometry, ExitProperties).register(z.globalRegistry, { id: 'ExitCollection' });
export const ExitListQuery = z.object({ limit: Limit, nextToken: NextToken });

/**
 * The exit rules' codes (their judgement is shared/domain/exit-rules.ts): declared here, with the
 * API's vocabulary, so a schema never loads the rules themselves.
 */
export const EXIT_RULE_CODES = [
  'surplus_open_exit', 'seal_unconfirmed', 'no_duty_coverage', 'missed_clock_in', 'open_in_lockdown',
] as const;
export type ExitRuleCode = (typeof EXIT_RULE_CODES)[number];
export const ExitRuleCode = z.enum(EXIT_RULE_CODES);
export const ExitReason = z.object({
  code: ExitRuleCode,
  message: z.string().register(z.globalRegistry, { description: 'Why, in the caller\'s language (Accept-Language: zh → Chinese, en → English, default Chinese)' }),
  since: Timestamp,
}).register(z.globalRegistry, { id: 'ExitReason' });

/** An exit's standing under the rules, kept on the exit by every write that can change it. */
export const ExitStanding = z.object({
  unresolved: z.boolean(),
  reasons: z.array(ExitReason),
  since: z.optional(Timestamp).register(z.globalRegistry, { description: 'Unresolved since' }),
  checkedAt: z.optional(Timestamp).register(z.globalRegistry, { description: 'When the rules last judged the exit' }),
});

export const UnresolvedExit = z.object({
  id: Id,
  ...compoundPlace,
  name: z.string(),
  status: ExitStatus,
  location: Position,
  reasons: z.array(ExitReason).check(z.minLength(1)),
  since: Timestamp,
  responsible: z.optional(Responsibility),
  updatedAt: z.optional(z.string()).register(z.globalRegistry, { description: 'The exit\'s version: its ETag, for If-Match on PATCH /v1/exits/{id}, derives from it' }),
}).register(z.globalRegistry, { id: 'UnresolvedExit' });
export type UnresolvedExit = z.infer<typeof UnresolvedExit>;
export const UnresolvedExitPage = z.object({ items: z.array(UnresolvedExit), nextToken: z.optional(z.string()) });

export const UnresolvedExitQuery = z.object({
  status: z._default(z.enum(['unresolved']), 'unresolved').register(z.globalRegistry, { description: 'Only exits that break a rule are listed' }),
  bbox: z.optional(BboxParam),
  communityId: z.optional(Id),
  limit: Limit,
  nextToken: NextToken,
});
export type UnresolvedExitQuery = z.infer<typeof UnresolvedExitQuery>;

export const ExitDetail = z.extend(Exit, {
  compoundName: z.string(),
  compoundStatus: z.string(),
  communityId: z.nullable(Id),
  streetId: z.nullable(Id),
  ...ExitStanding.shape,
  responsible: z.optional(Responsibility),
}).register(z.globalRegistry, { id: 'ExitDetail' });
export type ExitDetail = z.infer<typeof ExitDetail>;

export const ExitIdParams = z.object({ id: Id });

/**
 * Opening or sealing an exit, confirming a sealing, designating the main checkpoint or
 * restricting an exit to lockdown passage. Sealing an exit without `sealing` leaves it
 * unresolved (seal_unconfirmed) until someone confirms it.
 */
export const ExitPatch = z.partial(z.strictObject({
  status: ExitStatus,
  sealing: z.strictObject({ method: SealingMethod, confirmedAt: Timestamp, photoRef: z.optional(PhotoRef) }),
  main: z.boolean(),
  restricted: z.boolean(),
})).check(z.refine((p) => Object.keys(p).length > 0, schemaMessage('schema.change-something')), z.refine((p) => !(p.status === 'open' && p.sealing), { ...schemaMessage('schema.open-no-sealing'), path: ['sealing'] })).register(z.globalRegistry, { id: 'ExitPatch' });
export type ExitPatch = z.infer<typeof ExitPatch>;

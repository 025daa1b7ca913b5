/**
 * Campaigns (大走访、大排查 sweeps; later disinfection rounds): a scope fanned out into tasks, with
 * totals, progress and the compounds whose fan-out failed. Field names are DESIGN.md's contract.
 */
import { message, schemaMessage } from '../messages/message.ts';
import * as z from '../zod.ts';
import { Day, DynamoNumber, Id, Limit, NextToken, Timestamp } from './common.ts';

export const CAMPAIGN_KINDS = ['sweep', 'disinfection'] as const;
export const CampaignKind = z.enum(CAMPAIGN_KINDS).register(z.globalRegistry, {
  description: 'sweep (大走访): a task per building; disinfection (环境消杀): a round, a task per compound\'s public areas and per case building',
});
export type CampaignKind = z.infer<typeof CampaignKind>;

export const CAMPAIGN_STATUSES = ['fanning-out', 'active', 'done', 'cancelled'] as const;
export const CampaignStatus = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

export const SCOPE_TYPES = ['city', 'street', 'community', 'grid', 'compound'] as const;
export const ScopeType = z.enum(SCOPE_TYPES);
export type ScopeType = z.infer<typeof ScopeType>;

export const CampaignScope = z.strictObject({ type: ScopeType, id: z.optional(Id) }).check(z.superRefine((scope, ctx) => {
    if (scope.type === 'city' && scope.id !== undefined) ctx.addIssue({ code: 'custom', path: ['id'], ...schemaMessage('schema.city-no-id') });
    if (scope.type !== 'city' && scope.id === undefined) ctx.addIssue({ code: 'custom', path: ['id'], ...schemaMessage('schema.scope-needs-id', { scope: message(`scope.${scope.type}`) }) });
  })).register(z.globalRegistry, { id: 'CampaignScope', description: 'The place the campaign covers; its id is omitted for the city' });
export type CampaignScope = z.infer<typeof CampaignScope>;

export const CampaignCreate = z.strictObject({ kind: CampaignKind, scope: CampaignScope, dueAt: z.optional(Timestamp) }).register(z.globalRegistry, { id: 'CampaignCreate' });
export type CampaignCreate = z.infer<typeof CampaignCreate>;

export const FailedCompound = z.object({
  compoundId: Id,
  reason: z.string(),
  at: Timestamp,
});
export type FailedCompound = z.infer<typeof FailedCompound>;

export const Count = DynamoNumber.check(z.int(), z.nonnegative());

export const Campaign = z.object({
  id: Id,
  kind: CampaignKind,
  scope: CampaignScope,
  status: CampaignStatus,
  dueAt: z.optional(Timestamp),
  totals: z.object({ buildings: Count, households: Count, tasks: Count }).register(z.globalRegistry, {
    description: 'What the campaign covers: grows while it fans out, final once it is active',
  }),
  progress: z.object({
    tasksCreated: Count,
    tasksDone: Count,
    buildingsVisited: Count.clone().register(z.globalRegistry, { description: 'Buildings with every household accounted for' }),
    householdsVisited: Count.clone().register(z.globalRegistry, { description: 'Households accounted for (seen, refused or vacant; no answer needs a revisit)' }),
    peopleSeen: Count,
  }),
  coverage: DynamoNumber.check(z.gte(0), z.lte(1)).register(z.globalRegistry, { description: 'householdsVisited / totals.households' }),
  compounds: z.object({ planned: z.nullable(Count), expanded: Count, failed: Count }).register(z.globalRegistry, {
    description: 'Fan-out progress: planned is null until the scope has been listed',
  }),
  failed: z.array(FailedCompound).register(z.globalRegistry, { description: 'Compounds whose fan-out message went to the dead-letter queue' }),
  flags: z.record(z.string(), Count).register(z.globalRegistry, { description: 'Flags raised by visits, by type, and visits with symptoms' }),
  createdAt: Timestamp,
  createdBy: z.string(),
  cancelledAt: z.optional(Timestamp),
  cancelledBy: z.optional(z.string()),
  round: z.optional(z.object({ day: Day, slot: z.string(), publicAreas: z.boolean(), caseBuildings: z.boolean(), scheduled: z.boolean() })).register(z.globalRegistry, { description: 'Disinfection: the round\'s China day and slot, what it covers, whether the schedule started it' }),
}).register(z.globalRegistry, { id: 'Campaign' });
export type Campaign = z.infer<typeof Campaign>;

export const CampaignAccepted = z.object({ id: Id }).register(z.globalRegistry, { id: 'CampaignAccepted' });
export const CampaignIdParams = z.object({ id: Id });
export const CampaignListQuery = z.object({ status: z.optional(CampaignStatus), limit: Limit, nextToken: NextToken });

export const COVERAGE_LEVELS = ['compound', 'grid', 'community'] as const;
export const CoverageLevel = z.enum(COVERAGE_LEVELS);
export type CoverageLevel = z.infer<typeof CoverageLevel>;

export const Coverage = z.object({
  level: CoverageLevel,
  id: z.string().register(z.globalRegistry, { description: 'The place id; UNASSIGNED for buildings in no grid or compounds in no community' }),
  buildings: Count,
  buildingsVisited: Count,
  households: Count,
  householdsVisited: Count,
  peopleSeen: Count,
  coverage: DynamoNumber.check(z.gte(0), z.lte(1)),
}).register(z.globalRegistry, { id: 'Coverage' });
export type Coverage = z.infer<typeof Coverage>;
export const CoverageQuery = z.object({ by: z._default(CoverageLevel, 'compound'), limit: Limit, nextToken: NextToken });

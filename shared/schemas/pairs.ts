/**
 * Vulnerable residents not reached by their paired cadre on a China day (结对帮扶): what the
 * community lists as "who was not reached today". Names are masked, and absent for officials.
 */
import * as z from '../zod.ts';
import { Day, Id, Limit, NextToken, Timestamp } from './common.ts';

export const UnreachedPair = z.object({
  day: Day,
  personId: Id,
  name: z.optional(z.string()).register(z.globalRegistry, { description: 'Masked (张**); absent for officials' }),
  compoundId: Id,
  buildingId: Id,
  communityId: z.nullable(Id),
  gridId: z.nullable(Id),
  pairedWith: z.optional(z.string()).register(z.globalRegistry, { description: 'The cadre\'s username' }),
  lastContactAt: z.optional(Timestamp),
}).register(z.globalRegistry, { id: 'UnreachedPair' });
export type UnreachedPair = z.infer<typeof UnreachedPair>;

export const UnreachedQuery = z.object({
  date: z.optional(Day).register(z.globalRegistry, { description: 'China day (default: today there, judged live; earlier days as the day-end job recorded them)' }),
  communityId: z.optional(Id),
  limit: Limit,
  nextToken: NextToken,
});
export const UnreachedPage = z.object({ date: Day, items: z.array(UnreachedPair), nextToken: z.optional(z.string()) }).register(z.globalRegistry, { id: 'UnreachedPage' });

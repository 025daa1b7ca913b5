/**
 * Vulnerable residents not reached by their paired cadre on a China day (结对帮扶): what the
 * community lists as "who was not reached today". Names are masked, and absent for officials.
 */
import * as z from 'zod';
import { Day, Id, Limit, NextToken, Timestamp } from './common.ts';

export const UnreachedPair = z
  .object({
    day: Day,
    personId: Id,
    name: z.string().optional().meta({ description: 'Masked (张**); absent for officials' }),
    compoundId: Id,
    buildingId: Id,
    communityId: Id.nullable(),
    gridId: Id.nullable(),
    pairedWith: z.string().optional().meta({ description: 'The cadre\'s username' }),
    lastContactAt: Timestamp.optional(),
  })
  .meta({ id: 'UnreachedPair' });
export type UnreachedPair = z.infer<typeof UnreachedPair>;

export const UnreachedQuery = z.object({
  date: Day.optional().meta({ description: 'China day (default: today there, judged live; earlier days as the day-end job recorded them)' }),
  communityId: Id.optional(),
  limit: Limit,
  nextToken: NextToken,
});
export const UnreachedPage = z
  .object({ date: Day, items: z.array(UnreachedPair), nextToken: z.string().optional() })
  .meta({ id: 'UnreachedPage' });

/**
 * Exits (出入口) of a compound. Closed management keeps one open (two for ≥ 300,000 m²); the
 * rules that judge them arrive with the exits issue, the registry only holds them.
 */
import { z } from 'zod';
import { Id, Limit, NextToken, PointGeometry, featureCollection } from './common.ts';

export const EXIT_STATUSES = ['open', 'sealed'] as const;
export const ExitStatus = z.enum(EXIT_STATUSES);
export const EXIT_KINDS = ['pedestrian', 'vehicle', 'mixed'] as const;
export const ExitKind = z.enum(EXIT_KINDS);

export const Exit = z
  .object({
    id: Id,
    compoundId: Id,
    externalId: z.string().optional(),
    name: z.string(),
    kind: ExitKind,
    status: ExitStatus,
    location: z.tuple([z.number(), z.number()]),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .meta({ id: 'Exit' });
export type Exit = z.infer<typeof Exit>;

export const ExitProperties = Exit.omit({ location: true, updatedAt: true, updatedBy: true });
export const ExitCollection = featureCollection(PointGeometry, ExitProperties).meta({ id: 'ExitCollection' });
export const ExitListQuery = z.object({ limit: Limit, nextToken: NextToken });

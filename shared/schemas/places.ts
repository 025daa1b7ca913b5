/**
 * The administrative places above a compound: street (街道), community (社区) and grid (网格).
 */
import * as z from 'zod';
import { AreaGeometry, Id, featureCollection } from './common.ts';

export const Street = z.object({ id: Id, name: z.string() }).meta({ id: 'Street' });
export type Street = z.infer<typeof Street>;

export const Community = z
  .object({
    id: Id,
    name: z.string(),
    streetId: Id,
    boundary: AreaGeometry.nullable().meta({ description: 'Boundary polygon, when known' }),
  })
  .meta({ id: 'Community' });
export type Community = z.infer<typeof Community>;

export const Grid = z
  .object({
    id: Id,
    name: z.string(),
    communityId: Id,
    streetId: Id,
    workers: z.array(z.string()).meta({ description: 'Usernames of the grid workers (网格员)' }),
  })
  .meta({ id: 'Grid' });
export type Grid = z.infer<typeof Grid>;

export const CommunityProperties = z.object({ id: Id, name: z.string(), streetId: Id, streetName: z.string() });
export const CommunityCollection = featureCollection(AreaGeometry.nullable(), CommunityProperties).meta({
  id: 'CommunityCollection',
});
export const CommunityListQuery = z.object({ streetId: Id.optional() });

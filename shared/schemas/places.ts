/**
 * The administrative places above a compound: street (街道), community (社区) and grid (网格).
 */
import * as z from '../zod.ts';
import { AreaGeometry, Id, featureCollection } from './common.ts';

export const Street = z.object({ id: Id, name: z.string() }).register(z.globalRegistry, { id: 'Street' });
export type Street = z.infer<typeof Street>;

export const Community = z.object({
  id: Id,
  name: z.string(),
  streetId: Id,
  boundary: z.nullable(AreaGeometry).register(z.globalRegistry, { description: 'Boundary polygon, when known' }),
}).register(z.globalRegistry, { id: 'Community' });
export type Community = z.infer<typeof Community>;

export const Grid = z.object({
  id: Id,
  name: z.string(),
  communityId: Id,
  streetId: Id,
  workers: z.array(z.string()).register(z.globalRegistry, { description: 'Usernames of the grid workers (网格员)' }),
}).register(z.globalRegistry, { id: 'Grid' });
export type Grid = z.infer<typeof Grid>;

export const CommunityProperties = z.object({ id: Id, name: z.string(), streetId: Id, streetName: z.string() });
export const CommunityCollection = featureCollection(z.nullable(AreaGeometry), CommunityProperties).register(z.globalRegistry, {
  id: 'CommunityCollection',
});
export const CommunityListQuery = z.object({ streetId: z.optional(Id) });

/**
 * Compounds (小区): the unit of closed management. Stored as WGS-84 with a polygon when known
 * and always a point (the polygon's centroid, or the point given).
 */
import { schemaMessage } from '../messages/message.ts';
import * as z from '../zod.ts';
import {
  AreaGeometry, BboxParam, CompoundArea, DynamoNumber, Id, Limit, NextToken, Position, PointGeometry, Timestamp, feature,
  featureCollection,
} from './common.ts';

/** normal → closed (封闭管理) → lockdown (封控) → lifted (解除). */
export const COMPOUND_STATUSES = ['normal', 'closed', 'lockdown', 'lifted'] as const;
export const CompoundStatus = z.enum(COMPOUND_STATUSES);
export type CompoundStatus = z.infer<typeof CompoundStatus>;

const Name = z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(100, 'at most 100 characters'));
const Address = z.string().check(z.trim(), z.maxLength(200, 'at most 200 characters'));
const ExternalId = z.string().check(z.trim(), z.minLength(1), z.maxLength(100)).register(z.globalRegistry, { description: 'Id in the source system; re-imports match on it' });
const AreaM2 = DynamoNumber.check(z.positive(), z.lte(50_000_000)).register(z.globalRegistry, { description: 'Area in m², when declared rather than computed' });

export const Compound = z.object({
  id: Id,
  externalId: z.optional(z.string()),
  name: z.string(),
  address: z.optional(z.string()),
  status: CompoundStatus,
  propertyManaged: z.boolean().register(z.globalRegistry, { description: 'Has property management (有物业); false for old/open estates' }),
  streetId: z.nullable(Id),
  communityId: z.nullable(Id),
  unassigned: z.boolean().register(z.globalRegistry, { description: 'Lies in no known community; held at city level until assigned' }),
  gridIds: z.array(Id),
  areaM2: DynamoNumber.check(z.nonnegative()),
  areaSource: z.enum(['polygon', 'declared', 'none']),
  geometry: z.nullable(AreaGeometry),
  location: Position.clone().register(z.globalRegistry, { description: 'Centroid of the polygon, or the point given' }),
  createdAt: Timestamp,
  createdBy: z.string(),
  updatedAt: Timestamp,
  updatedBy: z.string(),
  version: DynamoNumber.check(z.int(), z.positive()),
}).register(z.globalRegistry, { id: 'Compound' });
export type Compound = z.infer<typeof Compound>;

export const CompoundProperties = z.pick(Compound, {
  id: true, name: true, status: true, communityId: true, streetId: true, propertyManaged: true,
  areaM2: true, unassigned: true, gridIds: true,
}).register(z.globalRegistry, { id: 'CompoundProperties' });
export type CompoundProperties = z.infer<typeof CompoundProperties>;
/**
 * A compound in a list. With `shape=point` (a zoomed-out map's thousands of dots) only what the
 * dot needs comes back — id, name, status, community, street, grids; area, property management
 * and `unassigned` are left out (getCompound has them) and the point is rounded to 6 decimals.
 */
export const CompoundListProperties = z.partial(CompoundProperties, { propertyManaged: true, areaM2: true, unassigned: true }).register(z.globalRegistry, { id: 'CompoundListProperties' });
export type CompoundListProperties = z.infer<typeof CompoundListProperties>;

const CompoundGeometry = z.union([AreaGeometry, PointGeometry]);
export const CompoundFeature = feature(CompoundGeometry, z.omit(Compound, { geometry: true })).register(z.globalRegistry, { id: 'CompoundFeature' });
export type CompoundFeature = z.infer<typeof CompoundFeature>;
export const CompoundCollection = featureCollection(CompoundGeometry, CompoundListProperties).register(z.globalRegistry, { id: 'CompoundCollection' });
export type CompoundCollection = z.infer<typeof CompoundCollection>;

/** How a list draws each compound: its outline (area) or its centroid (point). */
export const CompoundShape = z.enum(['area', 'point']);
export type CompoundShape = z.infer<typeof CompoundShape>;

export const CompoundListQuery = z.object({
  bbox: z.optional(BboxParam),
  status: z.optional(CompoundStatus),
  communityId: z.optional(Id),
  streetId: z.optional(Id),
  unassigned: z.optional(z.pipe(z.enum(['true', 'false']), z.transform((v) => v === 'true'))),
  shape: z.optional(CompoundShape).register(z.globalRegistry, { description: 'point: each compound as its centroid (6 decimals) with id, name, status, communityId, streetId and gridIds only — a compact payload for a zoomed-out map (default area: outline and every listed property)' }),
  limit: Limit,
  nextToken: NextToken,
});
export type CompoundListQuery = z.infer<typeof CompoundListQuery>;

export const CompoundCreate = z.strictObject({
  name: Name,
  externalId: z.optional(ExternalId),
  address: z.optional(Address),
  status: z._default(CompoundStatus, 'normal'),
  propertyManaged: z._default(z.boolean(), false),
  communityId: z.optional(Id).register(z.globalRegistry, { description: 'Omit to place by point-in-polygon; unassigned if none' }),
  geometry: z.optional(CompoundArea),
  location: z.optional(Position),
  areaM2: z.optional(AreaM2),
}).check(z.refine((c) => c.geometry !== undefined || c.location !== undefined, {
    ...schemaMessage('schema.geometry-or-location'),
    path: ['geometry'],
  })).register(z.globalRegistry, { id: 'CompoundCreate' });
export type CompoundCreate = z.infer<typeof CompoundCreate>;

/** Status is not patched: sealing and lifting have their own routes, with reasons. */
export const CompoundPatch = z.partial(z.strictObject({
  name: Name,
  externalId: ExternalId,
  address: Address,
  propertyManaged: z.boolean(),
  communityId: Id.clone().register(z.globalRegistry, { description: 'Assign the compound to this community' }),
  geometry: CompoundArea,
  location: Position,
  areaM2: z.nullable(AreaM2).register(z.globalRegistry, { description: 'Declared area; null to compute from the polygon again' }),
})).check(z.refine((p) => Object.keys(p).length > 0, schemaMessage('schema.change-something'))).register(z.globalRegistry, { id: 'CompoundPatch' });
export type CompoundPatch = z.infer<typeof CompoundPatch>;

export const CompoundIdParams = z.object({ id: Id });

/**
 * Compounds (小区): the unit of closed management. Stored as WGS-84 with a polygon when known
 * and always a point (the polygon's centroid, or the point given).
 */
import { schemaMessage } from '../messages/message.ts';
import * as z from 'zod';
import {
  AreaGeometry, BboxParam, CompoundArea, DynamoNumber, Id, Limit, NextToken, Position, PointGeometry, Timestamp, feature,
  featureCollection,
} from './common.ts';

/** normal → closed (封闭管理) → lockdown (封控) → lifted (解除). */
export const COMPOUND_STATUSES = ['normal', 'closed', 'lockdown', 'lifted'] as const;
export const CompoundStatus = z.enum(COMPOUND_STATUSES);
export type CompoundStatus = z.infer<typeof CompoundStatus>;

const Name = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');
const Address = z.string().trim().max(200, 'at most 200 characters');
const ExternalId = z.string().trim().min(1).max(100).meta({ description: 'Id in the source system; re-imports match on it' });
const AreaM2 = DynamoNumber.positive().max(50_000_000).meta({ description: 'Area in m², when declared rather than computed' });

export const Compound = z
  .object({
    id: Id,
    externalId: z.string().optional(),
    name: z.string(),
    address: z.string().optional(),
    status: CompoundStatus,
    propertyManaged: z.boolean().meta({ description: 'Has property management (有物业); false for old/open estates' }),
    streetId: Id.nullable(),
    communityId: Id.nullable(),
    unassigned: z.boolean().meta({ description: 'Lies in no known community; held at city level until assigned' }),
    gridIds: z.array(Id),
    areaM2: DynamoNumber.nonnegative(),
    areaSource: z.enum(['polygon', 'declared', 'none']),
    geometry: AreaGeometry.nullable(),
    location: Position.meta({ description: 'Centroid of the polygon, or the point given' }),
    createdAt: Timestamp,
    createdBy: z.string(),
    updatedAt: Timestamp,
    updatedBy: z.string(),
    version: DynamoNumber.int().positive(),
  })
  .meta({ id: 'Compound' });
export type Compound = z.infer<typeof Compound>;

export const CompoundProperties = Compound.pick({
  id: true, name: true, status: true, communityId: true, streetId: true, propertyManaged: true,
  areaM2: true, unassigned: true, gridIds: true,
}).meta({ id: 'CompoundProperties' });
export type CompoundProperties = z.infer<typeof CompoundProperties>;
/**
 * A compound in a list. With `shape=point` (a zoomed-out map's thousands of dots) only what the
 * dot needs comes back — id, name, status, community, street, grids; area, property management
 * and `unassigned` are left out (getCompound has them) and the point is rounded to 6 decimals.
 */
export const CompoundListProperties = CompoundProperties.partial({ propertyManaged: true, areaM2: true, unassigned: true })
  .meta({ id: 'CompoundListProperties' });
export type CompoundListProperties = z.infer<typeof CompoundListProperties>;

const CompoundGeometry = z.union([AreaGeometry, PointGeometry]);
export const CompoundFeature = feature(CompoundGeometry, Compound.omit({ geometry: true })).meta({ id: 'CompoundFeature' });
export type CompoundFeature = z.infer<typeof CompoundFeature>;
export const CompoundCollection = featureCollection(CompoundGeometry, CompoundListProperties).meta({ id: 'CompoundCollection' });
export type CompoundCollection = z.infer<typeof CompoundCollection>;

/** How a list draws each compound: its outline (area) or its centroid (point). */
export const CompoundShape = z.enum(['area', 'point']);
export type CompoundShape = z.infer<typeof CompoundShape>;

export const CompoundListQuery = z.object({
  bbox: BboxParam.optional(),
  status: CompoundStatus.optional(),
  communityId: Id.optional(),
  streetId: Id.optional(),
  unassigned: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  shape: CompoundShape.optional()
    .meta({ description: 'point: each compound as its centroid (6 decimals) with id, name, status, communityId, streetId and gridIds only — a compact payload for a zoomed-out map (default area: outline and every listed property)' }),
  limit: Limit,
  nextToken: NextToken,
});
export type CompoundListQuery = z.infer<typeof CompoundListQuery>;

export const CompoundCreate = z
  .object({
    name: Name,
    externalId: ExternalId.optional(),
    address: Address.optional(),
    status: CompoundStatus.default('normal'),
    propertyManaged: z.boolean().default(false),
    communityId: Id.optional().meta({ description: 'Omit to place by point-in-polygon; unassigned if none' }),
    geometry: CompoundArea.optional(),
    location: Position.optional(),
    areaM2: AreaM2.optional(),
  })
  .strict()
  .refine((c) => c.geometry !== undefined || c.location !== undefined, {
    ...schemaMessage('schema.geometry-or-location'),
    path: ['geometry'],
  })
  .meta({ id: 'CompoundCreate' });
export type CompoundCreate = z.infer<typeof CompoundCreate>;

/** Status is not patched: sealing and lifting have their own routes, with reasons. */
export const CompoundPatch = z
  .object({
    name: Name,
    externalId: ExternalId,
    address: Address,
    propertyManaged: z.boolean(),
    communityId: Id.meta({ description: 'Assign the compound to this community' }),
    geometry: CompoundArea,
    location: Position,
    areaM2: AreaM2.nullable().meta({ description: 'Declared area; null to compute from the polygon again' }),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, schemaMessage('schema.change-something'))
  .meta({ id: 'CompoundPatch' });
export type CompoundPatch = z.infer<typeof CompoundPatch>;

export const CompoundIdParams = z.object({ id: Id });

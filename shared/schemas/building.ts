/**
 * Buildings (楼栋) with their units (单元), floors and households (户). Households are derived from
 * the layout so that "no household missed" can be checked against a known list.
 */
import * as z from 'zod';
import { AreaGeometry, DynamoNumber, Id, Limit, NextToken, PointGeometry, Position, featureCollection } from './common.ts';

export const Building = z
  .object({
    id: Id,
    compoundId: Id,
    externalId: z.string().optional(),
    name: z.string(),
    gridId: Id.nullable(),
    units: DynamoNumber.int().min(1).max(20).meta({ description: '单元 / 门栋 count' }),
    floors: DynamoNumber.int().min(1).max(120),
    householdsPerFloor: DynamoNumber.int().min(1).max(40).meta({ description: 'Households per unit per floor' }),
    households: DynamoNumber.int().nonnegative().meta({ description: 'units × floors × householdsPerFloor' }),
    location: Position,
    geometry: AreaGeometry.nullable(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .meta({ id: 'Building' });
export type Building = z.infer<typeof Building>;

export const BuildingProperties = Building.omit({ geometry: true, location: true, updatedAt: true, updatedBy: true });
export const BuildingCollection = featureCollection(z.union([AreaGeometry, PointGeometry]), BuildingProperties).meta({
  id: 'BuildingCollection',
});
export const BuildingListQuery = z.object({ limit: Limit, nextToken: NextToken });

export const Household = z.object({ id: z.string(), unit: DynamoNumber.int(), floor: DynamoNumber.int(), room: z.string() });
export type Household = z.infer<typeof Household>;

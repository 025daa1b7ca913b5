/**
 * Buildings (楼栋) with their units (单元), floors and households (户). Households are derived from
 * the layout so that "no household missed" can be checked against a known list.
 */
import * as z from '../zod.ts';
import { AreaGeometry, DynamoNumber, Id, Limit, NextToken, PointGeometry, Position, featureCollection } from './common.ts';

export const Building = z.object({
  id: Id,
  compoundId: Id,
  externalId: z.optional(z.string()),
  name: z.string(),
  gridId: z.nullable(Id),
  units: DynamoNumber.check(z.int(), z.gte(1), z.lte(20)).register(z.globalRegistry, { description: '单元 / 门栋 count' }),
  floors: DynamoNumber.check(z.int(), z.gte(1), z.lte(120)),
  householdsPerFloor: DynamoNumber.check(z.int(), z.gte(1), z.lte(40)).register(z.globalRegistry, { description: 'Households per unit per floor' }),
  households: DynamoNumber.check(z.int(), z.nonnegative()).register(z.globalRegistry, { description: 'units × floors × householdsPerFloor' }),
  location: Position,
  geometry: z.nullable(AreaGeometry),
  updatedAt: z.string(),
  updatedBy: z.string(),
}).register(z.globalRegistry, { id: 'Building' });
export type Building = z.infer<typeof Building>;

export const BuildingProperties = z.omit(Building, { geometry: true, location: true, updatedAt: true, updatedBy: true });
export const BuildingCollection = featureCollection(z.union([AreaGeometry, PointGeometry]), BuildingProperties).register(z.globalRegistry, {
  id: 'BuildingCollection',
});
export const BuildingListQuery = z.object({ limit: Limit, nextToken: NextToken });

export const Household = z.object({ id: z.string(), unit: DynamoNumber.check(z.int()), floor: DynamoNumber.check(z.int()), room: z.string() });
export type Household = z.infer<typeof Household>;

/**
 * Drop-off points (物品指定存放点): where couriers and families leave goods for a sealed
 * compound instead of passing the gate — per compound, optionally per building, with opening
 * hours and where the point is. Nothing on them is personal, so the resident page shows them too.
 */
import * as z from 'zod';
import { schemaMessage } from '../messages/message.ts';
import { Id, Position, Timestamp } from './common.ts';

const Text = (max: number) => z.string().trim().min(1).max(max);

export const DropOffLocation = z
  .object({
    description: Text(200).optional().meta({ description: 'Where it is, in words: 东门外快递架' }),
    point: Position.optional().meta({ description: '[longitude, latitude], WGS-84; within 300 m of the compound' }),
  })
  .strict()
  .refine((l) => l.description !== undefined || l.point !== undefined, {
    ...schemaMessage('schema.drop-off-where'),
    path: ['description'],
  })
  .meta({ id: 'DropOffLocation' });

export const DropOffCreate = z
  .object({
    name: Text(100).meta({ description: 'What residents call it: 东门物品存放点' }),
    hours: Text(100).optional().meta({ description: 'When goods are taken and handed out, as posted: 08:00–20:00' }),
    location: DropOffLocation.optional(),
    buildingId: Id.optional().meta({ description: 'The building it serves, when it serves one building (a building of this compound)' }),
  })
  .strict()
  .meta({ id: 'DropOffCreate' });
export type DropOffCreate = z.infer<typeof DropOffCreate>;

export const DropOffPoint = DropOffCreate.extend({
  id: Id,
  compoundId: Id,
  buildingName: z.string().optional(),
  createdAt: Timestamp,
  createdBy: z.string(),
}).meta({ id: 'DropOffPoint' });
export type DropOffPoint = z.infer<typeof DropOffPoint>;

export const DropOffPointList = z.object({ items: z.array(DropOffPoint) }).meta({ id: 'DropOffPointList' });
export const DropOffParams = z.object({ id: Id });

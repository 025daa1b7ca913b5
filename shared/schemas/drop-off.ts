/**
 * Drop-off points (物品指定存放点): where couriers and families leave goods for a sealed
 * compound instead of passing the gate — per compound, optionally per building, with opening
 * hours and where the point is. Nothing on them is personal, so the resident page shows them too.
 */
import * as z from '../zod.ts';
import { schemaMessage } from '../messages/message.ts';
import { Id, Position, Timestamp } from './common.ts';

const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const DropOffLocation = z.strictObject({
  description: z.optional(Text(200)).register(z.globalRegistry, { description: 'Where it is, in words: 东门外快递架' }),
  point: z.optional(Position).register(z.globalRegistry, { description: '[longitude, latitude], WGS-84; within 300 m of the compound' }),
}).check(z.refine((l) => l.description !== undefined || l.point !== undefined, {
    ...schemaMessage('schema.drop-off-where'),
    path: ['description'],
  })).register(z.globalRegistry, { id: 'DropOffLocation' });

export const DropOffCreate = z.strictObject({
  name: Text(100).register(z.globalRegistry, { description: 'What residents call it: 东门物品存放点' }),
  hours: z.optional(Text(100)).register(z.globalRegistry, { description: 'When goods are taken and handed out, as posted: 08:00–20:00' }),
  location: z.optional(DropOffLocation),
  buildingId: z.optional(Id).register(z.globalRegistry, { description: 'The building it serves, when it serves one building (a building of this compound)' }),
}).register(z.globalRegistry, { id: 'DropOffCreate' });
export type DropOffCreate = z.infer<typeof DropOffCreate>;

export const DropOffPoint = z.extend(DropOffCreate, {
  id: Id,
  compoundId: Id,
  buildingName: z.optional(z.string()),
  createdAt: Timestamp,
  createdBy: z.string(),
}).register(z.globalRegistry, { id: 'DropOffPoint' });
export type DropOffPoint = z.infer<typeof DropOffPoint>;

export const DropOffPointList = z.object({ items: z.array(DropOffPoint) }).register(z.globalRegistry, { id: 'DropOffPointList' });
export const DropOffParams = z.object({ id: Id });

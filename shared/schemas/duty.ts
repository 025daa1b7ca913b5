/**
 * Duty at an exit: shifts (one person, start, end), rotation templates that make the next days'
 * shifts (3 × 8 h, 2 × 12 h), clock-ins and clock-outs with time and position.
 */
import { schemaMessage } from '../messages/message.ts';
import * as z from 'zod';
import { CLOCK_IN_STATES, MAX_SHIFT_LIST_MS, MAX_SHIFT_MS } from '../domain/duty.ts';
import { DAY_MS } from '../domain/time.ts';
import { DynamoNumber, Id, LATEST_TIME, Position, Timestamp } from './common.ts';

const Person = z.string().trim().min(1).max(100).meta({ description: 'Username of the duty staff member' });

const OneShift = z
  .object({ person: Person, start: Timestamp, end: Timestamp })
  .strict()
  .refine((s) => Date.parse(s.end) > Date.parse(s.start), { ...schemaMessage('schema.end-after-start'), path: ['end'] })
  .refine((s) => Date.parse(s.end) - Date.parse(s.start) <= MAX_SHIFT_MS, { ...schemaMessage('schema.shift-24h'), path: ['end'] });

const Rotation = z
  .object({
    from: Timestamp.meta({ description: 'Start of the first shift' }),
    days: DynamoNumber.int().min(1).max(14),
    shiftHours: z.union([z.literal(8), z.literal(12), z.literal(24)]).meta({ description: '8: 3 × 8 h; 12: 2 × 12 h; 24' }),
    people: z.array(Person).min(1).max(24),
  })
  .strict()
  // Its shifts are stored too: the last must end within the range every time keeps to.
  .refine((r) => Date.parse(r.from) + r.days * DAY_MS <= Date.parse(LATEST_TIME), {
    ...schemaMessage('schema.last-shift-by', { latest: LATEST_TIME }), path: ['days'],
  });

export const ShiftCreate = z
  .union([OneShift, z.object({ rotation: Rotation }).strict()])
  .meta({ id: 'ShiftCreate', description: 'One shift, or a rotation template that makes the next days\' shifts' });
export type ShiftCreate = z.infer<typeof ShiftCreate>;

export const ClockInState = z.enum(CLOCK_IN_STATES);

export const Shift = z
  .object({
    id: Id,
    exitId: Id,
    compoundId: Id,
    person: z.string(),
    personName: z.string().optional().meta({ description: 'The person\'s name in the staff directory, so screens name people rather than accounts' }),
    start: Timestamp,
    end: Timestamp,
    clockInAt: Timestamp.optional(),
    clockInPosition: Position.optional(),
    clockOutAt: Timestamp.optional(),
    clockOutPosition: Position.optional(),
    clockIn: ClockInState,
    createdAt: Timestamp,
    createdBy: z.string(),
  })
  .meta({ id: 'Shift' });
export type Shift = z.infer<typeof Shift>;

export const ShiftsCreated = z.object({ items: z.array(Shift), created: DynamoNumber.int() }).meta({ id: 'ShiftsCreated' });

const Interval = z.object({ start: Timestamp, end: Timestamp });
export const ShiftList = z
  .object({
    items: z.array(Shift),
    gaps: z.array(Interval).meta({ description: 'Stretches of the window no shift covers' }),
    overlaps: z.array(Interval),
    missedClockIns: z.array(Shift).meta({ description: 'Shifts clocked in late or not at all (擅离职守 / 打卡不严)' }),
  })
  .meta({ id: 'ShiftList' });

export const ShiftListQuery = z
  .object({ from: Timestamp.optional(), to: Timestamp.optional() })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) > Date.parse(q.from) && Date.parse(q.to) - Date.parse(q.from) <= MAX_SHIFT_LIST_MS), {
    ...schemaMessage('schema.to-after-from'), path: ['to'],
  });

export const ClockInCreate = z
  .object({ kind: z.enum(['in', 'out']).default('in'), position: Position })
  .strict()
  .meta({ id: 'ClockInCreate', description: 'The time is the server\'s: a clock-in records when it arrived' });

export const ClockIn = z
  .object({
    kind: z.enum(['in', 'out']),
    exitId: Id,
    shiftId: Id,
    person: z.string(),
    at: Timestamp,
    position: Position,
    distanceM: DynamoNumber.nonnegative().meta({ description: 'How far from the exit the clock-in was made' }),
    clockIn: ClockInState,
  })
  .meta({ id: 'ClockIn' });
export type ClockIn = z.infer<typeof ClockIn>;

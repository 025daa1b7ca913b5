/**
 * Duty at an exit: shifts (one person, start, end), rotation templates that make the next days'
 * shifts (3 × 8 h, 2 × 12 h), clock-ins and clock-outs with time and position.
 */
import { schemaMessage } from '../messages/message.ts';
import * as z from '../zod.ts';
import { CLOCK_IN_STATES, MAX_SHIFT_LIST_MS, MAX_SHIFT_MS } from '../domain/duty.ts';
import { DAY_MS } from '../domain/time.ts';
import { DynamoNumber, Id, LATEST_TIME, Position, Timestamp } from './common.ts';

const Person = z.string().check(z.trim(), z.minLength(1), z.maxLength(100)).register(z.globalRegistry, { description: 'Username of the duty staff member' });

const OneShift = z.strictObject({ person: Person, start: Timestamp, end: Timestamp }).check(z.refine((s) => Date.parse(s.end) > Date.parse(s.start), { ...schemaMessage('schema.end-after-start'), path: ['end'] }), z.refine((s) => Date.parse(s.end) - Date.parse(s.start) <= MAX_SHIFT_MS, { ...schemaMessage('schema.shift-24h'), path: ['end'] }));

const Rotation = z.strictObject({
  from: Timestamp.clone().register(z.globalRegistry, { description: 'Start of the first shift' }),
  days: DynamoNumber.check(z.int(), z.gte(1), z.lte(14)),
  shiftHours: z.union([z.literal(8), z.literal(12), z.literal(24)]).register(z.globalRegistry, { description: '8: 3 × 8 h; 12: 2 × 12 h; 24' }),
  people: z.array(Person).check(z.minLength(1), z.maxLength(24)),
}).check(z.refine((r) => Date.parse(r.from) + r.days * DAY_MS <= Date.parse(LATEST_TIME), {
    ...schemaMessage('schema.last-shift-by', { latest: LATEST_TIME }), path: ['days'],
  }));

export const ShiftCreate = z.union([OneShift, z.strictObject({ rotation: Rotation })]).register(z.globalRegistry, { id: 'ShiftCreate', description: 'One shift, or a rotation template that makes the next days\' shifts' });
export type ShiftCreate = z.infer<typeof ShiftCreate>;

export const ClockInState = z.enum(CLOCK_IN_STATES);

export const Shift = z.object({
  id: Id,
  exitId: Id,
  compoundId: Id,
  person: z.string(),
  personName: z.optional(z.string()).register(z.globalRegistry, { description: 'The person\'s name in the staff directory, so screens name people rather than accounts' }),
  start: Timestamp,
  end: Timestamp,
  clockInAt: z.optional(Timestamp),
  clockInPosition: z.optional(Position),
  clockOutAt: z.optional(Timestamp),
  clockOutPosition: z.optional(Position),
  clockIn: ClockInState,
  createdAt: Timestamp,
  createdBy: z.string(),
}).register(z.globalRegistry, { id: 'Shift' });
export type Shift = z.infer<typeof Shift>;

export const ShiftsCreated = z.object({ items: z.array(Shift), created: DynamoNumber.check(z.int()) }).register(z.globalRegistry, { id: 'ShiftsCreated' });

const Interval = z.object({ start: Timestamp, end: Timestamp });
export const ShiftList = z.object({
  items: z.array(Shift),
  gaps: z.array(Interval).register(z.globalRegistry, { description: 'Stretches of the window no shift covers' }),
  overlaps: z.array(Interval),
  missedClockIns: z.array(Shift).register(z.globalRegistry, { description: 'Shifts clocked in late or not at all (擅离职守 / 打卡不严)' }),
}).register(z.globalRegistry, { id: 'ShiftList' });

export const ShiftListQuery = z.object({ from: z.optional(Timestamp), to: z.optional(Timestamp) }).check(z.refine((q) => !q.from || !q.to || (Date.parse(q.to) > Date.parse(q.from) && Date.parse(q.to) - Date.parse(q.from) <= MAX_SHIFT_LIST_MS), {
    ...schemaMessage('schema.to-after-from'), path: ['to'],
  }));

export const ClockInCreate = z.strictObject({ kind: z._default(z.enum(['in', 'out']), 'in'), position: Position }).register(z.globalRegistry, { id: 'ClockInCreate', description: 'The time is the server\'s: a clock-in records when it arrived' });

export const ClockIn = z.object({
  kind: z.enum(['in', 'out']),
  exitId: Id,
  shiftId: Id,
  person: z.string(),
  at: Timestamp,
  position: Position,
  distanceM: DynamoNumber.check(z.nonnegative()).register(z.globalRegistry, { description: 'How far from the exit the clock-in was made' }),
  clockIn: ClockInState,
}).register(z.globalRegistry, { id: 'ClockIn' });
export type ClockIn = z.infer<typeof ClockIn>;

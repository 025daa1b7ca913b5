/**
 * What the resident's report link answers (`/public/reports/{token}`, no login): a strict
 * allow-list — the masked name, the period, the slots' dates and statuses, which slot is open —
 * and never the phone, ID, address, reason, staff or ids (DESIGN.md "Links"; 严格保护隐私).
 */
import * as z from '../zod.ts';
import { Day, Timestamp } from './common.ts';
import { SlotName, SlotStatus } from './person.ts';

export const PublicReportParams = z.object({
  token: z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[A-Za-z0-9._-]+$/, 'must be a report link token')).register(z.globalRegistry, { description: 'The token of the report link /r/{token}' }),
});

const PublicSlot = z.strictObject({ date: Day, slot: SlotName, status: SlotStatus }).register(z.globalRegistry, { id: 'PublicSlot' });

export const PublicReportAnswer = z.strictObject({
  slot: PublicSlot,
  updated: z.boolean().register(z.globalRegistry, { description: 'true: this slot had been reported already and the resend replaced it' }),
}).register(z.globalRegistry, { id: 'PublicReportAnswer', description: 'The slot the report filled' });
export type PublicReportAnswer = z.infer<typeof PublicReportAnswer>;

export const PublicReportPage = z.strictObject({
  name: z.string().register(z.globalRegistry, { description: 'The person\'s name, masked (张**)' }),
  period: z.strictObject({ start: Day, end: Day }),
  open: z.optional(z.strictObject({ ...z.pick(PublicSlot, { date: true, slot: true }).shape, closes: Timestamp })).register(z.globalRegistry, { description: 'The slot whose window is open now (absent between windows)' }),
  next: z.optional(z.strictObject({ ...z.pick(PublicSlot, { date: true, slot: true }).shape, opens: Timestamp })).register(z.globalRegistry, { description: 'The next slot to open within the period' }),
  slots: z.array(PublicSlot).register(z.globalRegistry, { description: 'The period\'s slots, two a day, oldest first' }),
}).register(z.globalRegistry, { id: 'PublicReportPage', description: 'A report link\'s page: the masked name and the period\'s slots, nothing else' });
export type PublicReportPage = z.infer<typeof PublicReportPage>;

/**
 * What the resident's report link answers (`/public/reports/{token}`, no login): a strict
 * allow-list — the masked name, the period, the slots' dates and statuses, which slot is open —
 * and never the phone, ID, address, reason, staff or ids (DESIGN.md "Links"; 严格保护隐私).
 */
import * as z from 'zod';
import { Day, Timestamp } from './common.ts';
import { SlotName, SlotStatus } from './person.ts';

export const PublicReportParams = z.object({
  token: z.string().min(1).max(200).regex(/^[A-Za-z0-9._-]+$/, 'must be a report link token').meta({ description: 'The token of the report link /r/{token}' }),
});

const PublicSlot = z.object({ date: Day, slot: SlotName, status: SlotStatus }).strict().meta({ id: 'PublicSlot' });

export const PublicReportAnswer = z
  .object({
    slot: PublicSlot,
    updated: z.boolean().meta({ description: 'true: this slot had been reported already and the resend replaced it' }),
  })
  .strict()
  .meta({ id: 'PublicReportAnswer', description: 'The slot the report filled' });
export type PublicReportAnswer = z.infer<typeof PublicReportAnswer>;

export const PublicReportPage = z
  .object({
    name: z.string().meta({ description: 'The person\'s name, masked (张**)' }),
    period: z.object({ start: Day, end: Day }).strict(),
    open: PublicSlot.pick({ date: true, slot: true }).extend({ closes: Timestamp }).strict().optional()
      .meta({ description: 'The slot whose window is open now (absent between windows)' }),
    next: PublicSlot.pick({ date: true, slot: true }).extend({ opens: Timestamp }).strict().optional()
      .meta({ description: 'The next slot to open within the period' }),
    slots: z.array(PublicSlot).meta({ description: 'The period\'s slots, two a day, oldest first' }),
  })
  .strict()
  .meta({ id: 'PublicReportPage', description: 'A report link\'s page: the masked name and the period\'s slots, nothing else' });
export type PublicReportPage = z.infer<typeof PublicReportPage>;

/**
 * The gate notice (小区公示): a compound's hotlines (community office, property, epidemic
 * hotline — as posted, label and phone), the record that the notice was printed or posted at the
 * gate (the scorecard's "notices posted" evidence), and the public notice residents read: the
 * responsibility list and hotlines with names and phones as posted at the gate — public by the
 * notices' own rule, so kept to exactly those fields.
 */
import * as z from '../zod.ts';
import { CaseDay } from './case.ts';
import { Id, Timestamp } from './common.ts';
import { ChinaDay } from './disinfection.ts';
import { PublicCompound, PublicDropOffPoint } from './public.ts';
import { RESPONSIBILITY_ROLES } from './constants.ts';
import { Phone } from './sealing.ts';

/** How many hotlines a compound posts: the few a gate notice has room for. */
export const MAX_HOTLINES = 8;

export const Hotline = z.strictObject({
  label: z.string().check(z.trim(), z.minLength(1), z.maxLength(30)).register(z.globalRegistry, { description: 'What the line is, as posted: 社区办公室, 物业, 防疫热线', example: '社区办公室' }),
  phone: Phone,
}).register(z.globalRegistry, { id: 'Hotline' });
export type Hotline = z.infer<typeof Hotline>;

export const HotlinesPut = z.strictObject({ hotlines: z.array(Hotline).check(z.maxLength(MAX_HOTLINES)).register(z.globalRegistry, { description: `At most ${MAX_HOTLINES}, in the order posted; an empty list clears them` }) }).register(z.globalRegistry, { id: 'HotlinesPut' });
export type HotlinesPut = z.infer<typeof HotlinesPut>;

export const Hotlines = z.object({
  compoundId: Id,
  hotlines: z.array(Hotline),
  updatedAt: z.optional(Timestamp),
  updatedBy: z.optional(z.string()).register(z.globalRegistry, { description: 'Who set them, by name' }),
}).register(z.globalRegistry, { id: 'Hotlines', description: 'A compound\'s hotlines as posted at its gate; an empty list when none were set' });
export type Hotlines = z.infer<typeof Hotlines>;

/** How the notice reached the gate: printed from the app, or confirmed posted (e.g. a hand-written board). */
export const NOTICE_POSTED_HOW = ['printed', 'posted'] as const;

export const NoticePostedCreate = z.strictObject({ how: z._default(z.enum(NOTICE_POSTED_HOW), 'posted').register(z.globalRegistry, { description: 'printed: printed from the app; posted: confirmed on the board' }) }).register(z.globalRegistry, { id: 'NoticePostedCreate' });

export const NoticePosting = z.object({
  compoundId: Id,
  date: ChinaDay,
  how: z.enum(NOTICE_POSTED_HOW),
  at: Timestamp,
  by: z.string(),
  byName: z.optional(z.string()).register(z.globalRegistry, { description: 'Who, by name, as their token gave it' }),
}).register(z.globalRegistry, { id: 'NoticePosting', description: 'The gate notice printed or posted on a China day' });
export type NoticePosting = z.infer<typeof NoticePosting>;

export const NoticePostingsQuery = z.object({ date: z.optional(ChinaDay).register(z.globalRegistry, { description: 'Day in China (default today there)' }) });

export const NoticePostings = z.object({ compoundId: Id, date: ChinaDay, items: z.array(NoticePosting) }).register(z.globalRegistry, { id: 'NoticePostings', description: 'Every printing or posting of the compound\'s gate notice on a China day, oldest first' });
export type NoticePostings = z.infer<typeof NoticePostings>;

export { RESPONSIBILITY_ROLES };
export type ResponsibilityRole = (typeof RESPONSIBILITY_ROLES)[number];

export const PublicNotice = z.strictObject({
  compound: PublicCompound,
  responsibility: z.array(z.strictObject({ role: z.enum(RESPONSIBILITY_ROLES), name: z.string(), phone: z.string() })).register(z.globalRegistry, { description: 'As posted at the gate, phones in full; empty when no list was set' }),
  hotlines: z.array(z.strictObject({ label: z.string(), phone: z.string() })),
  dropOffPoints: z.array(PublicDropOffPoint),
  casesToday: CaseDay.clone().register(z.globalRegistry, { description: 'Today (China time) and its counts' }),
}).register(z.globalRegistry, { id: 'PublicNotice', description: 'A compound\'s gate notice (小区公示): only these fields' });
export type PublicNotice = z.infer<typeof PublicNotice>;

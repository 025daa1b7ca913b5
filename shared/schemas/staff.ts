/**
 * The staff directory (人员名录): one entry per user — who they are (name, phone), their role and
 * where their authority reaches — so screens and rotas name people, not account ids.
 */
import * as z from '../zod.ts';
import { ROLES } from '../roles.ts';
import { Id } from './common.ts';

/** An account name as Cognito and the local sign-in take it: lower-case, no spaces, never an e-mail. */
export const Username = z.string().check(z.regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'must be 2–63 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit')).register(z.globalRegistry, { description: 'Account name (the sign-in name)', example: 'duty-wangfu-3' });

/** A phone as people write it: digits, maybe +86, spaces or dashes between groups. */
const Phone = z.string().check(z.trim(), z.regex(/^\+?[0-9][0-9 -]{4,19}$/, 'must be a phone number: digits, optionally +, spaces or "-"')).register(z.globalRegistry, { description: 'Phone; masked (138****5678) for roles that need not call it', example: '13812345678' });

export const StaffJurisdiction = z.strictObject({
  streetId: z.optional(Id),
  communityId: z.optional(Id),
  gridId: z.optional(Id),
  compoundIds: z.optional(z.array(Id).check(z.maxLength(200))),
  exitIds: z.optional(z.array(Id).check(z.maxLength(200))),
}).register(z.globalRegistry, {
    id: 'StaffJurisdiction',
    description: 'city: none; official: streetId or communityId, or none (city-wide); community: communityId; grid: gridId; duty: compoundIds and exitIds; disinfection: compoundIds',
  });
export type StaffJurisdiction = z.infer<typeof StaffJurisdiction>;

export const StaffCreate = z.strictObject({
  username: Username,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(50)).register(z.globalRegistry, { description: 'Full name as colleagues know it' }),
  role: z.enum(ROLES),
  jurisdiction: z._default(StaffJurisdiction, {}),
  phone: z.optional(Phone),
  email: z.optional(z.email().check(z.maxLength(254))).register(z.globalRegistry, {
    description: 'Where the cloud\'s user pool sends the invitation with the temporary password (the pool requires one); not kept in the directory',
  }),
}).register(z.globalRegistry, { id: 'StaffCreate', description: 'A new staff member; in the cloud also their Cognito user, with its group, jurisdiction attributes and a temporary password' });
export type StaffCreate = z.infer<typeof StaffCreate>;

export const Staff = z.object({
  username: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  jurisdiction: StaffJurisdiction,
  phone: z.optional(z.string()),
  notify: z.optional(z.boolean()).register(z.globalRegistry, { description: 'false: this person asked not to get alert notices by SMS or e-mail (the in-app inbox still records them)' }),
}).register(z.globalRegistry, { id: 'Staff' });
export type Staff = z.infer<typeof Staff>;

export const StaffList = z.object({ items: z.array(Staff) }).register(z.globalRegistry, { id: 'StaffList' });

export const StaffParams = z.object({ username: Username });
export const StaffNotify = z.object({ notify: z.boolean().register(z.globalRegistry, { description: 'false: no alert notices by SMS or e-mail (the in-app inbox still gets them); true: notices again' }) }).register(z.globalRegistry, { id: 'StaffNotify' });
export type StaffNotify = z.infer<typeof StaffNotify>;

export const StaffListQuery = z.object({
  role: z.optional(z.enum(ROLES)),
  communityId: z.optional(Id),
  q: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(50))).register(z.globalRegistry, { description: 'Part of a name or username' }),
});

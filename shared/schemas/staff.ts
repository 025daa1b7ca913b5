/**
 * The staff directory (人员名录): one entry per user — who they are (name, phone), their role and
 * where their authority reaches — so screens and rotas name people, not account ids.
 */
import * as z from 'zod';
import { ROLES } from '../roles.ts';
import { Id } from './common.ts';

/** An account name as Cognito and the local sign-in take it: lower-case, no spaces, never an e-mail. */
export const Username = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'must be 2–63 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit')
  .meta({ description: 'Account name (the sign-in name)', example: 'duty-wangfu-3' });

/** A phone as people write it: digits, maybe +86, spaces or dashes between groups. */
const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{4,19}$/, 'must be a phone number: digits, optionally +, spaces or "-"')
  .meta({ description: 'Phone; masked (138****5678) for roles that need not call it', example: '13812345678' });

export const StaffJurisdiction = z
  .object({
    streetId: Id.optional(),
    communityId: Id.optional(),
    gridId: Id.optional(),
    compoundIds: z.array(Id).max(200).optional(),
    exitIds: z.array(Id).max(200).optional(),
  })
  .strict()
  .meta({
    id: 'StaffJurisdiction',
    description: 'city: none; official: streetId or communityId, or none (city-wide); community: communityId; grid: gridId; duty: compoundIds and exitIds; disinfection: compoundIds',
  });
export type StaffJurisdiction = z.infer<typeof StaffJurisdiction>;

export const StaffCreate = z
  .object({
    username: Username,
    name: z.string().trim().min(1).max(50).meta({ description: 'Full name as colleagues know it' }),
    role: z.enum(ROLES),
    jurisdiction: StaffJurisdiction.default({}),
    phone: Phone.optional(),
    email: z.email().max(254).optional().meta({
      description: 'Where the cloud\'s user pool sends the invitation with the temporary password (the pool requires one); not kept in the directory',
    }),
  })
  .strict()
  .meta({ id: 'StaffCreate', description: 'A new staff member; in the cloud also their Cognito user, with its group, jurisdiction attributes and a temporary password' });
export type StaffCreate = z.infer<typeof StaffCreate>;

export const Staff = z
  .object({
    username: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    jurisdiction: StaffJurisdiction,
    phone: z.string().optional(),
    notify: z.boolean().optional().meta({ description: 'false: this person asked not to get alert notices by SMS or e-mail (the in-app inbox still records them)' }),
  })
  .meta({ id: 'Staff' });
export type Staff = z.infer<typeof Staff>;

export const StaffList = z.object({ items: z.array(Staff) }).meta({ id: 'StaffList' });

export const StaffParams = z.object({ username: Username });
export const StaffNotify = z
  .object({ notify: z.boolean().meta({ description: 'false: no alert notices by SMS or e-mail (the in-app inbox still gets them); true: notices again' }) })
  .meta({ id: 'StaffNotify' });
export type StaffNotify = z.infer<typeof StaffNotify>;

export const StaffListQuery = z.object({
  role: z.enum(ROLES).optional(),
  communityId: Id.optional(),
  q: z.string().trim().min(1).max(50).optional().meta({ description: 'Part of a name or username' }),
});

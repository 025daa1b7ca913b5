/** Local-only routes: the demo users and the token issuer that stand in for Cognito. */
import * as z from '../zod.ts';
import { ROLES } from '../roles.ts';

export const LocalUser = z.object({
  username: z.string(),
  name: z.string().register(z.globalRegistry, { description: 'Display name' }),
  role: z.enum(ROLES),
  jurisdiction: z.object({
    streetId: z.optional(z.string()),
    communityId: z.optional(z.string()),
    gridId: z.optional(z.string()),
    compoundIds: z.optional(z.array(z.string())),
    exitIds: z.optional(z.array(z.string())),
  }),
}).register(z.globalRegistry, { id: 'LocalUser' });
export type LocalUser = z.infer<typeof LocalUser>;

export const LocalUserList = z.array(LocalUser);
export const TokenRequest = z.strictObject({ username: z.string().check(z.minLength(1), z.maxLength(100)) });
export const TokenResponse = z.object({ token: z.string(), expiresAt: z.string() });

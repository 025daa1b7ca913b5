/** Local-only routes: the demo users and the token issuer that stand in for Cognito. */
import * as z from 'zod';
import { ROLES } from '../roles.ts';

export const LocalUser = z
  .object({
    username: z.string(),
    name: z.string().meta({ description: 'Display name' }),
    role: z.enum(ROLES),
    jurisdiction: z.object({
      streetId: z.string().optional(),
      communityId: z.string().optional(),
      gridId: z.string().optional(),
      compoundIds: z.array(z.string()).optional(),
      exitIds: z.array(z.string()).optional(),
    }),
  })
  .meta({ id: 'LocalUser' });
export type LocalUser = z.infer<typeof LocalUser>;

export const LocalUserList = z.array(LocalUser);
export const TokenRequest = z.object({ username: z.string().min(1).max(100) }).strict();
export const TokenResponse = z.object({ token: z.string(), expiresAt: z.string() });

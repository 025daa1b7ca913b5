/**
 * Passes (出入证): issued per compound by community admins and city staff, carried as a signed QR
 * code (`qr`, layout in shared/domain/passes.ts), checked at the gate, revoked. Holders come back
 * masked (name 张**, ID number's last four); the QR text carries no personal data at all.
 */
import * as z from '../zod.ts';
import { schemaMessage } from '../messages/message.ts';
import { PASS_CHECK_REASONS } from '../domain/passes.ts';
import { Id, Limit, NextToken, Timestamp } from './common.ts';
import { IdNumber, PersonCategory, Plate } from './entry.ts';

export const PassCreate = z.strictObject({
  passId: Id,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(50)),
  idNumber: IdNumber,
  category: PersonCategory,
  plate: z.optional(Plate),
  buildingId: z.optional(Id).register(z.globalRegistry, { description: 'The holder\'s building (a building of this compound): passes are printed as a sheet per building' }),
  validFrom: z.optional(Timestamp).register(z.globalRegistry, { description: 'From when the pass admits (default: now)' }),
  validUntil: Timestamp,
  returnedAt: z.optional(Timestamp).register(z.globalRegistry, {
    description: 'A returnee\'s arrival: the pass is issued only once the 14 days of home observation since then have ended (400 naming returnedAt otherwise)',
  }),
}).check(z.refine((p) => p.validFrom === undefined || Date.parse(p.validUntil) > Date.parse(p.validFrom), { ...schemaMessage('schema.until-after-from'), path: ['validUntil'] })).register(z.globalRegistry, { id: 'PassCreate' });
export type PassCreate = z.infer<typeof PassCreate>;

export const PassStatus = z.enum(['active', 'not_yet_valid', 'expired', 'revoked']);

export const Pass = z.object({
  passId: Id,
  compoundId: Id,
  name: z.string().register(z.globalRegistry, { description: 'Masked' }),
  idLast4: z.string(),
  category: PersonCategory,
  plate: z.optional(z.string()),
  buildingId: z.optional(Id),
  buildingName: z.optional(z.string()).register(z.globalRegistry, { description: 'The building\'s name as it was when the pass was issued' }),
  validFrom: Timestamp,
  validUntil: Timestamp,
  returnedAt: z.optional(Timestamp),
  status: PassStatus.clone().register(z.globalRegistry, { description: 'As of the answer' }),
  revokedAt: z.optional(Timestamp),
  revokedBy: z.optional(z.string()),
  qr: z.string().register(z.globalRegistry, { description: 'The exact text the pass\'s QR code encodes: a signed token, checked by POST /v1/exits/{id}/pass-checks or offline with the compound\'s pass key' }),
  createdAt: Timestamp,
  createdBy: z.string(),
}).register(z.globalRegistry, { id: 'Pass' });
export type Pass = z.infer<typeof Pass>;

export const PassPage = z.object({ items: z.array(Pass), nextToken: z.optional(z.string()) }).register(z.globalRegistry, { id: 'PassPage' });
export const PassListQuery = z.object({
  q: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(50))).register(z.globalRegistry, { description: 'Part of the pass id, the holder\'s name or the plate' }),
  buildingId: z.optional(Id).register(z.globalRegistry, { description: 'Only the passes of this building of the compound (400 naming buildingId for a building not of it)' }),
  limit: Limit,
  nextToken: NextToken,
});

export const PassParams = z.object({ id: Id, passId: Id });

export const PassCheckRequest = z.strictObject({ qr: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)).register(z.globalRegistry, { description: 'The text the scanned QR code encodes' }) }).register(z.globalRegistry, { id: 'PassCheckRequest' });
export const PassCheck = z.object({
  valid: z.boolean(),
  reason: z.optional(z.enum(PASS_CHECK_REASONS)),
  pass: z.optional(Pass).register(z.globalRegistry, { description: 'The pass, when it is one of this exit\'s compound' }),
}).register(z.globalRegistry, { id: 'PassCheck' });
export type PassCheck = z.infer<typeof PassCheck>;

export const PassKey = z.object({
  compoundId: Id,
  algorithm: z.literal('HMAC-SHA256-128').register(z.globalRegistry, { description: 'MAC = first 16 bytes of HMAC-SHA256(key, the token up to its last "."), base64url' }),
  key: z.string().register(z.globalRegistry, { description: 'The compound\'s pass key, base64url: verifies (and could sign) this compound\'s passes only' }),
  tokenPrefix: z.string(),
  revoked: z.array(z.object({ passId: Id, revokedAt: Timestamp })).register(z.globalRegistry, { description: 'Passes of the compound revoked while still within their validity' }),
  at: Timestamp,
}).register(z.globalRegistry, { id: 'PassKey' });

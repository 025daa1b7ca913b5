/**
 * Passes (出入证): issued per compound by community admins and city staff, carried as a signed QR
 * code (`qr`, layout in shared/domain/passes.ts), checked at the gate, revoked. Holders come back
 * masked (name 张**, ID number's last four); the QR text carries no personal data at all.
 */
import * as z from 'zod';
import { schemaMessage } from '../messages/message.ts';
import { PASS_CHECK_REASONS } from '../domain/passes.ts';
import { Id, Limit, NextToken, Timestamp } from './common.ts';
import { IdNumber, PersonCategory, Plate } from './entry.ts';

export const PassCreate = z
  .object({
    passId: Id,
    name: z.string().trim().min(1).max(50),
    idNumber: IdNumber,
    category: PersonCategory,
    plate: Plate.optional(),
    buildingId: Id.optional().meta({ description: 'The holder\'s building (a building of this compound): passes are printed as a sheet per building' }),
    validFrom: Timestamp.optional().meta({ description: 'From when the pass admits (default: now)' }),
    validUntil: Timestamp,
    returnedAt: Timestamp.optional().meta({
      description: 'A returnee\'s arrival: the pass is issued only once the 14 days of home observation since then have ended (400 naming returnedAt otherwise)',
    }),
  })
  .strict()
  .refine((p) => p.validFrom === undefined || Date.parse(p.validUntil) > Date.parse(p.validFrom), { ...schemaMessage('schema.until-after-from'), path: ['validUntil'] })
  .meta({ id: 'PassCreate' });
export type PassCreate = z.infer<typeof PassCreate>;

export const PassStatus = z.enum(['active', 'not_yet_valid', 'expired', 'revoked']);

export const Pass = z
  .object({
    passId: Id,
    compoundId: Id,
    name: z.string().meta({ description: 'Masked' }),
    idLast4: z.string(),
    category: PersonCategory,
    plate: z.string().optional(),
    buildingId: Id.optional(),
    buildingName: z.string().optional().meta({ description: 'The building\'s name as it was when the pass was issued' }),
    validFrom: Timestamp,
    validUntil: Timestamp,
    returnedAt: Timestamp.optional(),
    status: PassStatus.meta({ description: 'As of the answer' }),
    revokedAt: Timestamp.optional(),
    revokedBy: z.string().optional(),
    qr: z.string().meta({ description: 'The exact text the pass\'s QR code encodes: a signed token, checked by POST /v1/exits/{id}/pass-checks or offline with the compound\'s pass key' }),
    createdAt: Timestamp,
    createdBy: z.string(),
  })
  .meta({ id: 'Pass' });
export type Pass = z.infer<typeof Pass>;

export const PassPage = z.object({ items: z.array(Pass), nextToken: z.string().optional() }).meta({ id: 'PassPage' });
export const PassListQuery = z.object({
  q: z.string().trim().min(1).max(50).optional().meta({ description: 'Part of the pass id, the holder\'s name or the plate' }),
  buildingId: Id.optional().meta({ description: 'Only the passes of this building of the compound (400 naming buildingId for a building not of it)' }),
  limit: Limit,
  nextToken: NextToken,
});

export const PassParams = z.object({ id: Id, passId: Id });

export const PassCheckRequest = z.object({ qr: z.string().trim().min(1).max(200).meta({ description: 'The text the scanned QR code encodes' }) }).strict().meta({ id: 'PassCheckRequest' });
export const PassCheck = z
  .object({
    valid: z.boolean(),
    reason: z.enum(PASS_CHECK_REASONS).optional(),
    pass: Pass.optional().meta({ description: 'The pass, when it is one of this exit\'s compound' }),
  })
  .meta({ id: 'PassCheck' });
export type PassCheck = z.infer<typeof PassCheck>;

export const PassKey = z
  .object({
    compoundId: Id,
    algorithm: z.literal('HMAC-SHA256-128').meta({ description: 'MAC = first 16 bytes of HMAC-SHA256(key, the token up to its last "."), base64url' }),
    key: z.string().meta({ description: 'The compound\'s pass key, base64url: verifies (and could sign) this compound\'s passes only' }),
    tokenPrefix: z.string(),
    revoked: z.array(z.object({ passId: Id, revokedAt: Timestamp })).meta({ description: 'Passes of the compound revoked while still within their validity' }),
    at: Timestamp,
  })
  .meta({ id: 'PassKey' });

/**
 * Households (户) for proxy purchase and delivery (issue 18): a household is an address — the
 * compound, the building, the room as written on the door — never a person. Its id is derived from
 * the address so that a grid worker issuing a link and a community admin entering an order for a
 * phone call land on the same household without a lookup table, and the same door written
 * "301", "３０１" or "3 01" is one household. Pure (no I/O): the web app may derive it too.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { HouseholdAddress } from '../schemas/order.ts';

/** A household as stored (`HOUSEHOLD#<id> / META`): its address with the names and places orders copy. */
export interface Household {
  readonly id: string;
  readonly compoundId: string;
  readonly compoundName: string;
  readonly communityId: string | null;
  readonly streetId: string | null;
  /** The building's grid (one, or none): the grid worker who may make its link and see its orders. */
  readonly gridIds: readonly string[];
  readonly buildingId: string;
  readonly buildingName?: string;
  /** The room as first written (trimmed); the id is of its normalised form. */
  readonly room: string;
}

/**
 * A room as compared: trimmed, full-width letters and digits (typed on a Chinese keyboard) made
 * half-width, ideographic and other spaces removed. "2单元 ３０１" and "2单元301" are one door.
 */
export function normaliseRoom(room: string): string {
  return room
    .trim()
    // Full-width ASCII (U+FF01–U+FF5E) sits 0xFEE0 above its half-width twin.
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '');
}

/** Characters of the id after its `h`: 20 base64url characters, 120 bits of the hash (no clash among a city's doors). */
export const HOUSEHOLD_ID_CHARS = 20;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding, written out here: no Buffer (the web app) and no btoa (Lambda keeps it, but the rule is one code path). */
function base64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += BASE64URL[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/**
 * The household's id: `h` and 20 base64url characters of SHA-256 over the compound, the building
 * and the normalised room. A unit separator (never in ids or rooms) keeps "a"+"bc" apart from "ab"+"c".
 */
export function householdIdOf(address: Pick<HouseholdAddress, 'compoundId' | 'buildingId' | 'room'>): string {
  const text = [address.compoundId, address.buildingId, normaliseRoom(address.room)].join('\u001f');
  return `h${base64url(sha256(utf8ToBytes(text))).slice(0, HOUSEHOLD_ID_CHARS)}`;
}

/** How long a household's link holds (a lockdown's length and then some); issuing again replaces it. */
export const HOUSEHOLD_LINK_DAYS = 60;

/** When a link issued at `at` stops working. */
export const householdLinkUntil = (at: string): string => new Date(Date.parse(at) + HOUSEHOLD_LINK_DAYS * 86_400_000).toISOString();

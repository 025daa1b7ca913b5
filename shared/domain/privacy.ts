/**
 * Masking of personal data in lists (严格保护小区居民隐私信息): names keep their first character,
 * phones their first three and last four digits, ID numbers only ever their last four; and in
 * free-text notes, the phone- and ID-shaped text of them, for those who may not see it.
 */
import { seesResidentDetails, type Caller } from '../roles.ts';

/** 张三丰 → 张**, Li Lei → L*****. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** 13812345678 → 138****5678; short numbers keep only their last two. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length <= 2) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}

/** The last four characters of an ID number, the only part ever stored or shown. */
export const idLast4 = (idNumber: string): string => idNumber.trim().toUpperCase().slice(-4);

/** An ID number as people write it: 18 characters (the last may be X), or the old 15 digits. */
export const ID_NUMBER_PATTERN = /^(\d{17}[\dXx]|\d{15})$/;

/** A digit as people type it: ASCII or full-width (a Chinese keyboard's ０-９). */
const DIGIT = '[0-9\\uFF10-\\uFF19]';
const SEP = '[-\\s]?';
/**
 * The phone- and ID-shaped runs of free text, each standing alone (no digit either side, so a
 * longer number is never cut into one): an 18-character resident ID (its last may be X, its
 * digits may be grouped 6-8-4), an old 15-digit one, a mobile number (1[3-9] and nine more
 * digits, grouped 3-4-4 or not, +86 before it or not), a landline with its area code (0 and two
 * or three digits, in brackets or not) — never a date, a time, a count or a temperature.
 */
const PERSONAL = new RegExp(
  [
    `(?<id>${DIGIT}{6}${SEP}${DIGIT}{8}${SEP}${DIGIT}{3}(?:${DIGIT}|[XxＸｘ]))`,
    `(?<oldId>${DIGIT}{15})`,
    `(?<country>\\+?86${SEP})?(?<mobile>[1１][3-9\\uFF13-\\uFF19]${DIGIT}${SEP}${DIGIT}{4}${SEP}${DIGIT}{4})`,
    `(?<area>(?:\\(0${DIGIT}{2,3}\\)|0${DIGIT}{2,3})${SEP})(?<local>${DIGIT}{7,8})`,
  ].map((pattern) => `(?<!${DIGIT})${pattern}(?!${DIGIT})`).join('|'),
  'gu',
);

/** All but the last four characters starred. */
const lastFour = (text: string): string => {
  const chars = [...text];
  return '*'.repeat(Math.max(0, chars.length - 4)) + chars.slice(-4).join('');
};

/**
 * Free text (a visit's, an entry's, a round's or an alert's note, a sealing reason) with every
 * phone- and ID-shaped run masked as lists mask them: a mobile as 138****5678, a landline keeping
 * its area code and last four digits, an ID number only its last four. Everything else is left as
 * written. Masking masked text changes nothing.
 */
export function maskPersonalText(text: string): string {
  return text.replace(PERSONAL, (...args: unknown[]) => {
    const groups = args.at(-1) as Record<string, string | undefined>;
    const unspaced = (s: string) => s.replace(/[-\s]/g, '');
    if (groups.id ?? groups.oldId) return lastFour(unspaced(groups.id ?? groups.oldId ?? ''));
    if (groups.mobile) return `${groups.country ?? ''}${maskPhone(unspaced(groups.mobile))}`;
    return `${groups.area ?? ''}${lastFour(groups.local ?? '')}`;
  });
}

/**
 * A free-text note as this caller may read it: whole for those who see residents' details
 * (seesResidentDetails), phone- and ID-shaped text masked for everyone else.
 */
export function noteFor(caller: Caller, note: string): string;
export function noteFor(caller: Caller, note: string | undefined): string | undefined;
export function noteFor(caller: Caller, note: string | undefined): string | undefined {
  return note === undefined || seesResidentDetails(caller) ? note : maskPersonalText(note);
}

/** The changes of an audit record that hold free text: a sealing reason, a note. */
const FREE_TEXT_CHANGES = new Set(['reason', 'note', 'closeNote']);

/** An audit record with its free-text changes as this caller may read them (noteFor). */
export function auditFor<A extends { readonly changes: Record<string, { from: unknown; to: unknown }> }>(caller: Caller, audit: A): A {
  if (seesResidentDetails(caller)) return audit;
  const masked = (value: unknown) => (typeof value === 'string' ? maskPersonalText(value) : value);
  const changes = Object.fromEntries(Object.entries(audit.changes).map(([field, change]) =>
    [field, FREE_TEXT_CHANGES.has(field) ? { from: masked(change.from), to: masked(change.to) } : change]));
  return { ...audit, changes };
}

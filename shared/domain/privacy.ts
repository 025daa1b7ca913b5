/**
 * Masking of personal data in lists (严格保护小区居民隐私信息): names keep their first character,
 * phones their first three and last four digits, ID numbers only ever their last four.
 */

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

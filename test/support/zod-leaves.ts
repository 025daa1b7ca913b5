/**
 * The leaves of test/support/zod-arbitrary.ts: how a zod 4 def reads (its types and checks), and
 * valid and mutated strings (lengths, trim, patterns, ISO times and days, uuids) and numbers
 * (bounds, integers, the extremes DynamoDB cannot store).
 */
import fc from 'fast-check';
import type * as z from '#shared/zod.ts';

export type Schema = z.core.$ZodType;
export type Kind = 'string' | 'number' | 'boolean' | 'null' | 'undefined' | 'object' | 'array';

interface CheckDef {
  readonly check: string;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly length?: number;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly tx?: (value: string) => string;
}

export interface Def {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly offset?: boolean;
  readonly local?: boolean;
  readonly precision?: number | null;
  readonly coerce?: boolean;
  readonly shape?: Readonly<Record<string, Schema>>;
  readonly catchall?: Schema;
  readonly element?: Schema;
  readonly items?: readonly Schema[];
  readonly rest?: Schema | null;
  readonly options?: readonly Schema[];
  readonly entries?: Readonly<Record<string, string | number>>;
  readonly values?: readonly unknown[];
  readonly innerType?: Schema;
  readonly in?: Schema;
  readonly out?: Schema;
  readonly getter?: () => Schema;
  readonly keyType?: Schema;
  readonly valueType?: Schema;
}


export const defOf = (schema: Schema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
export const checksOf = (def: Def): CheckDef[] => (def.checks ?? []).map((c) => c._zod.def);
export const unsupported = (type: string): never => {
  throw new Error(`zod-arbitrary: schema type "${type}" is not supported`);
};


// ---- strings ----

/** Mostly letters and digits, some Chinese, punctuation that paths and CSV care about, and control characters. */
const CHAR = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') },
  { weight: 3, arbitrary: fc.constantFrom(...'阳光花园王府小区东门北栋号楼社区网格') },
  { weight: 2, arbitrary: fc.constantFrom(...' -_.,:;/%#?&"\'\\<>{}[]()!@$*+=|~`') },
  { weight: 1, arbitrary: fc.constantFrom('\n', '\t', '\r', '\u0000', '\u202e', '\u3000', '\ufeff') },
);
const SOLID = fc.constantFrom(...'abcXYZ0189阳光');

interface StringRules { min: number; max: number | undefined; patterns: RegExp[]; overwrites: ((s: string) => string)[] }

export function stringRules(def: Def): StringRules {
  const rules: StringRules = { min: 0, max: undefined, patterns: [], overwrites: [] };
  for (const c of checksOf(def)) {
    if (c.check === 'min_length') rules.min = Math.max(rules.min, c.minimum!);
    else if (c.check === 'max_length') rules.max = Math.min(rules.max ?? Infinity, c.maximum!);
    else if (c.check === 'length_equals') [rules.min, rules.max] = [c.length!, c.length!];
    else if (c.check === 'overwrite' && c.tx) rules.overwrites.push(c.tx);
    else if (c.check === 'string_format' && c.pattern) rules.patterns.push(c.pattern);
  }
  if (def.pattern) rules.patterns.push(def.pattern);
  return rules;
}

/** Whether zod would accept the string on these rules (overwrites such as trim come first). */
function fits(raw: string, rules: StringRules): boolean {
  const s = rules.overwrites.reduce((v, tx) => tx(v), raw);
  return s.length >= rules.min && (rules.max === undefined || s.length <= rules.max) && rules.patterns.every((p) => p.test(s));
}

const DAY_MS = 86_400_000;
const YEAR_0 = Date.parse('0000-01-01T00:00:00Z') + DAY_MS;
const YEAR_9999 = Date.parse('9999-12-31T00:00:00Z');
/** Times near now, anywhere this century, and at the ends of what ISO-8601's four-digit years can say. */
const instant = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: -60 * DAY_MS, max: 60 * DAY_MS }).map((d) => Date.now() + d) },
  { weight: 3, arbitrary: fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2100-12-31T00:00:00Z') }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer({ min: YEAR_0, max: YEAR_9999 }), fc.constantFrom(YEAR_0, YEAR_9999)) },
);

function datetime(def: Def): fc.Arbitrary<string> {
  const offsets = ['Z', ...(def.local ? [''] : []), ...(def.offset ? ['+08:00', '-12:00', '+14:00', '+01:00', '-03:30'] : [])];
  return fc.tuple(instant, fc.constantFrom(...offsets), fc.integer({ min: 0, max: 3 })).map(([ms, offset, digits]) => {
    const minutes = offset.length === 6 ? (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4))) : 0;
    const local = new Date(ms + minutes * 60_000).toISOString().slice(0, 23);
    const precision = def.precision ?? digits;
    const time = precision < 0 ? local.slice(0, 16) : precision === 0 ? local.slice(0, 19) : `${local.slice(0, 19)}.${local.slice(20, 23).padEnd(precision, '0').slice(0, precision)}`;
    return `${time}${offset}`;
  });
}

export function validString(def: Def): fc.Arbitrary<string> {
  const rules = stringRules(def);
  let arb: fc.Arbitrary<string>;
  if (def.format === 'datetime') arb = datetime(def);
  else if (def.format === 'date') arb = instant.map((ms) => new Date(ms).toISOString().slice(0, 10));
  else if (def.format === 'uuid' || def.format === 'guid') arb = fc.uuid();
  else if (def.format === 'email') arb = fc.emailAddress();
  else if (def.format === 'url') arb = fc.webUrl();
  else if (def.format !== undefined && def.format !== 'regex') return unsupported(`string format ${def.format}`);
  else if (rules.patterns.length > 0) arb = fc.stringMatching(rules.patterns[0]!);
  else {
    const short = Math.min(rules.max ?? Infinity, rules.min + 16);
    const chars = (minLength: number, maxLength: number) => fc.array(CHAR, { minLength, maxLength });
    // Arrays of characters rather than a chained length, so that fast-check shrinks them.
    const raw = fc.oneof(
      { weight: 4, arbitrary: chars(rules.min, short) },
      { weight: 1, arbitrary: chars(rules.min, rules.max ?? rules.min + 200) },
      { weight: 1, arbitrary: chars(rules.max ?? short, rules.max ?? short) },
    );
    // Trimmed strings keep solid ends, or a short one would trim below its minimum.
    const solidEnds = rules.overwrites.length > 0;
    arb = fc.tuple(raw, SOLID, SOLID).map(([cs, a, b]) => {
      const out = [...cs];
      if (solidEnds && out.length > 0) [out[0], out[out.length - 1]] = [a, b];
      return out.join('');
    });
  }
  return arb.filter((s) => fits(s, rules));
}

const FORMAT_JUNK = ['', ' ', 'x', '!!', '%', '../x', '中文', 'a b', 'yesterday', '1700000000000', 'null', 'x'.repeat(70),
  '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-11-01 10:00:00', '2026-11-01T25:00:00Z', '2026-11-01T10:00:00+25:00',
  '2026-11-01T10:00:00', '2026-11-01T10:00:00+08:00', '2026-11-01', '2026-2-3', '20261101', 'not-a-uuid', '1-1', '1-1-1-1'];

export function mutatedString(def: Def): fc.Arbitrary<string>[] {
  const rules = stringRules(def);
  const found: fc.Arbitrary<string>[] = [];
  const solid = (min: number, max: number) => fc.array(SOLID, { minLength: min, maxLength: max }).map((cs) => cs.join(''));
  if (rules.max !== undefined) found.push(solid(rules.max + 1, rules.max + 10));
  if (rules.min > 0) found.push(solid(0, rules.min - 1).filter((s) => !fits(s, rules)));
  if (rules.patterns.length > 0) {
    const junk = FORMAT_JUNK.filter((s) => !fits(s, rules));
    found.push(fc.oneof(fc.constantFrom(...junk), fc.string({ maxLength: 12 }).filter((s) => !fits(s, rules))));
  }
  return found;
}

// ---- numbers ----

interface NumberRules { lo: number; loIn: boolean; hi: number; hiIn: boolean; int: boolean }

function numberRules(def: Def): NumberRules {
  const r: NumberRules = { lo: -Number.MAX_VALUE, loIn: true, hi: Number.MAX_VALUE, hiIn: true, int: false };
  // z.int() and its kin are their own format check (def.check), not one in def.checks.
  const own = (def as { check?: string }).check === 'number_format' ? [def as unknown as CheckDef] : [];
  for (const c of [...own, ...checksOf(def)]) {
    if (c.check === 'greater_than' && c.value! >= r.lo) [r.lo, r.loIn] = [c.value!, c.inclusive!];
    else if (c.check === 'less_than' && c.value! <= r.hi) [r.hi, r.hiIn] = [c.value!, c.inclusive!];
    else if (c.check === 'number_format' && c.format !== 'float32' && c.format !== 'float64') r.int = true;
    else if (c.check === 'multiple_of') return unsupported('number multipleOf');
  }
  if (r.int) {
    r.lo = Math.max(Math.ceil(r.loIn ? r.lo : Math.floor(r.lo) + 1), Number.MIN_SAFE_INTEGER);
    r.hi = Math.min(Math.floor(r.hiIn ? r.hi : Math.ceil(r.hi) - 1), Number.MAX_SAFE_INTEGER);
    r.loIn = r.hiIn = true;
  }
  return r;
}

const inRange = (n: number, r: NumberRules) =>
  (r.loIn ? n >= r.lo : n > r.lo) && (r.hiIn ? n <= r.hi : n < r.hi) && (!r.int || Number.isSafeInteger(n));

export function validNumber(def: Def): fc.Arbitrary<number> {
  const r = numberRules(def);
  if (r.int) return fc.integer({ min: r.lo, max: r.hi });
  const any = fc.double({ min: r.lo, max: r.hi, minExcluded: !r.loIn, maxExcluded: !r.hiIn, noNaN: true, noDefaultInfinity: true });
  // fc.double favours extremes (5e-324, 1e308): with several numbers in a body one is nearly always
  // extreme. Mostly numbers a person would write, within ±1e9 at 6 decimals; extremes now and then.
  const [lo, hi] = [Math.max(r.lo, -1e9), Math.min(r.hi, 1e9)];
  if (lo > hi) return any;
  const ordinary = fc.integer({ min: 0, max: 1e6 }).map((i) => Math.round((lo + ((hi - lo) * i) / 1e6) * 1e6) / 1e6).filter((n) => inRange(n, r));
  return fc.oneof({ weight: 5, arbitrary: ordinary }, { weight: 1, arbitrary: any });
}

export function mutatedNumber(def: Def): fc.Arbitrary<number>[] {
  const r = numberRules(def);
  const out = [r.lo - 1, r.lo - 0.5, r.lo, r.hi, r.hi + 0.5, r.hi + 1, 1e300, -1e300, 1e-300, -1e-300, 5e-324, 2 ** 53, 0, 0.5]
    .filter((n) => Number.isFinite(n) && !inRange(n, r));
  return out.length > 0 ? [fc.constantFrom(...out)] : [];
}


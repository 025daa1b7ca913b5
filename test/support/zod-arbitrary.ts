/**
 * fast-check arbitraries from Cordon's zod 4 schemas, for property tests of the API (zod-fast-check
 * reads zod 3 only). `valid(schema)` makes values that meet the schema's structure: types, required
 * and strict keys, bounds, lengths, formats, patterns. `mutated(schema)` makes such a value with
 * exactly one thing wrong. It walks `schema._zod.def`; refinements (`.refine`, `.superRefine`) are
 * not read, so a valid value may fail one: that is simply another invalid input.
 */
import fc from 'fast-check';
import * as z from '#shared/zod.ts';
import {
  checksOf, defOf, mutatedNumber, mutatedString, stringRules, unsupported, validNumber, validString, type Def, type Kind, type Schema,
} from './zod-leaves.ts';

/** Domain values to use instead of generic ones, so that valid input reaches past jurisdiction and lookups. */
export interface Hints {
  /** By schema identity: e.g. polygons on the seeded map for AreaGeometry. */
  readonly schemas?: ReadonlyMap<Schema, fc.Arbitrary<unknown>>;
  /** By object key, wherever it appears: e.g. compoundId from the seeded compounds. Must be valid for the key's schema. */
  readonly keys?: Readonly<Record<string, fc.Arbitrary<unknown>>>;
}

const optionalIn = (schema: Schema): boolean => (schema as unknown as { _zod: { optin?: string } })._zod.optin !== undefined;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional']);
/** Input side of a pipe: what the client sends (z.preprocess puts a transform first). */
const pipeInput = (def: Def): Schema => (defOf(def.in!).type === 'transform' ? def.out! : def.in!);

/** The JSON kinds a schema accepts, wrappers included (optional adds undefined, nullable null). */
function kindsOf(schema: Schema): Set<Kind> {
  const def = defOf(schema);
  const all = new Set<Kind>(['string', 'number', 'boolean', 'null', 'undefined', 'object', 'array']);
  switch (def.type) {
    case 'string': case 'enum': case 'template_literal':
      return new Set(def.type === 'enum' ? Object.values(def.entries!).map((v) => typeof v as Kind) : ['string']);
    case 'number': case 'boolean': return def.coerce ? all : new Set([def.type]);
    case 'null': case 'undefined': return new Set([def.type]);
    case 'object': case 'record': return new Set(['object']);
    case 'array': case 'tuple': return new Set(['array']);
    case 'literal': return new Set(def.values!.map((v) => (v === null ? 'null' : typeof v) as Kind));
    case 'union': return new Set(def.options!.flatMap((o) => [...kindsOf(o)]));
    case 'optional': case 'default': case 'prefault': return new Set([...kindsOf(def.innerType!), 'undefined']);
    case 'nullable': return new Set([...kindsOf(def.innerType!), 'null']);
    case 'readonly': return kindsOf(def.innerType!);
    case 'nonoptional': return new Set([...kindsOf(def.innerType!)].filter((k) => k !== 'undefined'));
    case 'pipe': return kindsOf(pipeInput(def));
    case 'lazy': return kindsOf(def.getter!());
    default: return all;
  }
}

// ---- the walk ----

const ARRAY_SPAN = 4;

function arrayBounds(def: Def): { min: number; max: number | undefined } {
  const rules = stringRules(def);
  return { min: rules.min, max: rules.max };
}

const kindOfValue = (v: unknown): Kind => (v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as Kind));
/** A key hint serves only keys of its kind: `person` is a username in a shift, an object in an entry. */
const hintFits = (hint: fc.Arbitrary<unknown>, schema: Schema): boolean =>
  fc.sample(hint, { numRuns: 3, seed: 1 }).every((v) => kindsOf(schema).has(kindOfValue(v)));

function record(def: Def, hints: Hints, without?: string): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const [key, schema] of Object.entries(def.shape!)) {
    if (key === without) continue;
    const hint = hints.keys?.[key];
    model[key] = hint && hintFits(hint, schema) ? hint : validArb(schema, hints);
    if (!optionalIn(schema)) required.push(key);
  }
  return fc.record(model, { requiredKeys: required });
}

function validArb(schema: Schema, hints: Hints): fc.Arbitrary<unknown> {
  const hinted = hints.schemas?.get(schema);
  if (hinted) return hinted;
  const def = defOf(schema);
  switch (def.type) {
    case 'string': return validString(def);
    case 'number': return validNumber(def);
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    case 'undefined': return fc.constant(undefined);
    case 'unknown': case 'any': return fc.jsonValue({ maxDepth: 2 });
    case 'enum': return fc.constantFrom(...Object.values(def.entries!));
    case 'literal': return fc.constantFrom(...def.values!);
    case 'object': return record(def, hints);
    case 'array': {
      const { min, max } = arrayBounds(def);
      const element = validArb(def.element!, hints);
      const short = fc.array(element, { minLength: min, maxLength: Math.min(max ?? Infinity, min + ARRAY_SPAN) });
      return max !== undefined && max <= 50 ? fc.oneof(short, fc.array(element, { minLength: min, maxLength: max })) : short;
    }
    case 'tuple': {
      const fixed = fc.tuple(...def.items!.map((item) => validArb(item, hints)));
      if (!def.rest) return fixed;
      return fc.tuple(fixed, fc.array(validArb(def.rest, hints), { maxLength: ARRAY_SPAN })).map(([head, tail]) => [...head, ...tail]);
    }
    case 'union': return fc.oneof(...def.options!.map((option) => validArb(option, hints)));
    case 'record': return fc.dictionary(validArb(def.keyType!, hints) as fc.Arbitrary<string>, validArb(def.valueType!, hints), { maxKeys: ARRAY_SPAN });
    case 'optional': case 'default': case 'prefault': return fc.option(validArb(def.innerType!, hints), { nil: undefined, freq: 4 });
    case 'nullable': return fc.option(validArb(def.innerType!, hints), { nil: null, freq: 4 });
    case 'readonly': return validArb(def.innerType!, hints);
    case 'nonoptional': return validArb(def.innerType!, hints).filter((v) => v !== undefined);
    case 'pipe': return validArb(pipeInput(def), hints);
    case 'lazy': return fc.constant(null).chain(() => validArb(def.getter!(), hints));
    default: return unsupported(def.type);
  }
}

const WRONG: Record<Exclude<Kind, 'undefined'>, fc.Arbitrary<unknown>> = {
  string: fc.constantFrom('', 'x', '1', 'true', 'null'),
  number: fc.constantFrom(0, 1, -1, 0.5, 1e300),
  boolean: fc.boolean(),
  null: fc.constant(null),
  object: fc.constantFrom({}, { x: 1 }),
  array: fc.constantFrom([], [1], ['x']),
};

/** A value of a type the schema (with its wrappers, `accepted`) does not take. */
function wrongType(accepted: Set<Kind>): fc.Arbitrary<unknown>[] {
  const kinds = (Object.keys(WRONG) as (keyof typeof WRONG)[]).filter((k) => !accepted.has(k));
  return kinds.length > 0 ? [fc.oneof(...kinds.map((k) => WRONG[k]))] : [];
}

const EXTRA_KEYS = ['extra', 'Name', 'unknownField', '', 'constructor', 'id', 'status', 'type'];

/** Each way of making one thing of an object wrong. */
function mutatedObject(def: Def, hints: Hints): fc.Arbitrary<unknown>[] {
  const found: fc.Arbitrary<unknown>[] = [];
  const shape = def.shape!;
  for (const [key, child] of Object.entries(shape)) {
    const bad = mutatedArb(child, hints);
    if (bad) found.push(fc.tuple(record(def, hints, key), bad).map(([rest, value]) => ({ ...rest, [key]: value })));
    if (!kindsOf(child).has('undefined')) found.push(record(def, hints, key));
  }
  if (def.catchall && defOf(def.catchall).type === 'never') {
    const extra = EXTRA_KEYS.filter((k) => !(k in shape));
    found.push(fc.tuple(record(def, hints), fc.constantFrom(...extra), fc.jsonValue({ maxDepth: 1 }))
      .map(([value, key, v]) => ({ ...value, [key]: v })));
  }
  return found;
}

function mutatedArb(schema: Schema, hints: Hints, accepted: Set<Kind> = kindsOf(schema)): fc.Arbitrary<unknown> | undefined {
  const def = defOf(schema);
  if (WRAPPERS.has(def.type)) return mutatedArb(def.innerType!, hints, accepted);
  if (def.type === 'pipe') return mutatedArb(pipeInput(def), hints, accepted);
  // Eager, unlike valid's: a recursive lazy schema would not end here (Cordon's schemas have none).
  if (def.type === 'lazy') return mutatedArb(def.getter!(), hints, accepted);
  const found = wrongType(accepted);
  switch (def.type) {
    case 'string': found.push(...mutatedString(def)); break;
    case 'number': if (!def.coerce) found.push(...mutatedNumber(def)); break;
    case 'enum': case 'literal': {
      const values = def.type === 'enum' ? Object.values(def.entries!) : def.values!;
      const others: unknown[] = values.flatMap<unknown>((v) => (typeof v === 'string' ? [`${v}x`, v.toUpperCase(), ` ${v}`, ''] : typeof v === 'number' ? [v + 1, -v - 1] : [!v]))
        .filter((v) => !values.includes(v as never));
      if (others.length > 0) found.push(fc.constantFrom(...others));
      break;
    }
    case 'object': found.push(...mutatedObject(def, hints)); break;
    case 'array': {
      const { min, max } = arrayBounds(def);
      const element = validArb(def.element!, hints);
      if (min > 0) found.push(fc.array(element, { maxLength: min - 1 }));
      if (max !== undefined) found.push(fc.array(element, { minLength: max + 1, maxLength: max + 3 }));
      const bad = mutatedArb(def.element!, hints);
      if (bad && max !== 0) {
        const base = fc.array(element, { minLength: Math.max(min, 1), maxLength: Math.max(min, 1) + ARRAY_SPAN });
        found.push(fc.tuple(base, bad, fc.nat()).map(([items, value, i]) => items.map((item, j) => (j === i % items.length ? value : item))));
      }
      break;
    }
    case 'tuple': {
      const items = def.items!;
      const valid = validArb(schema, hints) as fc.Arbitrary<unknown[]>;
      if (items.length > 0) found.push(valid.map((t) => t.slice(0, items.length - 1)));
      if (!def.rest) found.push(valid.map((t) => [...t, 0]));
      items.forEach((item, i) => {
        const bad = mutatedArb(item, hints);
        if (bad) found.push(fc.tuple(valid, bad).map(([t, value]) => t.map((v, j) => (j === i ? value : v))));
      });
      break;
    }
    case 'union': {
      // A mutation of one option may still be another option: keep those that no option takes.
      const options = def.options!.map((o) => mutatedArb(o, hints)).filter((a) => a !== undefined);
      if (options.length > 0) found.push(fc.oneof(...options).filter((v) => !z.safeParse(schema, v).success));
      break;
    }
    case 'record': {
      const bad = mutatedArb(def.valueType!, hints);
      if (bad) {
        found.push(fc.tuple(validArb(schema, hints) as fc.Arbitrary<Record<string, unknown>>, validArb(def.keyType!, hints) as fc.Arbitrary<string>, bad)
          .map(([entries, key, value]) => ({ ...entries, [key]: value })));
      }
      break;
    }
    case 'boolean': case 'null': case 'unknown': case 'any': case 'undefined': break;
    default: return unsupported(def.type);
  }
  return found.length > 0 ? fc.oneof(...found) : undefined;
}

/** Whether any part of the schema carries a refinement or a transform, which `valid` does not read. */
export function hasRefinements(schema: Schema, seen = new Set<Schema>()): boolean {
  if (seen.has(schema)) return false;
  seen.add(schema);
  const def = defOf(schema);
  // A transform may add issues too (ctx.addIssue), as a refinement does.
  if (def.type === 'transform' || checksOf(def).some((c) => c.check === 'custom')) return true;
  const children = [
    ...Object.values(def.shape ?? {}), ...(def.items ?? []), ...(def.options ?? []),
    def.element, def.rest, def.innerType, def.in, def.out, def.keyType, def.valueType, def.getter?.(),
  ];
  return children.some((child) => child !== undefined && child !== null && hasRefinements(child, seen));
}

/** Values that meet the schema's structure (refinements aside). */
export function valid<S extends Schema>(schema: S, hints: Hints = {}): fc.Arbitrary<z.input<S>> {
  return validArb(schema, hints) as fc.Arbitrary<z.input<S>>;
}

/** A valid value with exactly one thing made wrong: a key dropped or added, a wrong type, a bound or format broken. */
export function mutated(schema: Schema, hints: Hints = {}): fc.Arbitrary<unknown> {
  const arb = mutatedArb(schema, hints);
  if (!arb) throw new Error('zod-arbitrary: this schema takes every value; nothing can be made wrong');
  return arb;
}

/**
 * Schemas every resource shares: ids, numbers DynamoDB can store, coordinates, GeoJSON geometry,
 * bbox, times and days, pages, problems. Coordinates are WGS-84 [lng, lat]; anything else is
 * converted before it reaches these.
 */
import { schemaMessage } from '../messages/message.ts';
import * as z from '../zod.ts';
import { storableNumber } from '../storable-number.ts';
import { AREA_LIMITS, areaProblems, type AreaLimits } from '../geo/validate.ts';

export const Id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, "_" or "-"')).register(z.globalRegistry, { description: 'Identifier', example: 'c_3f9a1b2c' });

/** Where a listed thing stands, by its compound: the fields every compound-scoped list item carries. */
export const compoundPlace = {
  compoundId: Id,
  compoundName: z.string(),
  communityId: z.nullable(Id),
  streetId: z.nullable(Id),
};


/**
 * Every number the API takes or stores: `DynamoNumber.int().min(1)` and so on. A coordinate like
 * 5e-324 is refused rather than rounded to 0, as any other number is: nothing a client sends is
 * changed behind its back, and no map gives such a coordinate.
 */
export const DynamoNumber = z.number().check(z.refine(storableNumber, schemaMessage('schema.unstorable-number')));

export const Lng = DynamoNumber.check(z.gte(-180), z.lte(180));
export const Lat = DynamoNumber.check(z.gte(-90), z.lte(90));
export const Position = z.tuple([Lng, Lat]).register(z.globalRegistry, { description: '[longitude, latitude], WGS-84' });

const LinearRing = z.array(Position).check(z.minLength(4, 'a ring needs at least 4 positions'), z.refine((ring) => samePosition(ring[0], ring[ring.length - 1]), schemaMessage('schema.ring-closed')));

function samePosition(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
}

export const PointGeometry = z.object({ type: z.literal('Point'), coordinates: Position }).register(z.globalRegistry, { id: 'Point' });
export const PolygonGeometry = z.object({ type: z.literal('Polygon'), coordinates: z.array(LinearRing).check(z.minLength(1)) }).register(z.globalRegistry, { id: 'Polygon' });
export const MultiPolygonGeometry = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(LinearRing).check(z.minLength(1))).check(z.minLength(1)) }).register(z.globalRegistry, { id: 'MultiPolygon' });
export const AreaGeometry = z.discriminatedUnion('type', [PolygonGeometry, MultiPolygonGeometry]);

/**
 * A Polygon or MultiPolygon that is a valid area within the limits (shared/geo/validate.ts), for
 * every request that takes one; each problem names its position (`coordinates.1` is the first
 * hole). Responses keep the plain {@link AreaGeometry}: what is stored was checked on the way in.
 */
export function validArea(limits: AreaLimits) {
  return AreaGeometry.check(z.superRefine((geometry, ctx) => {
      for (const problem of areaProblems(geometry, limits)) ctx.addIssue({ code: 'custom', path: [...problem.path], message: problem.message, params: { said: problem.said } });
    }, { when: (payload) => payload.issues.length === 0 })).register(z.globalRegistry, {
    description: `A valid area: closed rings of at least 4 positions, none crossing itself or another, holes inside their outer ring; at most ${limits.maxPositions} positions and ${limits.maxAreaM2 / 1_000_000} km²`,
  });
}
export const CompoundArea = validArea(AREA_LIMITS.compound);
export const AnyGeometry = z.discriminatedUnion('type', [PointGeometry, PolygonGeometry, MultiPolygonGeometry]);
export type Point = z.infer<typeof PointGeometry>;
export type AreaGeometry = z.infer<typeof AreaGeometry>;
export type AnyGeometry = z.infer<typeof AnyGeometry>;

export type Bbox = readonly [minLng: number, minLat: number, maxLng: number, maxLat: number];

/**
 * The widest bbox any route takes, per side: a viewport query costs one geo-cell query per
 * geohash-5 cell (~4.9 km), so 2° (a large city) is ~2,000 queries, and a country-sized box a
 * million. The web map clamps its viewport to it (web/src/map/tiles.ts).
 */
export const MAX_BBOX_DEG = 2;

/** `minLng,minLat,maxLng,maxLat` as a query parameter. */
export const BboxParam = z.pipe(z.string(), z.transform((raw, ctx): Bbox => {
    const parts = raw.split(',').map((p) => Number(p.trim()));
    const [minLng, minLat, maxLng, maxLat] = parts;
    if (
      parts.length !== 4 ||
      minLng === undefined || minLat === undefined || maxLng === undefined || maxLat === undefined ||
      parts.some((n) => !Number.isFinite(n))
    ) {
      ctx.issues.push({ code: 'custom', input: raw, ...schemaMessage('schema.bbox-four') });
      return z.NEVER;
    }
    if (minLng < -180 || maxLng > 180 || minLat < -90 || maxLat > 90 || minLng > maxLng || minLat > maxLat) {
      ctx.issues.push({ code: 'custom', input: raw, ...schemaMessage('schema.bbox-range') });
      return z.NEVER;
    }
    if (maxLng - minLng > MAX_BBOX_DEG || maxLat - minLat > MAX_BBOX_DEG) {
      ctx.issues.push({ code: 'custom', input: raw, ...schemaMessage('schema.bbox-too-big', { deg: MAX_BBOX_DEG }) });
      return z.NEVER;
    }
    return [minLng, minLat, maxLng, maxLat];
  })).register(z.globalRegistry, { description: 'minLng,minLat,maxLng,maxLat (WGS-84)', example: '112.55,31.14,112.61,31.20' });

export const Limit = z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(1000)));
export const NextToken = z.optional(z.string().check(z.minLength(1), z.maxLength(2048))).register(z.globalRegistry, { description: 'Opaque cursor from the previous page' });

/**
 * The instants the API takes and stores: from 2000 up to 2100 (UTC). A year 0000 or 9999 is a
 * client's mistake, and one DynamoDB, key order and toISOString cannot all hold (year 9999 at
 * -12:00 is year 10000 in UTC); a duty rota or a pass has no business outside this century.
 */
export const EARLIEST_TIME = '2000-01-01T00:00:00.000Z';
export const LATEST_TIME = '2100-01-01T00:00:00.000Z';
export const EARLIEST_DAY = '2000-01-01';
export const LATEST_DAY = '2099-12-31';
const EARLIEST_MS = Date.parse(EARLIEST_TIME);
const LATEST_MS = Date.parse(LATEST_TIME);

/**
 * Every instant that enters or leaves the API: ISO-8601 with `Z` or an offset, within
 * [EARLIEST_TIME, LATEST_TIME), parsed into UTC in toISOString() form before a handler sees it,
 * so what is stored compares as a string in the order of time. Input and output types are both
 * string; the OpenAPI document describes what it takes (any offset) and what it answers (UTC).
 */
export const Timestamp = z.pipe(z.pipe(z.iso.datetime({ offset: true }), z.transform((raw, ctx) => {
    const t = Date.parse(raw);
    if (!(t >= EARLIEST_MS && t < LATEST_MS)) {
      ctx.issues.push({ code: 'custom', input: raw, ...schemaMessage('schema.time-range', { from: EARLIEST_TIME, to: LATEST_TIME }) });
      return z.NEVER;
    }
    return new Date(t).toISOString();
  })), z.iso.datetime()).register(z.globalRegistry, { description: 'ISO-8601 time with Z or an offset, from 2000 up to 2100; answered in UTC', example: '2026-11-22T08:00:00.000Z' });

/** A calendar day (YYYY-MM-DD) within the same century as {@link Timestamp}. */
export const Day = z.iso
  .date({ abort: true }).check(z.refine((day) => day >= EARLIEST_DAY && day <= LATEST_DAY, schemaMessage('schema.day-range', { from: EARLIEST_DAY, to: LATEST_DAY }))).register(z.globalRegistry, { description: 'YYYY-MM-DD, from 2000 to 2099', example: '2026-11-23' });

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: DynamoNumber.check(z.int()),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  errors: z.optional(z.array(z.object({
      field: z.string(),
      message: z.string().register(z.globalRegistry, { description: 'Why, in the language of Content-Language (Accept-Language: zh → Chinese, en → English, default Chinese)' }),
      code: z.optional(z.string()).register(z.globalRegistry, { description: 'A stable code for why, e.g. field.unknown, task.household.no_answer' }),
    }))).register(z.globalRegistry, { description: 'One entry per invalid field, e.g. body.name or query.bbox' }),
  code: z.optional(z.string()).register(z.globalRegistry, { description: 'A stable code for the detail, e.g. task.taken, task.limit' }),
}).register(z.globalRegistry, { id: 'Problem', description: 'RFC 9457 problem details' });
export type Problem = z.infer<typeof Problem>;

/** A page of items. */
export function page<T extends z.ZodMiniType>(item: T) {
  return z.object({ items: z.array(item), nextToken: z.optional(z.string()) });
}

/** A GeoJSON FeatureCollection whose features carry `properties` of the given shape. */
export function featureCollection<G extends z.ZodMiniType, P extends z.ZodMiniType>(geometry: G, properties: P) {
  return z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(feature(geometry, properties)),
    nextToken: z.optional(z.string()).register(z.globalRegistry, { description: 'Present when more features follow' }),
  });
}

export function feature<G extends z.ZodMiniType, P extends z.ZodMiniType>(geometry: G, properties: P) {
  return z.object({
    type: z.literal('Feature'),
    id: z.string(),
    geometry: geometry,
    properties: properties,
  });
}

export const Audit = z.object({
  at: Timestamp,
  actor: z.string(),
  actorName: z.optional(z.string()).register(z.globalRegistry, { description: 'The actor\'s display name when the change was made; absent for Cordon\'s own work (actor system…)' }),
  role: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  source: z.optional(z.string()).register(z.globalRegistry, { description: 'e.g. import:<id> when the change came from an import' }),
}).register(z.globalRegistry, { id: 'AuditRecord' });
export type Audit = z.infer<typeof Audit>;

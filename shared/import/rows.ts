/**
 * One row of an import file, validated with zod and made into what the registry takes: a
 * compound, building, exit or community draft in WGS-84, or a staff member to add. A row either becomes a typed row or is
 * rejected with a reason that names the field as the file does ("纬度 (lat): must be a number").
 */
import * as z from '../zod.ts';
import { Building } from '../schemas/building.ts';
import { AREA_LIMITS, areaProblems, type AreaLimits } from '../geo/validate.ts';
import {
  AnyGeometry, Id, Lat, Lng, type AreaGeometry, type AnyGeometry as Geometry,
} from '../schemas/common.ts';
import type { CompoundStatus } from '../schemas/compound.ts';
import type { Exit } from '../schemas/exit.ts';
import type { Crs, ImportKind } from '../schemas/imports.ts';
import { StaffCreate } from '../schemas/staff.ts';
import { IdNumber } from '../schemas/entry.ts';
import { PersonCreate } from '../schemas/person.ts';
import type { CareCategory } from '../domain/observation.ts';
import { COMPOUND_REF_FIELDS, fieldLabel, type ColumnMapping, type CompoundRefField } from './columns.ts';
import { geometryToWgs84, positionToWgs84 } from './crs.ts';
import { blank, careCategory, listDay, compoundStatus, exitKind, exitStatus, idList, numeric, number, staffRole, text, yesNo } from './values.ts';

/** A row as read from CSV or GeoJSON, before validation: field → raw value. */
export interface SourceRow {
  readonly line: number;
  readonly values: Readonly<Record<string, unknown>>;
  /** GeoJSON only: the feature's geometry (null when the feature has none). */
  readonly geometry?: unknown;
  readonly mapping: ColumnMapping;
}

/** A row the reader could not even make into fields (bad quotes, broken JSON). */
export interface UnreadableRow {
  readonly line: number;
  readonly reject: string;
}

export type ReadItem = SourceRow | UnreadableRow;
export const isUnreadable = (item: ReadItem): item is UnreadableRow => 'reject' in item;

type Position = [number, number];

/** How a building or exit names its compound; the first one given is used. */
export type CompoundRef =
  | { readonly by: 'externalId'; readonly value: string }
  | { readonly by: 'id'; readonly value: string }
  | { readonly by: 'name'; readonly value: string };

export interface CompoundRow {
  readonly line: number;
  readonly externalId?: string;
  readonly name: string;
  readonly address?: string;
  readonly status?: CompoundStatus;
  readonly propertyManaged?: boolean;
  /** A community id, or a community's external id or name, as the file gives it. */
  readonly community?: string;
  readonly areaM2?: number;
  /** Exactly one of geometry (a polygon) and location (a point) is set. */
  readonly geometry?: AreaGeometry;
  readonly location?: Position;
}

export interface BuildingRow {
  readonly line: number;
  readonly externalId?: string;
  readonly compound: CompoundRef;
  readonly name: string;
  /** A grid id or name, as the file gives it; resolved within the compound's community. */
  readonly grid?: string;
  readonly units: number;
  readonly floors: number;
  readonly householdsPerFloor: number;
  /** Absent: the building takes its compound's location. */
  readonly location?: Position;
  readonly geometry?: AreaGeometry;
}

export interface ExitRow {
  readonly line: number;
  readonly externalId?: string;
  readonly compound: CompoundRef;
  readonly name: string;
  /** Absent: a new exit is `mixed`, an existing one keeps its kind. */
  readonly kind?: Exit['kind'];
  readonly status: Exit['status'];
  readonly location: Position;
}

export interface CommunityRow {
  readonly line: number;
  readonly externalId: string;
  readonly name: string;
  readonly streetId: string;
  readonly streetName?: string;
  readonly boundary: AreaGeometry;
}

/** A roster row: the person as POST /v1/staff takes them, the jurisdiction from the id columns the role needs. */
export interface StaffRow extends StaffCreate {
  readonly line: number;
}

export interface RowOf {
  compounds: CompoundRow;
  buildings: BuildingRow;
  exits: ExitRow;
  communities: CommunityRow;
  staff: StaffRow;
  people: PersonRow;
}

/**
 * A person of a CDC or big-data list: who, where they live (compound, building, unit and room,
 * matched to the registry by the importer), the category and reason, the day the period starts.
 */
export interface PersonRow {
  readonly line: number;
  readonly name: string;
  readonly phone?: string;
  readonly idNumber?: string;
  readonly compound: CompoundRef;
  /** A building's name or number (1栋, 1, 1号楼) or id, as the list writes it. */
  readonly building: string;
  readonly unit?: string;
  readonly room?: string;
  readonly category: CareCategory;
  readonly reason: string;
  readonly startDate?: string;
  readonly pairedWith?: string;
}

export type RowResult<T> = { readonly ok: true; readonly row: T } | { readonly ok: false; readonly line: number; readonly reason: string };

/** Which geometry types each kind takes from GeoJSON. */
const GEOMETRY_TYPES: Readonly<Record<ImportKind, readonly Geometry['type'][]>> = {
  compounds: ['Polygon', 'MultiPolygon', 'Point'],
  buildings: ['Point', 'Polygon', 'MultiPolygon'],
  exits: ['Point'],
  communities: ['Polygon', 'MultiPolygon'],
  staff: [],
  people: [],
};

const coordinate = {
  lng: numeric(z.optional(z.pipe(number(), Lng))),
  lat: numeric(z.optional(z.pipe(number(), Lat))),
};
const refs = {
  compound_external_id: text(100, { optional: true }),
  compound_id: text(64, { optional: true }),
  compound_name: text(100, { optional: true }),
} satisfies Record<CompoundRefField, z.ZodMiniType>;

const SCHEMAS = {
  compounds: z.object({
    external_id: text(100, { optional: true }),
    name: text(100),
    address: text(200, { optional: true }),
    ...coordinate,
    community_id: text(100, { optional: true }),
    status: compoundStatus(),
    property_managed: yesNo(),
    area_m2: numeric(z.optional(number().check(z.positive('must be more than 0'), z.lte(50_000_000)))),
  }),
  buildings: z.object({
    external_id: text(100, { optional: true }),
    ...refs,
    name: text(100),
    /** A grid by id or by name (a number is read as its text); unknown names create the grid. */
    grid_id: text(100, { optional: true }),
    units: numeric(Building.shape.units),
    floors: numeric(Building.shape.floors),
    households_per_floor: numeric(Building.shape.householdsPerFloor),
    ...coordinate,
  }),
  exits: z.object({
    external_id: text(100, { optional: true }),
    ...refs,
    name: text(100),
    kind: exitKind(),
    status: exitStatus(),
    ...coordinate,
  }),
  communities: z.object({
    external_id: text(100),
    name: text(100),
    street_id: z.preprocess(blank, Id),
    street_name: text(100, { optional: true }),
  }),
  staff: z.object({
    // Account names are lower-case; a roster typed by hand may not be.
    username: z.preprocess((v) => (typeof blank(v) === 'string' ? (blank(v) as string).toLowerCase() : blank(v)), StaffCreate.shape.username),
    name: text(50),
    role: staffRole(),
    // A phone from a spreadsheet may come as a number; its text is what is checked.
    phone: z.pipe(text(30, { optional: true }), StaffCreate.shape.phone),
    email: z.pipe(text(254, { optional: true }), StaffCreate.shape.email),
    street_id: z.preprocess(blank, z.optional(Id)),
    community_id: z.preprocess(blank, z.optional(Id)),
    grid_id: z.preprocess(blank, z.optional(Id)),
    compound_ids: idList(),
    exit_ids: idList(),
  }),
  people: z.object({
    name: text(50),
    phone: z.pipe(text(30, { optional: true }), PersonCreate.shape.phone),
    id_number: z.pipe(text(30, { optional: true }), z.optional(IdNumber)),
    ...refs,
    building: text(64),
    unit: text(10, { optional: true }),
    room: text(20, { optional: true }),
    category: careCategory(),
    reason: text(200),
    start_date: listDay(),
    paired_with: z.preprocess((v) => (typeof blank(v) === 'string' ? (blank(v) as string).toLowerCase() : blank(v)), z.optional(StaffCreate.shape.username)),
  }),
} as const;

/** Friendlier words for zod's own messages where a schema gives none. */
const messages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}`;
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (issue.expected === 'int') return 'must be a whole number';
      if (issue.expected === 'number') return 'must be a number';
      return undefined;
    default:
      return undefined;
  }
};

class RowError extends Error {}

/** Validates one row of the given kind and converts its coordinates to WGS-84. */
export function readRow<K extends ImportKind>(kind: K, source: SourceRow, crs: Crs): RowResult<RowOf[K]> {
  const parsed = SCHEMAS[kind].safeParse(source.values, { error: messages });
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [field, ...rest] = issue.path.map(String);
      problems.push(`${field ? fieldLabel(field, source.mapping) : 'row'}${rest.length > 0 ? `.${rest.join('.')}` : ''}: ${issue.message}`);
    }
  }
  if ((kind === 'buildings' || kind === 'exits' || kind === 'people') && !COMPOUND_REF_FIELDS.some((field) => given(source.values[field]))) {
    const [first, ...others] = COMPOUND_REF_FIELDS.map((field) => fieldLabel(field, source.mapping));
    problems.push(`${first}: is required (or ${others.join(', ')})`);
  }
  const values = parsed.success ? (parsed.data as Values) : undefined;
  let place: Place | undefined;
  try {
    place = readPlace(kind, source, values, crs);
  } catch (error) {
    if (!(error instanceof RowError)) throw error;
    problems.push(error.message);
  }
  if (!values || problems.length > 0 || !place) return { ok: false, line: source.line, reason: problems.join('; ') };
  return { ok: true, row: build(kind, source.line, values, place) as RowOf[K] };
}

type Values = Record<string, unknown>;
interface Place {
  readonly geometry?: AreaGeometry;
  readonly location?: Position;
}

/**
 * The row's geometry (GeoJSON) or its lng/lat, checked and in WGS-84. `values` are the row's
 * parsed fields, absent when some field failed: the row is rejected then, and only the place's
 * own problems are wanted from here.
 */
function readPlace(kind: ImportKind, source: SourceRow, values: Values | undefined, crs: Crs): Place {
  // People have no place of their own: their jurisdiction names the places.
  if (kind === 'staff' || kind === 'people') return {};
  const geometry = source.geometry === undefined || source.geometry === null ? undefined : readGeometry(kind, source.geometry);
  const lng = source.values.lng;
  const lat = source.values.lat;
  if (given(lng) !== given(lat)) {
    const missing = given(lng) ? 'lat' : 'lng';
    throw new RowError(`${fieldLabel(missing, source.mapping)}: is required with ${fieldLabel(missing === 'lat' ? 'lng' : 'lat', source.mapping)}`);
  }
  if (geometry?.type === 'Point') return { location: positionToWgs84(geometry.coordinates, crs) };
  if (geometry) return { geometry: validArea(kind, geometryToWgs84(geometry, crs)) };
  if (given(lng)) {
    // A bad number is reported by the field schemas; there is no place to give then.
    if (!values) return {};
    return { location: positionToWgs84([values.lng as number, values.lat as number], crs) };
  }
  if (kind === 'communities') throw new RowError('geometry: a community needs a Polygon or MultiPolygon boundary');
  if (kind === 'buildings') return {};
  const where = source.geometry === undefined ? 'lng, lat' : 'geometry';
  throw new RowError(`${where}: give a location (lng and lat${kind === 'compounds' ? ', or a polygon' : ''})`);
}

function readGeometry(kind: ImportKind, raw: unknown): Geometry {
  const allowed = GEOMETRY_TYPES[kind];
  const type = (raw as { type?: unknown }).type;
  if (typeof raw !== 'object' || typeof type !== 'string') throw new RowError('geometry: is not a GeoJSON geometry');
  if (!(allowed as readonly string[]).includes(type)) {
    throw new RowError(`geometry: must be ${allowed.join(' or ')} for ${kind}, not ${type}`);
  }
  const coordinates = (raw as { coordinates?: unknown }).coordinates;
  const parsed = AnyGeometry.safeParse({ type, coordinates: flatten2d(coordinates) }, { error: messages });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RowError(`geometry${issue && issue.path.length > 0 ? `.${issue.path.map(String).join('.')}` : ''}: ${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data;
}

/** What each kind's polygon outlines, for its caps (exits take points only). */
const AREA_OF: Readonly<Record<ImportKind, AreaLimits>> = {
  compounds: AREA_LIMITS.compound,
  buildings: AREA_LIMITS.building,
  exits: AREA_LIMITS.building,
  communities: AREA_LIMITS.community,
  staff: AREA_LIMITS.building,
  people: AREA_LIMITS.building,
};

/**
 * The polygon, if it is a valid area within its kind's caps. Checked in WGS-84, after the
 * conversion, since that is what is stored: rounding to 1e-7° could fold a ring a few
 * centimetres across.
 */
function validArea(kind: ImportKind, geometry: AreaGeometry): AreaGeometry {
  const [problem] = areaProblems(geometry, AREA_OF[kind]);
  if (problem) throw new RowError(`geometry${problem.path.map((p) => `.${String(p)}`).join('')}: ${problem.message}`);
  return geometry;
}

/** Positions with an altitude ([lng, lat, z]) lose it: Cordon's maps are flat. */
function flatten2d(coordinates: unknown): unknown {
  if (!Array.isArray(coordinates)) return coordinates;
  if (coordinates.length >= 2 && typeof coordinates[0] === 'number') return coordinates.slice(0, 2);
  return coordinates.map(flatten2d);
}

const given = (v: unknown) => blank(v) !== undefined;

/** The first reference the row gives (readRow has made sure there is one). */
function compoundRef(values: Values): CompoundRef {
  const ext = values.compound_external_id as string | undefined;
  const id = values.compound_id as string | undefined;
  if (ext !== undefined) return { by: 'externalId', value: ext };
  if (id !== undefined) return { by: 'id', value: id };
  return { by: 'name', value: values.compound_name as string };
}

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

function build(kind: ImportKind, line: number, v: Values, place: Place): RowOf[ImportKind] {
  switch (kind) {
    case 'compounds':
      return defined<CompoundRow>({
        line,
        externalId: v.external_id as string | undefined,
        name: v.name as string,
        address: v.address as string | undefined,
        status: v.status as CompoundStatus | undefined,
        propertyManaged: v.property_managed as boolean | undefined,
        community: v.community_id as string | undefined,
        areaM2: v.area_m2 as number | undefined,
        ...place,
      });
    case 'buildings':
      return defined<BuildingRow>({
        line,
        externalId: v.external_id as string | undefined,
        compound: compoundRef(v),
        name: v.name as string,
        grid: v.grid_id as string | undefined,
        units: v.units as number,
        floors: v.floors as number,
        householdsPerFloor: v.households_per_floor as number,
        ...place,
      });
    case 'exits':
      return defined<ExitRow>({
        line,
        externalId: v.external_id as string | undefined,
        compound: compoundRef(v),
        name: v.name as string,
        kind: v.kind as Exit['kind'] | undefined,
        status: v.status as Exit['status'],
        location: place.location as Position,
      });
    case 'communities':
      return defined<CommunityRow>({
        line,
        externalId: v.external_id as string,
        name: v.name as string,
        streetId: v.street_id as string,
        streetName: v.street_name as string | undefined,
        boundary: place.geometry as AreaGeometry,
      });
    case 'staff':
      return defined<StaffRow>({
        line,
        username: v.username as string,
        name: v.name as string,
        role: v.role as StaffRow['role'],
        // Only the columns given: which of them the role needs is the creation's to check.
        jurisdiction: defined({
          streetId: v.street_id as string | undefined,
          communityId: v.community_id as string | undefined,
          gridId: v.grid_id as string | undefined,
          compoundIds: v.compound_ids as string[] | undefined,
          exitIds: v.exit_ids as string[] | undefined,
        }),
        phone: v.phone as string | undefined,
        email: v.email as string | undefined,
      });
    case 'people':
      return defined<PersonRow>({
        line,
        name: v.name as string,
        phone: v.phone as string | undefined,
        idNumber: v.id_number as string | undefined,
        compound: compoundRef(v),
        building: v.building as string,
        unit: v.unit as string | undefined,
        room: v.room as string | undefined,
        category: v.category as CareCategory,
        reason: v.reason as string,
        startDate: v.start_date as string | undefined,
        pairedWith: v.paired_with as string | undefined,
      });
  }
}

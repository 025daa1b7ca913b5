/**
 * The demo city, generated: Yingzhong street (郢中街道) of Zhongxiang with its 22 communities,
 * three-level grids, compounds with real-looking outlines, buildings with households, exits and
 * the people who staff them — the same city for the same seed. Bigger cities for benchmarks add
 * streets of about 22 communities of about 7 compounds each around the centre.
 *
 * Records are made by the registry's own rules (newCompound, entityId), with the external ids
 * the city's files carry, so importing those files lands on the same ids.
 */
import { memberIdFor, newCompound, type CompoundRecord } from '#shared/domain/compounds.ts';
import { communityIdFor } from '#shared/domain/ids.ts';
import type { Building } from '#shared/schemas/building.ts';
import type { CompoundStatus } from '#shared/schemas/compound.ts';
import type { Exit } from '#shared/schemas/exit.ts';
import type { LocalUser } from '#shared/schemas/local.ts';
import type { Community, Grid, Street } from '#shared/schemas/places.ts';
import {
  cellRing, innerRect, irregularPolygon, lattice, partition, pointsOnBoundary, projection, rectArea, rectCentre,
  ringArea, rotatedRect, sitesInside, type Rect, type XY,
} from './geometry.ts';
import {
  DEMO_COMMUNITIES, DEMO_STREET, communityRoads, compoundName, direction, exitName, placeNamer, uniqueName,
  type EstateKind, type PlaceName,
} from './names.ts';
import { apportion, createRandom, type Random } from './random.ts';
import { staffCity, type StaffedCommunity } from './staff.ts';
import { isSealed, LARGE_COMPOUND_M2 } from '#shared/domain/exits.ts';
import { SEALING_METHODS } from '#shared/schemas/exit.ts';

export interface CityOptions {
  seed?: number;
  compounds?: number;
  buildings?: number;
  center?: readonly [number, number];
}

export interface GeneratedCity {
  /** The seed it was drawn from. */
  seed: number;
  streets: Street[];
  /** With the external id their file rows carry (the id is derived from it, like an import's). */
  communities: (Community & { externalId: string })[];
  grids: (Grid & { compoundIds: string[] })[];
  compounds: CompoundRecord[];
  buildings: Building[];
  exits: Exit[];
  users: LocalUser[];
}

const DEMO_SEED = 20200219;
const DEMO_SIZE = { compounds: 160, buildings: 1600 } as const;
/** Zhongxiang's old town, on the Han river. */
const DEMO_CENTER = [112.58, 31.17] as const;
/** 07:00 on 19 February 2020 in Zhongxiang, when the closed-management notice took effect. */
const SEEDED_AT = '2020-02-18T23:00:00.000Z';
export const SEED_ACTOR = 'system:seed';

const COMMUNITIES_PER_STREET = 22;
const COMPOUNDS_PER_COMMUNITY = DEMO_SIZE.compounds / COMMUNITIES_PER_STREET;
/** Lattice spacing (m) of one community cell, how far its corners wander, and the roads. */
const CELL = { width: 1100, height: 950, jitter: 70 } as const;
const EDGE_ROAD_M = 25;
const LANE_M = 24;
/** A large estate's plot, so that its outline comes out above LARGE_COMPOUND_M2. */
const LARGE_PLOT_M2 = 420_000;
/** Ground per building, m²: old estates are dense walk-ups, new ones towers among gardens. */
const GROUND_PER_BUILDING: Record<EstateKind, number> = { old: 5000, managed: 7000, large: 9000 };

/** What a city holds, counted, for the seed's summary and the CLI. */
export function cityCounts(city: GeneratedCity): Record<string, number> {
  return {
    streets: city.streets.length,
    communities: city.communities.length,
    grids: city.grids.length,
    compounds: city.compounds.length,
    buildings: city.buildings.length,
    households: city.buildings.reduce((sum, b) => sum + b.households, 0),
    exits: city.exits.length,
  };
}

export function generateCity(options: CityOptions = {}): GeneratedCity {
  const seed = options.seed ?? DEMO_SEED;
  const compoundCount = Math.max(0, Math.floor(options.compounds ?? DEMO_SIZE.compounds));
  const buildingCount = Math.max(
    0,
    Math.floor(options.buildings ?? (options.compounds === undefined ? DEMO_SIZE.buildings : compoundCount * 10)),
  );
  const random = createRandom(seed);
  const toLngLat = projection(options.center ?? DEMO_CENTER);
  const ring = (points: readonly XY[]) => points.map(toLngLat);

  const places = layOutPlaces(random, Math.max(1, Math.round(compoundCount / COMPOUNDS_PER_COMMUNITY)), ring);
  const plans = planCompounds(random, places.communities, compoundCount);
  const compounds = recordCompounds(random, plans, ring);
  const sites = planBuildings(random, plans, compounds, buildingCount);
  const grids = drawGrids(random, places.communities, plans, compounds, sites);
  const buildings = sites.map((site) => buildingRecord(site, grids.gridOfSite.get(site) ?? null, toLngLat));
  const exits = planExits(random, plans, compounds, toLngLat);

  for (const [i, compound] of compounds.entries()) compounds[i] = { ...compound, gridIds: grids.gridsOfCompound.get(compound.id) ?? [] };
  const byCommunity = Map.groupBy(compounds, (c) => c.communityId);
  const exitsByCompound = Map.groupBy(exits, (e) => e.compoundId);
  const staffed: StaffedCommunity[] = places.communities.map((p) => ({
    id: p.community.id, streetId: p.community.streetId, slug: p.name.slug, compounds: byCommunity.get(p.community.id) ?? [],
  }));
  const users = staffCity(random, { streets: places.streets, communities: staffed, grids: grids.grids, exitsByCompound });

  return {
    seed,
    streets: places.streets,
    communities: places.communities.map((p) => p.community),
    grids: grids.grids,
    compounds,
    buildings,
    exits,
    users,
  };
}

// ── Streets and communities ──────────────────────────────────────────────────────────────────

interface PlacedCommunity {
  readonly community: Community & { externalId: string };
  readonly name: PlaceName;
  readonly street: Street;
  readonly roads: string[];
  /** Where its compounds go: inside its boundary, clear of the roads along it. */
  readonly block: Rect;
}

/**
 * Streets are blocks of a lattice (6 × 4 cells), placed nearest the centre first; two cells
 * side by side are merged into one community until the street has its count.
 */
function layOutPlaces(
  random: Random,
  communityCount: number,
  ring: (points: readonly XY[]) => [number, number][],
): { streets: Street[]; communities: PlacedCommunity[] } {
  const streetCount = Math.max(Math.ceil(communityCount / 24), Math.round(communityCount / COMMUNITIES_PER_STREET));
  const perStreet = apportion(communityCount, Array.from({ length: streetCount }, () => 1));
  const block = streetCount > 1 ? { columns: 6, rows: 4 } : blockFor(communityCount);
  const across = Math.max(1, Math.round(Math.sqrt((streetCount * block.rows * CELL.height) / (block.columns * CELL.width))));
  const down = Math.ceil(streetCount / across);
  const slots = Array.from({ length: across * down }, (_, i) => [i % across, Math.floor(i / across)] as const)
    .map(([bx, by]) => ({ bx, by, d: Math.hypot(bx + 0.5 - across / 2, (by + 0.5 - down / 2) * (block.rows * CELL.height) / (block.columns * CELL.width)) }))
    .sort((a, b) => a.d - b.d);
  const grid = lattice(random, { columns: across * block.columns, rows: down * block.rows, ...CELL });

  const streetNames = placeNamer(random);
  const communityNames = placeNamer(random);
  const streets: Street[] = [];
  const communities: PlacedCommunity[] = [];
  perStreet.forEach((count, s) => {
    const slot = slots[s] ?? { bx: 0, by: 0 };
    const streetName = streetNames(s === 0 ? DEMO_STREET : undefined);
    const street: Street = { id: `st-${streetName.slug}`, name: `${streetName.short}街道` };
    streets.push(street);
    for (const cell of cellsOfBlock(random, block, count)) {
      const demo = s === 0 && communities.length < DEMO_COMMUNITIES.length;
      const name = communityNames(demo ? DEMO_COMMUNITIES[communities.length] : undefined);
      const column0 = slot.bx * block.columns + cell.column0;
      const column1 = slot.bx * block.columns + cell.column1;
      const row = slot.by * block.rows + cell.row;
      const inner = innerRect(grid, column0, column1, row, EDGE_ROAD_M);
      const communityName = `${name.short}社区`;
      const community = {
        id: communityIdFor(name.slug),
        externalId: name.slug,
        name: communityName,
        streetId: street.id,
        boundary: { type: 'Polygon' as const, coordinates: [ring(cellRing(grid, column0, column1, row))] },
      };
      communities.push({ community, name, street, roads: communityRoads(random, name, demo), block: inner });
    }
  });
  return { streets, communities };
}

/** Lattice cells of one street for a city of a single small street. */
function blockFor(communities: number): { columns: number; rows: number } {
  if (communities >= 12) return { columns: 6, rows: 4 };
  const rows = Math.max(1, Math.round(Math.sqrt(communities / 1.5)));
  return { columns: Math.ceil(communities / rows), rows };
}

/** The cells of a street, row by row, with pairs merged until `count` remain. */
function cellsOfBlock(
  random: Random,
  block: { columns: number; rows: number },
  count: number,
): { column0: number; column1: number; row: number }[] {
  const pairs = Array.from({ length: block.rows * Math.floor(block.columns / 2) }, (_, i) => i);
  const merged = new Set(random.shuffled(pairs).slice(0, Math.max(0, block.columns * block.rows - count)));
  const pairsPerRow = Math.floor(block.columns / 2);
  const cells: { column0: number; column1: number; row: number }[] = [];
  for (let row = 0; row < block.rows; row++) {
    for (let column = 0; column < block.columns; ) {
      const pair = column % 2 === 0 && column + 1 < block.columns && merged.has(row * pairsPerRow + column / 2);
      cells.push({ column0: column, column1: column + (pair ? 2 : 1), row });
      column += pair ? 2 : 1;
    }
  }
  return cells.slice(0, count);
}

// ── Compounds ────────────────────────────────────────────────────────────────────────────────

interface CompoundPlan {
  readonly place: PlacedCommunity;
  readonly kind: EstateKind;
  readonly externalId: string;
  readonly name: string;
  readonly address: string;
  /** Outline in metres, counter-clockwise and closed. */
  readonly outline: XY[];
  /** The plot's centre (the outline is star-shaped around it) and the estate's axis. */
  readonly centre: XY;
  readonly axis: number;
}

function planCompounds(random: Random, places: readonly PlacedCommunity[], total: number): CompoundPlan[] {
  const counts = apportion(total, places.map(() => random.between(0.7, 1.3)), 1);
  const largeCount = total >= 20 ? Math.max(1, Math.round(total * 0.025)) : 0;
  const withLarge = new Set(random.shuffled(places.map((_, i) => i).filter((i) => (counts[i] ?? 0) > 0)).slice(0, largeCount));
  const namesOfStreet = new Map<string, Set<string>>();
  const plans: CompoundPlan[] = [];
  places.forEach((place, p) => {
    const n = counts[p] ?? 0;
    const kinds: EstateKind[] = Array.from({ length: n }, (_, i) =>
      i === 0 && withLarge.has(p) ? 'large' : random.chance(0.35) ? 'old' : 'managed');
    const weights = kinds.map((kind) => (kind === 'old' ? 0.55 * random.between(0.8, 1.2) : random.between(0.8, 1.3)));
    if (kinds[0] === 'large' && n > 1) {
      // The large estate's plot gets the share of the block that makes it large enough.
      const share = Math.min(0.85, LARGE_PLOT_M2 / rectArea(place.block));
      weights[0] = (share / (1 - share)) * weights.slice(1).reduce((s, w) => s + w, 0);
    }
    const plots = partition(place.block, weights, LANE_M);
    const taken = namesOfStreet.get(place.street.id) ?? new Set<string>();
    namesOfStreet.set(place.street.id, taken);
    const numbers = new Map<string, number>();
    kinds.forEach((kind, i) => {
      const plot = plots[i] as Rect;
      const { outline, axis } = outlineFor(random, kind, plot);
      const road = random.pick(place.roads);
      const number = (numbers.get(road) ?? random.int(0, 12)) + random.int(2, 24);
      numbers.set(road, number);
      plans.push({
        place,
        kind,
        externalId: `${place.name.slug}-${String(i + 1).padStart(2, '0')}`,
        name: uniqueName(compoundName(random, kind, place.name), taken),
        address: `${place.street.name}${road}${number}号`,
        outline,
        centre: rectCentre(plot),
        axis,
      });
    });
  });
  return plans;
}

/** Large estates are near-rectangles filling their plot; others irregular 5–8-gons or turned rectangles. */
function outlineFor(random: Random, kind: EstateKind, plot: Rect): { outline: XY[]; axis: number } {
  if (kind === 'large') {
    const axis = random.between(-0.07, 0.07);
    return { outline: rotatedRect(plot, axis, 0.96), axis };
  }
  if (random.chance(kind === 'old' ? 0.3 : 0.5)) {
    const axis = random.between(-0.2, 0.2);
    return { outline: rotatedRect(plot, axis, kind === 'old' ? random.between(0.75, 0.9) : random.between(0.82, 0.95)), axis };
  }
  return { outline: irregularPolygon(random, plot, random.int(5, 8)), axis: 0 };
}

/** Most compounds under closed management, a few in lockdown, some normal, one or two lifted. */
function drawStatuses(random: Random, plans: readonly CompoundPlan[]): CompoundStatus[] {
  const n = plans.length;
  const statuses: CompoundStatus[] = plans.map(() => 'closed');
  const others = random.shuffled(plans.map((_, i) => i).filter((i) => plans[i]?.kind !== 'large'));
  const quota: [CompoundStatus, number][] = [
    ['lockdown', n >= 10 ? Math.max(2, Math.round(n * 0.025)) : 0],
    ['lifted', n >= 10 ? Math.max(1, Math.round(n * 0.01)) : 0],
    ['normal', Math.round(n * 0.08)],
  ];
  let next = 0;
  for (const [status, count] of quota) {
    for (let k = 0; k < count && next < others.length; k++) statuses[others[next++] as number] = status;
  }
  return statuses;
}

function recordCompounds(random: Random, plans: readonly CompoundPlan[], ring: (p: readonly XY[]) => [number, number][]): CompoundRecord[] {
  const statuses = drawStatuses(random, plans);
  return plans.map((plan, i) =>
    newCompound(
      {
        name: plan.name,
        externalId: plan.externalId,
        address: plan.address,
        status: statuses[i],
        propertyManaged: plan.kind !== 'old',
        communityId: plan.place.community.id,
        geometry: { type: 'Polygon', coordinates: [ring(plan.outline)] },
      },
      { caller: { username: SEED_ACTOR }, at: SEEDED_AT, communities: [plan.place.community] },
    ));
}

// ── Buildings and grids ──────────────────────────────────────────────────────────────────────

interface BuildingSite {
  readonly compoundId: string;
  readonly externalId: string;
  readonly name: string;
  readonly at: XY;
  readonly units: number;
  readonly floors: number;
  readonly householdsPerFloor: number;
}

type PlannedSite = BuildingSite & { readonly plan: CompoundPlan };

function planBuildings(random: Random, plans: readonly CompoundPlan[], compounds: readonly CompoundRecord[], total: number): PlannedSite[] {
  const counts = apportion(total, plans.map((p) => ringArea(p.outline) / GROUND_PER_BUILDING[p.kind]), 1);
  return plans.flatMap((plan, i) => {
    const compoundId = compounds[i]?.id ?? '';
    return sitesInside(plan.outline, plan.centre, plan.axis, counts[i] ?? 0).map((at, k) => ({
      plan,
      compoundId,
      externalId: `${plan.externalId}-b${String(k + 1).padStart(2, '0')}`,
      name: `${k + 1}栋`,
      at,
      ...buildingLayout(random, plan.kind),
    }));
  });
}

/** Old estates: walk-ups of 5–7 floors, two flats a landing; new estates: towers of 11–33 floors. */
function buildingLayout(random: Random, kind: EstateKind): Pick<BuildingSite, 'units' | 'floors' | 'householdsPerFloor'> {
  if (kind === 'old') {
    return {
      units: random.weighted([[1, 1], [2, 3], [3, 3], [4, 2], [5, 1], [6, 1]]),
      floors: random.int(5, 7),
      householdsPerFloor: 2,
    };
  }
  const band = random.weighted([[[11, 18], 5], [[18, 26], 3], [[26, 33], 2]] as const);
  return {
    units: random.weighted([[1, 3], [2, 4], [3, 2]]),
    floors: random.int(band[0], band[1]),
    householdsPerFloor: random.weighted([[2, 5], [3, 2], [4, 2]]),
  };
}

function buildingRecord(site: BuildingSite, gridId: string | null, toLngLat: (p: XY) => [number, number]): Building {
  const location = toLngLat(site.at);
  return {
    id: memberIdFor('building', site, location),
    compoundId: site.compoundId,
    externalId: site.externalId,
    name: site.name,
    gridId,
    units: site.units,
    floors: site.floors,
    householdsPerFloor: site.householdsPerFloor,
    households: site.units * site.floors * site.householdsPerFloor,
    location,
    geometry: null,
    updatedAt: SEEDED_AT,
    updatedBy: SEED_ACTOR,
  };
}

/**
 * Level-3 grids: 3–5 per community, each a run of neighbouring buildings, so a grid may span
 * compounds and a compound may lie in two grids. Each grid has its grid worker.
 */
function drawGrids(
  random: Random,
  places: readonly PlacedCommunity[],
  plans: readonly CompoundPlan[],
  compounds: readonly CompoundRecord[],
  sites: readonly PlannedSite[],
): {
  grids: (Grid & { compoundIds: string[] })[];
  gridOfSite: Map<BuildingSite, string>;
  gridsOfCompound: Map<string, string[]>;
} {
  const sitesOf = Map.groupBy(sites, (site) => site.plan.place);
  const compoundsOf = Map.groupBy(compounds.map((c, i) => ({ id: c.id, place: plans[i]?.place })), (c) => c.place);

  const grids: (Grid & { compoundIds: string[] })[] = [];
  const gridOfSite = new Map<BuildingSite, string>();
  const gridsOfCompound = new Map<string, string[]>();
  const join = (compoundId: string, grid: Grid & { compoundIds: string[] }) => {
    const ids = gridsOfCompound.get(compoundId) ?? [];
    if (!ids.includes(grid.id)) gridsOfCompound.set(compoundId, [...ids, grid.id].sort());
    if (!grid.compoundIds.includes(compoundId)) grid.compoundIds.push(compoundId);
  };
  for (const place of places) {
    const inPlace = sitesOf.get(place) ?? [];
    const count = inPlace.length === 0 ? 1 : Math.min(random.int(3, 5), inPlace.length);
    const mine = Array.from({ length: count }, (_, g) => ({
      id: `g-${place.name.slug}-${g + 1}`,
      name: `${place.community.name}第${g + 1}网格`,
      communityId: place.community.id,
      streetId: place.community.streetId,
      workers: [`grid-${place.name.slug}-${g + 1}`],
      compoundIds: [] as string[],
    }));
    inPlace.forEach((site, j) => {
      const grid = mine[Math.floor((j * count) / inPlace.length)] as (typeof mine)[number];
      gridOfSite.set(site, grid.id);
      join(site.compoundId, grid);
    });
    // A compound without buildings still belongs to the grid around it.
    const placeCompounds = compoundsOf.get(place) ?? [];
    placeCompounds.forEach(({ id }, i) => {
      if (!gridsOfCompound.has(id)) join(id, mine[Math.floor((i * count) / placeCompounds.length)] as (typeof mine)[number]);
    });
    grids.push(...mine);
  }
  return { grids, gridOfSite, gridsOfCompound };
}

// ── Exits ────────────────────────────────────────────────────────────────────────────────────

const EXIT_COUNTS: Record<EstateKind, readonly (readonly [number, number])[]> = {
  old: [[1, 4], [2, 4], [3, 2]],
  managed: [[2, 4], [3, 4], [4, 2]],
  large: [[3, 1], [4, 1]],
};

/**
 * Gates on the fence, 1–4 a compound. Under closed management one stays open (two for a large
 * compound) and the rest are sealed — except in a few compounds that keep surplus gates open,
 * for the officials to find. Normal and lifted compounds have every gate open.
 */
function planExits(
  random: Random,
  plans: readonly CompoundPlan[],
  compounds: readonly CompoundRecord[],
  toLngLat: (p: XY) => [number, number],
): Exit[] {
  const gates = plans.map((plan) => {
    const points = pointsOnBoundary(random, plan.outline, random.weighted(EXIT_COUNTS[plan.kind]));
    const taken = new Set<string>();
    return points.map((at, k) => {
      const kind = k === 0 ? ('mixed' as const) : random.weighted([['pedestrian', 5], ['vehicle', 3], ['mixed', 2]] as const);
      return { at, kind, name: exitName(direction(Math.atan2(at[1] - plan.centre[1], at[0] - plan.centre[0])), kind, taken) };
    });
  });
  const large = (c: CompoundRecord | undefined) => (c?.areaM2 ?? 0) >= LARGE_COMPOUND_M2;
  const eligible = compounds
    .map((c, i) => i)
    .filter((i) => compounds[i]?.status === 'closed' && !large(compounds[i]) && (gates[i]?.length ?? 0) >= 2);
  const surplus = new Set(
    random.shuffled(eligible).slice(0, compounds.length >= 10 ? Math.max(2, Math.round(compounds.length * 0.05)) : 0),
  );
  // One lockdown compound keeps its gate open to ordinary traffic, for the officials to find;
  // the others restrict it to medical, supply and emergency passage. Every 20th sealed gate of a
  // sealed compound still waits for its sealing to be confirmed. No random draws: the rest of the
  // city (and its users) stay as they were before exits carried these facts.
  const lax = compounds.find((c) => c.status === 'lockdown')?.id;
  let sealedGates = 0;
  return compounds.flatMap((compound, i) => {
    const own = gates[i] ?? [];
    const open =
      compound.status === 'normal' || compound.status === 'lifted'
        ? own.length
        : surplus.has(i)
          ? random.int(2, own.length)
          : compound.status === 'closed' && large(compound)
            ? Math.min(2, own.length)
            : 1;
    return own.map((gate, k): Exit => {
      const externalId = `${plans[i]?.externalId ?? compound.id}-e${k + 1}`;
      const location = toLngLat(gate.at);
      return {
        id: memberIdFor('exit', { externalId, name: gate.name }, location),
        compoundId: compound.id,
        externalId,
        name: gate.name,
        kind: gate.kind,
        status: k < open ? 'open' : 'sealed',
        ...(k === 0 ? { main: true } : {}),
        ...(compound.status === 'lockdown' && k < open && compound.id !== lax ? { restricted: true } : {}),
        ...(k >= open && isSealed(compound.status) && ++sealedGates % 20 !== 0
          ? { sealing: { method: SEALING_METHODS[(i + k) % SEALING_METHODS.length] ?? 'fence', confirmedAt: SEEDED_AT, confirmedBy: SEED_ACTOR } }
          : {}),
        location,
        updatedAt: SEEDED_AT,
        updatedBy: SEED_ACTOR,
      };
    });
  });
}

/**
 * Writes a generated city into the table, once: streets, communities, grids, compounds (each with
 * its 'create' audit record by `system:seed`), buildings and exits, through the registry's own
 * item shapes, and the checkpoints at work (duty.ts: shifts, clock-ins, responsibility lists,
 * passes, the exits judged), cases and disinfection rounds (disinfection.ts), a running sweep
 * (sweep.ts), drop-off points and passes at the staffed compounds (drop-off.ts, passes.ts), households'
 * links and orders in every state (orders.ts, through the stores after the batch), then a marker. With the marker present the seed is skipped unless forced; every id
 * and key is deterministic, so a forced or interrupted re-run rewrites the same items.
 */
import { AUDITED_COMPOUND_FIELDS } from '#shared/domain/compounds.ts';
import { diff } from '#shared/domain/audit.ts';
import { keys } from '#shared/table.ts';
import { auditItem } from '#functions/stores/audit-store.ts';
import { nowIso } from '#functions/platform/clock.ts';
import { buildingItem, compoundWriteItem } from '#functions/stores/compound-store.ts';
import { communityItem, forgetPlaces, gridItem, streetItem } from '#functions/stores/places-store.ts';
import { planItemsOf } from '#functions/stores/plan-store.ts';
import { batchWrite, getItem, putItem, type Item } from '#functions/platform/table.ts';
import { cityCounts, SEED_ACTOR, type GeneratedCity } from './city.ts';
import { disinfectionSeed } from './disinfection.ts';
import { dropOffSeed } from './drop-off.ts';
import { dutySeed } from './duty.ts';
import { seedOrders } from './orders.ts';
import { passSeed } from './passes.ts';
import { sweepSeed } from './sweep.ts';

/** Written last, so a seed that stopped half-way runs again next time. */
const MARKER = keys.seed('demo');
/**
 * Raised whenever the demo city gains something (2: duty, rules, passes and responsibility lists;
 * 3: cases and yesterday's and today's disinfection rounds, with a missed round; 4: a running
 * sweep and a hand-launched round, so every role has work on first start; 5: drop-off points;
 * 6: passes of residents, commuters, vehicles and service staff at every staffed compound;
 * 7: volunteers, households' links and orders in every state),
 * so a table seeded by an older version is seeded again — every write is keyed, nothing doubles.
 */
const SEED_VERSION = 7;
/** Batch calls in flight: DynamoDB Local keeps up with this many, and a 100k-building city seeds in minutes, not hours. */
const CONCURRENCY = 16;

export interface SeedResult {
  readonly seeded: boolean;
  readonly counts: Record<string, number>;
}

const readMarker = () => getItem<Item>(MARKER, { consistent: true });

export async function isSeeded(): Promise<boolean> {
  return (await readMarker())?.version === SEED_VERSION;
}

export async function seedCity(city: GeneratedCity, options: { force?: boolean } = {}): Promise<SeedResult> {
  if (!options.force) {
    const marker = await readMarker();
    if (marker?.version === SEED_VERSION) return { seeded: false, counts: (marker.counts as Record<string, number> | undefined) ?? {} };
  }
  // One instant for every part: the city is a picture of one moment (rounds done by then, shifts running then).
  const now = nowIso();
  const duty = dutySeed(city, now, SEED_ACTOR);
  const disinfection = disinfectionSeed(city, now, SEED_ACTOR);
  const sweep = sweepSeed(city, now);
  const dropOff = dropOffSeed(city, now, SEED_ACTOR);
  const passes = passSeed(city, now, SEED_ACTOR);
  const counts = { ...cityCounts(city), ...duty.counts, ...disinfection.counts, ...sweep.counts, ...dropOff.counts, ...passes.counts };
  const members = [...city.buildings.map(buildingItem), ...duty.exits];
  await batchWrite(
    [
      ...city.streets.map(streetItem),
      ...city.communities.map(communityItem),
      ...city.grids.map(gridItem),
      ...city.compounds.flatMap((compound) => [compoundWriteItem(compound), creationAudit(compound)]),
      ...members,
      // Each compound's fan-out plan, as the expander would build it from these items.
      ...planItemsOf(city.compounds.map((c) => c.id), members),
      ...duty.others,
      ...disinfection.items,
      ...sweep.items,
      ...dropOff.items,
      ...passes.items,
    ],
    { concurrency: CONCURRENCY },
  );
  forgetPlaces();
  const orders = await seedOrders(city, now);
  const all = { ...counts, ...orders };
  await putItem({ ...MARKER, type: 'seed', version: SEED_VERSION, seed: city.seed, counts: all, seededAt: nowIso() });
  return { seeded: true, counts: all };
}

/**
 * The compound's 'create' record. Its key is fixed by the compound and its creation time, where
 * the API's records take a random suffix, so re-seeding rewrites it instead of adding another.
 */
function creationAudit(compound: GeneratedCity['compounds'][number]): Item {
  return auditItem({
    entity: 'COMPOUND',
    entityId: compound.id,
    action: 'create',
    caller: { username: SEED_ACTOR, role: 'city' },
    at: compound.createdAt,
    changes: diff(undefined, compound, AUDITED_COMPOUND_FIELDS),
    source: 'seed:demo',
    unique: 'seed',
  });
}

/**
 * Households (`HOUSEHOLD#<hid> / META`, issue 18): the subject of a household link and of every
 * order. Written once, the first time a link is made or an order entered for the address, from
 * the compound and building as they were then; its id is the address's own (householdIdOf), so
 * making it again for the same door finds the same record.
 */
import { householdIdOf, type Household } from '#shared/domain/households.ts';
import { message } from '#shared/messages/message.ts';
import { canSeeCompound, type Caller } from '#shared/roles.ts';
import type { HouseholdAddress } from '#shared/schemas/order.ts';
import { keys } from '#shared/table.ts';
import { getBuilding, getCompound } from './compound-store.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/errors.ts';
import { withoutKeys } from '../platform/list-sources.ts';
import { getItem, putItem, type Item } from '../platform/table.ts';

export type { Household } from '#shared/domain/households.ts';

const householdFromItem = (item: Item): Household => {
  const household = withoutKeys<Household & { type?: string }>(item);
  const { type: _type, ...rest } = household;
  return rest;
};

export async function getHousehold(householdId: string, options: { consistent?: boolean } = {}): Promise<Household | undefined> {
  const item = await getItem<Item>(keys.household(householdId), options);
  return item ? householdFromItem(item) : undefined;
}

/**
 * Whether the caller's jurisdiction covers the household: the compound's place for overseers and
 * community staff; for a grid worker the building's grid (the household's gridIds), so a compound
 * split between grids gives each grid worker their own buildings' doors.
 */
export const canReachHousehold = (caller: Caller, household: Household): boolean =>
  canSeeCompound(caller, { id: household.compoundId, streetId: household.streetId, communityId: household.communityId, gridIds: household.gridIds });

// The room stays out: a refusal's English reaches the logs.
const asked = (address: HouseholdAddress) => message('thing.household', { building: address.buildingId, compound: address.compoundId });

/**
 * The household at this address, its record written the first time (compound and building read:
 * no compound or no such building in it → 404). With a caller, the household must lie within
 * their jurisdiction (403) — checked before anything is written, and on the stored record once
 * there is one, so a known household costs one read.
 */
export async function ensureHousehold(address: HouseholdAddress, caller?: Caller): Promise<Household> {
  const id = householdIdOf(address);
  const known = await getHousehold(id);
  const household = known ?? (await householdAt(id, address));
  if (caller && !canReachHousehold(caller, household)) throw new ForbiddenError(message('access.outside', { what: asked(address) }));
  return known ?? (await writeOnce(household));
}

/** The household as the compound and building make it now (404 when either is missing). */
async function householdAt(id: string, address: HouseholdAddress): Promise<Household> {
  const [compound, building] = await Promise.all([getCompound(address.compoundId), getBuilding(address.compoundId, address.buildingId)]);
  if (!compound) throw new NotFoundError(message('access.no-compound', { id: address.compoundId }));
  if (!building) throw new NotFoundError(message('access.no-building', { building: address.buildingId, compound: address.compoundId }));
  return {
    id,
    compoundId: compound.id,
    compoundName: compound.name,
    communityId: compound.communityId,
    streetId: compound.streetId,
    // A building no grid was given to stays with the compound's grids, so some grid worker still reaches it.
    gridIds: building.gridId ? [building.gridId] : [...compound.gridIds],
    buildingId: building.id,
    buildingName: building.name,
    room: address.room.trim(),
  };
}

async function writeOnce(household: Household): Promise<Household> {
  try {
    await putItem({ ...keys.household(household.id), type: 'household', ...household }, { condition: 'attribute_not_exists(pk)', conflict: 'household written meanwhile' });
    return household;
  } catch (error) {
    // Two first calls for one door at once: the other one wrote it; its record stands.
    if (!(error instanceof ConflictError)) throw error;
    const stored = await getHousehold(household.id, { consistent: true });
    if (!stored) throw error;
    return stored;
  }
}

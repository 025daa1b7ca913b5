/**
 * The demo city's people: one or more users per role, each bound to the places they work in.
 * Every grid has its grid worker, every open exit of a sealed compound its duty staff, every
 * community its disinfection team and its admin. The handiest users for a demo come first.
 */
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import type { Role } from '#shared/roles.ts';
import type { Exit } from '#shared/schemas/exit.ts';
import type { LocalUser } from '#shared/schemas/local.ts';
import type { Grid, Street } from '#shared/schemas/places.ts';
import { personNamer } from './names.ts';
import type { Random } from './random.ts';
import { isSealed } from '#shared/domain/exits.ts';

export interface StaffedCommunity {
  readonly id: string;
  readonly streetId: string;
  readonly slug: string;
  /** In the order of their external ids (slug-01, slug-02 …). */
  readonly compounds: readonly CompoundRecord[];
}

export interface Staffing {
  readonly streets: readonly Street[];
  readonly communities: readonly StaffedCommunity[];
  readonly grids: readonly Grid[];
  readonly exitsByCompound: ReadonlyMap<string, readonly Exit[]>;
}


export function staffCity(random: Random, staffing: Staffing): LocalUser[] {
  const nameOf = personNamer(random);
  const user = (username: string, role: Role, jurisdiction: LocalUser['jurisdiction']): LocalUser => ({
    username, name: nameOf(), role, jurisdiction,
  });

  const city = [user('city-1', 'city', {}), user('city-2', 'city', {})];
  const officials = [
    user('official-city', 'official', {}),
    ...staffing.streets.map((street, i) =>
      user(i === 0 ? 'official-street' : `official-street-${i + 1}`, 'official', { streetId: street.id })),
  ];
  const admins = staffing.communities.map((c) =>
    user(`community-${c.slug}`, 'community', { streetId: c.streetId, communityId: c.id }));
  const gridWorkers = staffing.grids.flatMap((g) =>
    g.workers.map((username) => user(username, 'grid', { streetId: g.streetId, communityId: g.communityId, gridId: g.id })));
  const duty: LocalUser[] = [];
  for (const community of staffing.communities) {
    community.compounds.forEach((compound, i) => {
      // Only a sealed compound's open exits are checkpoints that need people on duty.
      if (!isSealed(compound.status)) return;
      const open = (staffing.exitsByCompound.get(compound.id) ?? []).filter((e) => e.status === 'open');
      if (open.length === 0) return;
      duty.push(user(`duty-${community.slug}-${i + 1}`, 'duty', { compoundIds: [compound.id], exitIds: open.map((e) => e.id) }));
    });
  }
  const disinfection = staffing.communities
    .filter((c) => c.compounds.length > 0)
    .map((c) => user(`disinfection-${c.slug}`, 'disinfection', { compoundIds: c.compounds.map((x) => x.id) }));
  // Two volunteers (志愿者) per community carry its proxy purchases (issue 18).
  const volunteers = staffing.communities.flatMap((c) =>
    [1, 2].map((n) => user(`volunteer-${c.slug}-${n}`, 'volunteer', { streetId: c.streetId, communityId: c.id })));

  // A demo starts with a closed compound's duty staff in the first community, if there is one.
  const first = staffing.communities[0];
  const handyDuty =
    duty.find((u) => first?.compounds.some((c) => c.status === 'closed' && u.jurisdiction.compoundIds?.includes(c.id))) ?? duty[0];
  const handy = [city[0], officials[0], admins[0], gridWorkers[0], handyDuty, disinfection[0], volunteers[0]].filter(
    (u): u is LocalUser => u !== undefined,
  );
  const rest = [...city, ...officials, ...admins, ...gridWorkers, ...duty, ...disinfection, ...volunteers].filter((u) => !handy.includes(u));
  return [...handy, ...rest];
}

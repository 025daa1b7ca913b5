/**
 * The demo city's checkpoints at work, relative to the moment it is seeded: 3 × 8 h shifts on the
 * UTC grid (00/08/16) for every open exit of a sealed compound, clock-ins on the shifts already
 * begun, the responsibility list of every sealed compound — and the exits judged by the rules, so
 * the unresolved list is full on first start (passes: passes.ts). Every duty user is on a shift at
 * the seeding time, at each exit they hold.
 *
 * Every twelfth checkpoint's rota stops after the current shift (no_duty_coverage), another's
 * current shift has no clock-in (missed_clock_in; on a grid shifted by 4 h when the seed runs
 * within 20 minutes of a shift's start, so the grace has run out). With the city's surplus gates,
 * unconfirmed sealings and the one lockdown gate left open, every rule has exits that break it.
 * Ids come from exit, person and start: seeding again within the same 8-hour window rewrites
 * the same items. The persons on duty are the compound's demo duty user (one login per team).
 */
import { shiftIdFor } from '#shared/domain/duty.ts';
import { HOUR_MS, isoAt, MINUTE_MS } from '#shared/domain/time.ts';
import { evaluateExits, nextCheckAt, type ExitGroup } from '#shared/domain/exit-rules.ts';
import { isSealed } from '#shared/domain/exits.ts';
import { keys } from '#shared/table.ts';
import { shiftItem, type StoredShift } from '#functions/stores/duty-store.ts';
import { rulesItem, ruleSettings, standingOf, storedExitItem } from '#functions/stores/exit-rules-store.ts';
import type { Item } from '#functions/platform/table.ts';
import type { GeneratedCity } from './city.ts';
import { personNamer } from './names.ts';
import { createRandom } from './random.ts';

const SHIFT_MS = 8 * HOUR_MS;

export interface DutySeed {
  /** Exit items with their standing (replacing the registry's plain exit items). */
  readonly exits: Item[];
  readonly others: Item[];
  readonly counts: { readonly shifts: number; readonly unresolvedExits: number };
}

export function dutySeed(city: GeneratedCity, now: string, actor: string): DutySeed {
  const t = Date.parse(now);
  const compounds = new Map(city.compounds.map((c) => [c.id, c]));
  const dutyOf = new Map(
    city.users.filter((u) => u.role === 'duty').flatMap((u) => (u.jurisdiction.compoundIds ?? []).map((id) => [id, u.username] as const)),
  );
  const checkpoints = city.exits.filter((e) => e.status === 'open' && isSealed(compounds.get(e.compoundId)?.status ?? 'normal'));
  const shifts: StoredShift[] = checkpoints.flatMap((exit, i) => {
    const person = dutyOf.get(exit.compoundId);
    if (!person) return [];
    const kind = i % 12 === 5 ? 'uncovered' : i % 12 === 7 ? 'missed' : 'regular';
    let anchor = Math.floor(t / SHIFT_MS) * SHIFT_MS;
    if (kind === 'missed' && t - anchor < 20 * MINUTE_MS) anchor = Math.floor((t - 4 * HOUR_MS) / SHIFT_MS) * SHIFT_MS + 4 * HOUR_MS;
    const count = kind === 'uncovered' ? [-1, 0] : [-1, 0, 1, 2, 3, 4];
    return count.map((k) => {
      const start = anchor + k * SHIFT_MS;
      const clockedIn = start <= t && !(kind === 'missed' && k === 0);
      return {
        id: shiftIdFor(exit.id, person, isoAt(start)), exitId: exit.id, compoundId: exit.compoundId, person,
        start: isoAt(start), end: isoAt(start + SHIFT_MS), createdAt: now, createdBy: actor,
        ...(clockedIn ? { clockInAt: isoAt(Math.min(t, start + 4 * MINUTE_MS)), clockInPosition: exit.location, clockInDistanceM: 0 } : {}),
      };
    });
  });

  const shiftsOf = Map.groupBy(shifts, (s) => s.exitId);
  const exitsOf = Map.groupBy(city.exits, (e) => e.compoundId);
  const exitItems: Item[] = [];
  const rules: Item[] = [];
  let unresolvedExits = 0;
  for (const compound of city.compounds) {
    const exits = exitsOf.get(compound.id) ?? [];
    const group: ExitGroup = {
      status: compound.status,
      areaM2: compound.areaM2,
      exits,
      shifts: new Map(exits.map((e) => [e.id, shiftsOf.get(e.id) ?? []])),
    };
    const findings = evaluateExits(group, now, ruleSettings());
    for (const exit of exits) {
      const standing = standingOf(exit, compound, findings.get(exit.id) ?? [], now);
      if (standing.unresolved) unresolvedExits++;
      // As the rules store writes it; a resolved exit is seeded without a standing, as before.
      exitItems.push(storedExitItem(standing.unresolved ? { ...exit, standing } : exit));
    }
    const next = nextCheckAt(group, now, ruleSettings());
    if (next) rules.push(rulesItem({ kind: 'compound', id: compound.id }, next));
  }

  return {
    exits: exitItems,
    others: [...shifts.map(shiftItem), ...rules, ...responsibilityLists(city, now, actor)],
    counts: { shifts: shifts.length, unresolvedExits },
  };
}

/** 责任体系公示 for every sealed compound: names drawn from their own stream, so the city's stay put. */
function responsibilityLists(city: GeneratedCity, now: string, actor: string): Item[] {
  const random = createRandom(city.seed + 5);
  const nameOf = personNamer(random);
  const phone = () => `139${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
  const person = () => ({ name: nameOf(), phone: phone() });
  return city.compounds
    .filter((c) => isSealed(c.status))
    .map((c) => ({
      ...keys.responsibility(c.id), type: 'responsibility', compoundId: c.id,
      streetLeader: person(), communityLeader: person(), responsiblePerson: person(), updatedAt: now, updatedBy: actor,
    }));
}

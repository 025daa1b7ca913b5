/**
 * How the board arranges unresolved exits: oldest first, grouped by reason (an exit with two
 * reasons stands in both groups, so each group's count is the exits breaking that rule) or by
 * community; and which resolve actions a role may take for a reason. Pure, so it is tested
 * without a browser.
 */
import type { OperationId } from '#shared/catalogue/index.ts';
import type { Role } from '#shared/roles.ts';
import { EXIT_RULE_CODES, type ExitRuleCode, type UnresolvedExit } from '#shared/schemas/exit.ts';
import { mayCall } from '../api/may.ts';

export { EXIT_RULE_CODES, type ExitRuleCode, type UnresolvedExit };

export type Grouping = 'reason' | 'community';

export interface ExitGroup {
  /** A reason code, or a community id ('' for exits of no community). */
  readonly key: string;
  readonly exits: readonly UnresolvedExit[];
}

const sinceOf = (exit: UnresolvedExit) => Date.parse(exit.since);

/** Oldest first; ties by id, so the order never flickers between loads. */
function oldestFirst(exits: readonly UnresolvedExit[]): UnresolvedExit[] {
  return [...exits].sort((a, b) => sinceOf(a) - sinceOf(b) || a.id.localeCompare(b.id));
}

export function withReason(exits: readonly UnresolvedExit[], reason: ExitRuleCode | undefined): UnresolvedExit[] {
  return reason ? exits.filter((e) => e.reasons.some((r) => r.code === reason)) : [...exits];
}

/** The five reason groups in the rules' order, empty ones left out. */
export function groupByReason(exits: readonly UnresolvedExit[]): ExitGroup[] {
  const sorted = oldestFirst(exits);
  return EXIT_RULE_CODES.map((code) => ({ key: code, exits: sorted.filter((e) => e.reasons.some((r) => r.code === code)) }))
    .filter((g) => g.exits.length > 0);
}

/** One group per community, the community with the oldest unresolved exit first. */
export function groupByCommunity(exits: readonly UnresolvedExit[]): ExitGroup[] {
  const groups = new Map<string, UnresolvedExit[]>();
  for (const exit of oldestFirst(exits)) {
    const key = exit.communityId ?? '';
    groups.set(key, [...(groups.get(key) ?? []), exit]);
  }
  return [...groups].map(([key, list]) => ({ key, exits: list }));
}

export const groupExits = (exits: readonly UnresolvedExit[], grouping: Grouping): ExitGroup[] =>
  grouping === 'reason' ? groupByReason(exits) : groupByCommunity(exits);

/** Exits counted per reason (an exit counts once under each of its reasons). */
export function countByReason(exits: readonly UnresolvedExit[]): Record<ExitRuleCode, number> {
  const counts = Object.fromEntries(EXIT_RULE_CODES.map((c) => [c, 0])) as Record<ExitRuleCode, number>;
  for (const exit of exits) for (const reason of new Set(exit.reasons.map((r) => r.code))) counts[reason] += 1;
  return counts;
}

/** The list without the given exits: what the board shows the moment an action lands. */
export const without = (exits: readonly UnresolvedExit[], ids: ReadonlySet<string>): UnresolvedExit[] =>
  exits.filter((e) => !ids.has(e.id));

/**
 * The resolve actions of the board, one per kind of fix:
 * - seal: seal the exit and confirm how in one change (a surplus open exit, an open exit in lockdown);
 * - confirmSealing: record how a sealed exit was sealed (seal_unconfirmed);
 * - restrict: keep it open to medical, supply and emergency passage only (open_in_lockdown);
 * - addShifts: post a duty rota covering the next days (no_duty_coverage);
 * - shifts: read the exit's shifts and missed clock-ins (missed_clock_in: only duty staff clock in).
 */
const ACTIONS = ['seal', 'confirmSealing', 'restrict', 'addShifts', 'shifts'] as const;
export type BoardAction = (typeof ACTIONS)[number];

const ACTIONS_OF: Record<ExitRuleCode, readonly BoardAction[]> = {
  surplus_open_exit: ['seal'],
  seal_unconfirmed: ['confirmSealing'],
  no_duty_coverage: ['addShifts', 'shifts'],
  missed_clock_in: ['shifts'],
  open_in_lockdown: ['restrict', 'seal'],
};

const OPERATION_OF: Record<BoardAction, OperationId> = {
  seal: 'patchExit',
  confirmSealing: 'patchExit',
  restrict: 'patchExit',
  addShifts: 'createShifts',
  shifts: 'listShifts',
};

/**
 * Whether a role may take an action: the route's roles from the catalogue, and for the exit
 * patch the handler's one narrowing (functions/api/exits.ts): officials inspect on site, so they
 * may confirm a sealing and change nothing else.
 */
export function mayTake(role: Role, action: BoardAction): boolean {
  if (!mayCall(role, OPERATION_OF[action])) return false;
  return role !== 'official' || OPERATION_OF[action] !== 'patchExit' || action === 'confirmSealing';
}

/** The actions an exit's reasons call for, in the reasons' order, that the role may take. */
export function actionsFor(exit: UnresolvedExit, role: Role): BoardAction[] {
  const wanted = new Set(exit.reasons.flatMap((r) => ACTIONS_OF[r.code]));
  return ACTIONS.filter((a) => wanted.has(a) && mayTake(role, a));
}

/** Roles that may act on a lockdown suggestion (seal the compound). */
export const maySeal = (role: Role): boolean => mayCall(role, 'sealCompound');

/**
 * The exit rules kept current in the table. A rule group — a compound, or an enclosure of several
 * — has a rules item (`RULES#<group>`) with an input revision and the time it must next be judged.
 *
 * Every write that can change an exit's standing (seal, lift, exit change, shift, clock-in,
 * enclosure) adds {@link touchGroup} to its own transaction: the revision goes up and the group is
 * due at once. Right after, the writer calls {@link reevaluate}, which reads the group, runs the
 * pure rules and writes each changed exit's standing (reasons, since, and the sparse index keys
 * that list it as unresolved) in one transaction conditional on the revision it read — a write that
 * raced in between makes it read again, so a stale judgement never lands. If the writer dies before
 * judging, the group is still due and the recheck job judges it. Time-based rules (coverage of the
 * next 24 h, a clock-in's grace) change without writes: the judgement stores the next moment they
 * can change, indexed by day (byParent `XDUE#<day>`), and the job judges only the groups due.
 *
 * Longer than most stores, on purpose: the rules item, the judgement and every write that marks a
 * group due share one revision check, kept in one place.
 */
import { diff } from '#shared/domain/audit.ts';
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import {
  evaluateExits, missedShifts, nextCheckAt, withSince, type ExitGroup, type Finding, type RuleSettings,
} from '#shared/domain/exit-rules.ts';
import { DAY_MS, isoAt } from '#shared/domain/time.ts';
import { isSealed } from '#shared/domain/exits.ts';
import { encodeGeohash } from '#shared/geo/geohash.ts';
import { chunks } from '#shared/parallel.ts';
import type { CompoundStatus } from '#shared/schemas/compound.ts';
import type { Exit } from '#shared/schemas/exit.ts';
import {
  CHILD_PREFIX, GEO_PARTITION_PRECISION, GEO_SORT_PRECISION, indexKeys, indexSortKeys, keys,
} from '#shared/table.ts';
import { exitItem, getCompound, saveCompound } from './compound-store.ts';
import { config } from '../platform/config.ts';
import { shiftsAround, type StoredShift } from './duty-store.ts';
import { raiseAlertOnce } from './alert-store.ts';
import { missedClockInAlert } from '#shared/domain/duty-alerts.ts';
import { SYSTEM_ACTOR } from '#shared/roles.ts';
import { enclosureIdOf, enclosureIdsOf, getEnclosure } from './enclosure-store.ts';
import { ConflictError } from '../platform/errors.ts';
import { withoutKeys } from '../platform/list-sources.ts';
import { logger } from '../platform/logger.ts';
import { getItem, queryAll, transactWrite, updateItem, type Item, type TransactOp } from '../platform/table.ts';

export interface GroupRef {
  readonly kind: 'compound' | 'enclosure';
  readonly id: string;
}

const groupKey = (group: GroupRef): string => `${group.kind === 'compound' ? 'C' : 'E'}#${group.id}`;
function parseGroupKey(key: string): GroupRef | undefined {
  const [tag, ...rest] = key.split('#');
  const id = rest.join('#');
  if (!id) return undefined;
  if (tag === 'C') return { kind: 'compound', id };
  if (tag === 'E') return { kind: 'enclosure', id };
  return undefined;
}

export const ruleSettings = (): RuleSettings => ({ clockInGraceMinutes: config().exits.clockInGraceMinutes, coverageHours: 24 });

/** The group a compound's exits are judged in: its enclosure, if it belongs to one. */
export async function groupOfCompound(compoundId: string): Promise<GroupRef> {
  const enclosureId = await enclosureIdOf(compoundId);
  return enclosureId ? { kind: 'enclosure', id: enclosureId } : { kind: 'compound', id: compoundId };
}

const day = (iso: string) => iso.slice(0, 10);
/** The keys that list a group in the due index (byParent `XDUE#<day>`) at `due`. */
const dueKeys = (key: string, due: string) => ({ gsi1pk: indexKeys.exitRulesDue(day(due)), gsi1sk: indexSortKeys.exitRulesDue(due, key) });

/** Marks the group's inputs changed and the group due now; add it to the transaction of the change. */
export const touchGroup = (group: GroupRef, now: string): TransactOp => rulesWrite(group, { due: now, bump: true });

/**
 * The write to a group's rules item: its due time (or none: out of the due index), and either a
 * new input revision (`bump`, by a change) or a check that the revision is still the one a
 * judgement read (`rev`).
 */
function rulesWrite(ref: GroupRef, options: { due: string | undefined; bump?: boolean; rev?: number }): TransactOp {
  const key = groupKey(ref);
  const { due, rev } = options;
  const index = due ? dueKeys(key, due) : undefined;
  const set = ['#type = :type', 'groupKey = :g', ...(due ? ['nextCheckAt = :due', 'gsi1pk = :duePk', 'gsi1sk = :dueSk'] : [])];
  const values: Record<string, unknown> = {
    ':type': 'exit-rules', ':g': key,
    ...(index ? { ':due': due, ':duePk': index.gsi1pk, ':dueSk': index.gsi1sk } : {}),
    ...(options.bump ? { ':one': 1 } : {}),
    ...(rev !== undefined ? { ':rev': rev } : {}),
  };
  return {
    update: {
      Key: keys.exitRules(key),
      UpdateExpression: `SET ${set.join(', ')}${due ? '' : ' REMOVE nextCheckAt, gsi1pk, gsi1sk'}${options.bump ? ' ADD rev :one' : ''}`,
      ...(rev !== undefined ? { ConditionExpression: rev === 0 ? 'attribute_not_exists(rev) OR rev = :rev' : 'rev = :rev' } : {}),
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: values,
    },
  };
}

/** What the table holds of an exit's standing, beside its registry fields. */
export interface StoredStanding {
  readonly unresolved: boolean;
  readonly reasons: readonly (Finding & { readonly since: string })[];
  readonly since?: string;
  readonly changedAt: string;
  /** The compound's name and places, for the list (kept with the standing so a page needs no joins). */
  readonly compoundName: string;
  readonly communityId: string | null;
  readonly streetId: string | null;
}

export type StoredExit = Exit & { readonly standing?: StoredStanding };
export const storedExitFromItem = (item: Item): StoredExit => withoutKeys<StoredExit>(item);

interface LoadedGroup {
  readonly compounds: readonly CompoundRecord[];
  readonly exits: readonly StoredExit[];
  readonly rule: ExitGroup;
  /** The shifts of the open exits, as stored (the rule reads their times; a missed clock-in's alert names the shift). */
  readonly shifts: ReadonlyMap<string, readonly StoredShift[]>;
}

const STRICTNESS: Record<CompoundStatus, number> = { normal: 0, lifted: 0, closed: 1, lockdown: 2 };
const strictest = (statuses: readonly CompoundStatus[]): CompoundStatus =>
  statuses.reduce<CompoundStatus>((a, b) => (STRICTNESS[b] > STRICTNESS[a] ? b : a), 'normal');

/** Reads a group: its compounds, their exits, and the shifts of the open ones. */
async function loadGroup(ref: GroupRef, now: string): Promise<LoadedGroup | undefined> {
  let compoundIds: readonly string[] = [ref.id];
  let declaredArea: number | undefined;
  if (ref.kind === 'enclosure') {
    const enclosure = await getEnclosure(ref.id, { consistent: true });
    if (!enclosure) return undefined;
    compoundIds = enclosure.compoundIds;
    declaredArea = enclosure.areaM2;
  }
  const compounds = (
    await Promise.all(compoundIds.map((id) => getCompound(id, { consistent: true })))
  ).flatMap((compound) => (compound ? [compound] : []));
  if (compounds.length === 0) return undefined;
  const exits = (
    await Promise.all(
      compounds.map((c) => queryAll<Item>({ partition: keys.compound(c.id).pk, beginsWith: CHILD_PREFIX.exit, consistent: true })),
    )
  ).flat().map(storedExitFromItem);
  // A member of an enclosure that is lifted (or never sealed) keeps its gates as it likes: its exits
  // are neither judged nor counted against the members still held.
  const held = compounds.filter((c) => isSealed(c.status));
  const heldIds = new Set(held.map((c) => c.id));
  const judged = exits.filter((e) => heldIds.has(e.compoundId));
  const open = judged.filter((e) => e.status === 'open');
  const shifts = new Map(await Promise.all(open.map(async (e) => [e.id, await shiftsAround(e.id, now)] as const)));
  const rule: ExitGroup = {
    status: strictest(compounds.map((c) => c.status)),
    areaM2: declaredArea ?? held.reduce((sum, c) => sum + c.areaM2, 0),
    exits: judged,
    shifts,
  };
  return { compounds, exits, rule, shifts };
}

/** The standing an exit gets from its findings, its previous standing kept where a reason persists. */
export function standingOf(exit: StoredExit, compound: CompoundRecord, findings: readonly Finding[], now: string): StoredStanding {
  const reasons = withSince(findings, exit.standing?.reasons, now);
  const unresolved = reasons.length > 0;
  const since = unresolved ? (exit.standing?.unresolved ? exit.standing.since ?? now : now) : undefined;
  return {
    unresolved, reasons, ...(since ? { since } : {}), changedAt: now,
    compoundName: compound.name, communityId: compound.communityId, streetId: compound.streetId,
  };
}

const sameStanding = (a: StoredStanding, b: StoredStanding): boolean => {
  const { changedAt: _a, ...x } = a;
  const { changedAt: _b, ...y } = b;
  return JSON.stringify(x) === JSON.stringify(y);
};

/** The standing's attributes on the exit item: the index keys only while it is unresolved. */
function standingAttributes(exit: Pick<Exit, 'id' | 'compoundId' | 'location'>, standing: StoredStanding): Item {
  if (!standing.unresolved) return { standing };
  const hash = encodeGeohash(exit.location[0], exit.location[1], GEO_SORT_PRECISION);
  return {
    standing,
    gsi2pk: indexKeys.unresolvedExitGeoCell(hash.slice(0, GEO_PARTITION_PRECISION)),
    gsi2sk: indexSortKeys.unresolvedExitGeo(hash, exit.id),
    gsi3pk: indexKeys.unresolvedExits(),
    gsi3sk: indexSortKeys.unresolvedExit(standing.streetId, standing.communityId, exit.compoundId, exit.id),
  };
}

const INDEX_ATTRIBUTES = ['gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'] as const;

function standingUpdate(exit: StoredExit, standing: StoredStanding): TransactOp {
  const attributes = standingAttributes(exit, standing);
  const names = Object.keys(attributes);
  const removed = INDEX_ATTRIBUTES.filter((name) => !(name in attributes));
  return {
    update: {
      Key: keys.exit(exit.compoundId, exit.id),
      UpdateExpression: `SET ${names.map((n) => `#${n} = :${n}`).join(', ')}${removed.length ? ` REMOVE ${removed.join(', ')}` : ''}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: Object.fromEntries(names.map((n) => [`#${n}`, n])),
      ExpressionAttributeValues: Object.fromEntries(names.map((n) => [`:${n}`, attributes[n]])),
    },
  };
}

/** The rules item of a group judged elsewhere (the demo seed): due at `next`, or never. */
export function rulesItem(ref: GroupRef, next: string | undefined): Item {
  const key = groupKey(ref);
  return {
    ...keys.exitRules(key), type: 'exit-rules', groupKey: key, rev: 0,
    ...(next ? { nextCheckAt: next, ...dueKeys(key, next) } : {}),
  };
}

/** Transactions take at most 100 writes; each chunk carries the revision check. */
const CHUNK = 99;
const ATTEMPTS = 4;

export interface Judgement {
  /** Each exit of the group with its standing after the judgement. */
  readonly standings: ReadonlyMap<string, StoredStanding>;
  readonly nextCheckAt: string | undefined;
  /** Exits whose standing was written. */
  readonly changed: number;
}

/**
 * Judges a group's exits at `now` and writes what changed. Returns undefined when the group no
 * longer exists (its compound deleted, its enclosure dissolved).
 */
export async function reevaluate(asked: GroupRef, now: string): Promise<Judgement | undefined> {
  const ref = asked.kind === 'compound' ? await groupOfCompound(asked.id) : asked;
  // A compound merged into an enclosure is judged with it; its own rules item is due no more.
  if (ref !== asked) await retireGroup(asked);
  for (let attempt = 1; ; attempt++) {
    const rules = await getItem<Item>(keys.exitRules(groupKey(ref)), { consistent: true });
    const rev = (rules?.rev as number | undefined) ?? 0;
    const group = await loadGroup(ref, now);
    if (!group) {
      await retireGroup(ref);
      return undefined;
    }
    const findings = evaluateExits(group.rule, now, ruleSettings());
    const compoundOf = new Map(group.compounds.map((c) => [c.id, c]));
    const standings = new Map<string, StoredStanding>();
    const updates: TransactOp[] = [];
    for (const exit of group.exits) {
      const compound = compoundOf.get(exit.compoundId);
      if (!compound) continue;
      const standing = standingOf(exit, compound, findings.get(exit.id) ?? [], now);
      const kept = exit.standing && sameStanding(exit.standing, standing) ? exit.standing : undefined;
      standings.set(exit.id, kept ?? standing);
      if (!kept && (exit.standing !== undefined || standing.unresolved)) updates.push(standingUpdate(exit, standing));
    }
    const next = nextCheckAt(group.rule, now, ruleSettings());
    try {
      const check = rulesWrite(ref, { due: next, rev });
      if (updates.length === 0) await transactWrite([check], 'rules changed');
      for (const slice of chunks(updates, CHUNK)) await transactWrite([check, ...slice], 'rules changed');
      await raiseMissedClockIns(group, now);
      return { standings, nextCheckAt: next, changed: updates.length };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
      logger.debug('exit rules raced a write; judging again', { group: groupKey(ref), attempt });
    }
  }
}

/**
 * One missed_clock_in alert per shift whose grace ran out with no clock-in, raised by whichever
 * judgement finds it first (the recheck job is due at the grace's end): its id comes from the
 * shift, so every later judgement while the shift lasts finds it raised and writes nothing.
 */
async function raiseMissedClockIns(group: LoadedGroup, now: string): Promise<void> {
  const settings = ruleSettings();
  const missed = missedShifts({ ...group.rule, shifts: group.shifts }, now, settings);
  const compoundOf = new Map(group.compounds.map((c) => [c.id, c]));
  for (const shift of missed.values()) {
    const compound = compoundOf.get(shift.compoundId);
    if (!compound) continue;
    const place = { compoundId: compound.id, communityId: compound.communityId, streetId: compound.streetId };
    await raiseAlertOnce(missedClockInAlert(shift, place, settings.clockInGraceMinutes, now), SYSTEM_ACTOR);
  }
}

async function retireGroup(ref: GroupRef): Promise<void> {
  try {
    await updateItem(
      { Key: keys.exitRules(groupKey(ref)), UpdateExpression: 'REMOVE nextCheckAt, gsi1pk, gsi1sk', ConditionExpression: 'attribute_exists(pk)' },
      'no rules item',
    );
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}

/** Judges after a write, without failing the write: the group stays due and the recheck job judges it. */
export async function reevaluateAfterWrite(ref: GroupRef, now: string): Promise<Judgement | undefined> {
  try {
    return await reevaluate(ref, now);
  } catch (error) {
    logger.warn('exit rules not judged after a write; the recheck job will', { group: groupKey(ref), error: error as Error });
    return undefined;
  }
}

/** Groups due at or before `now`, from the last `days` days' buckets. */
export async function dueGroups(now: string, days: number): Promise<GroupRef[]> {
  const t = Date.parse(now);
  const buckets = Array.from({ length: days }, (_, i) => day(isoAt(t - i * DAY_MS)));
  const items = (
    await Promise.all(
      buckets.map((b) => queryAll<Item>({ index: 'byParent', partition: indexKeys.exitRulesDue(b), between: ['0', `${now}#~`] })),
    )
  ).flat();
  return [...new Set(items.map((i) => i.groupKey as string))].flatMap((k) => parseGroupKey(k) ?? []);
}

/**
 * What a group's judgement reads of a compound: the rules read its status and area, the standing
 * its name and places (kept with the standing, and the unresolved index sorts by street and
 * community). A change to any of them must be followed by a new judgement.
 */
const JUDGED_COMPOUND_FIELDS = ['status', 'areaM2', 'name', 'communityId', 'streetId'] as const satisfies readonly (keyof CompoundRecord)[];

/** Whether a change to a compound alters what its exits' judgement reads. */
export const changesJudgement = (current: CompoundRecord, next: CompoundRecord): boolean =>
  Object.keys(diff(current, next, JUDGED_COMPOUND_FIELDS)).length > 0;

/**
 * saveCompound for a change that may alter what the exits' judgement reads: when one of
 * {@link JUDGED_COMPOUND_FIELDS} changed, the group is marked due in the change's own transaction
 * and judged right after, so the unresolved list shows the compound's new name and places at
 * once (and the recheck job judges it if this function dies in between). Returns the judgement,
 * if one was made.
 */
export async function saveJudgedCompound(
  ...[current, next, audit, options]: Parameters<typeof saveCompound>
): Promise<Judgement | undefined> {
  const group = changesJudgement(current, next) ? await groupOfCompound(next.id) : undefined;
  await saveCompound(current, next, audit, group ? { ...options, with: [...(options.with ?? []), touchGroup(group, audit.at)] } : options);
  return group ? reevaluateAfterWrite(group, audit.at) : undefined;
}

/** An exit's item with its standing and, while it is unresolved, the index keys that list it. */
export const storedExitItem = (exit: StoredExit): Item =>
  exit.standing ? { ...exitItem(exit), ...standingAttributes(exit, exit.standing) } : exitItem(exit);

/** The groups these compounds are judged in (each its enclosure, if it belongs to one), 100 pointers a read. */
export async function groupsOfCompounds(compoundIds: Iterable<string>): Promise<GroupRef[]> {
  const ids = [...new Set(compoundIds)];
  const enclosureOf = await enclosureIdsOf(ids);
  const groups = ids.map((id): GroupRef => {
    const enclosureId = enclosureOf.get(id);
    return enclosureId ? { kind: 'enclosure', id: enclosureId } : { kind: 'compound', id };
  });
  return [...new Map(groups.map((g) => [groupKey(g), g])).values()];
}

/** TransactWriteItems takes at most 100 actions. */
const TOUCHES_PER_TRANSACTION = 100;

/**
 * {@link touchGroup} for many groups, for a writer that cannot put it in its own transaction (an
 * import writes with BatchWriteItem): call it once the writes have landed. 100 touches go in one
 * transaction, far cheaper than as many UpdateItem calls; the touches carry no condition, so only
 * a racing transaction on one of the rules items can cancel it, and then they go one at a time.
 */
export async function touchGroups(groups: readonly GroupRef[], now: string): Promise<void> {
  for (const slice of chunks(groups, TOUCHES_PER_TRANSACTION)) {
    const touches = slice.map((g) => touchGroup(g, now));
    try {
      await transactWrite(touches, 'a rules item was written meanwhile');
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      for (const touch of touches) if ('update' in touch) await updateItem(touch.update);
    }
  }
}


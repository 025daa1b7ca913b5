/**
 * Fan-out planning: how a campaign's scope becomes messages, what a task builder is given and
 * gives back, and what a compound's tasks add to the totals. The fan-out machinery (planner,
 * expander, markers, counters) is the same for every campaign kind; a kind plugs in only its
 * task builder (task-builders.ts).
 */
import { chunks } from '../parallel.ts';
import type { Building } from '../schemas/building.ts';
import type { CampaignKind, CampaignScope } from '../schemas/campaign.ts';
import type { RoundOfTask } from '../schemas/disinfection.ts';
import type { CampaignRound } from './disinfection.ts';
import type { Layout } from './tasks.ts';

/**
 * Compounds per level-2 message. Ten compounds (≈ 100 buildings) fill BatchWrite calls of 25 and
 * share one campaign read and one counter transaction, yet a poison message still holds few
 * compounds, and each compound is expanded (or recorded as failed) on its own.
 */
export const COMPOUNDS_PER_MESSAGE = 10;

/**
 * A round makes about one task per compound, so its messages carry more compounds: per-message
 * work (the campaign read, the counting transaction, the settle) is then shared by 25 compounds,
 * whose markers, coverage items and the campaign stay under DynamoDB's 100 items a transaction
 * ({@link packCounts} splits a message that would not).
 */
export const ROUND_COMPOUNDS_PER_MESSAGE = 25;

const compoundsPerMessage = (kind: CampaignKind) => (kind === 'disinfection' ? ROUND_COMPOUNDS_PER_MESSAGE : COMPOUNDS_PER_MESSAGE);

/** A round's case buildings, by compound: what its builder needs besides each compound's record. */
export type CaseBuildings = Readonly<Record<string, readonly string[]>>;

/**
 * Level 1's output: the scope's compounds as level-2 messages, each compound in exactly one. A
 * round's messages carry their compounds' case buildings: kept off the campaign item, which every
 * message's counter transaction writes (a transaction's write cost grows with the item's size).
 */
export function expandMessages(campaignId: string, compoundIds: readonly string[], kind: CampaignKind = 'sweep', caseBuildings: CaseBuildings = {}) {
  return chunks([...new Set(compoundIds)], compoundsPerMessage(kind)).map((ids) => {
    const cased = Object.fromEntries(ids.filter((id) => caseBuildings[id]?.length).map((id) => [id, [...(caseBuildings[id] ?? [])]]));
    return { campaignId, compoundIds: ids, kind, ...(Object.keys(cased).length > 0 ? { caseBuildings: cased } : {}) };
  });
}

/** What a task builder knows of the compound it expands. */
export interface CompoundInput {
  readonly id: string;
  readonly name: string;
  readonly streetId: string | null;
  readonly communityId: string | null;
  readonly location: readonly [number, number];
  /** False where the compound has no property management (its community's team disinfects it). */
  readonly propertyManaged?: boolean;
}

/**
 * What a sweep's builder needs of a building: the compact copy a compound's plan item keeps (no
 * geometry, no audit fields), so the expander reads one small item per compound instead of its
 * whole partition. A Building is one.
 */
export type PlanBuilding = Pick<Building, 'id' | 'name' | 'gridId' | 'location' | 'units' | 'floors' | 'householdsPerFloor'>;

/** What a sweep's builder needs of an exit: where the walk starts (the first open one). */
export interface PlanExit {
  readonly status: string;
  readonly location: readonly [number, number];
}

/** A compound's plan: its buildings and exits as the task builders read them. */
export interface CompoundPlan {
  readonly buildings: readonly PlanBuilding[];
  readonly exits: readonly PlanExit[];
}

/**
 * The plan of a compound's buildings and exits: only the fields the builders read, in id order
 * (the partition's order), so a plan built from the seed's items and one built from a read of the
 * partition are the same.
 */
export function compoundPlan(
  buildings: readonly PlanBuilding[],
  exits: readonly (PlanExit & { readonly id?: string })[],
): CompoundPlan {
  const byId = <T extends { readonly id?: string }>(a: T, b: T) => ((a.id ?? '') < (b.id ?? '') ? -1 : (a.id ?? '') > (b.id ?? '') ? 1 : 0);
  return {
    buildings: [...buildings].sort(byId).map((b) => ({
      id: b.id, name: b.name, gridId: b.gridId, location: b.location, units: b.units, floors: b.floors, householdsPerFloor: b.householdsPerFloor,
    })),
    exits: [...exits].sort(byId).map((e) => ({ status: e.status, location: e.location })),
  };
}

export interface FanOutInput {
  readonly campaign: {
    readonly id: string;
    readonly kind: CampaignKind;
    readonly scope: CampaignScope;
    /** Disinfection: the round's slot and due times. */
    readonly round?: CampaignRound;
  };
  readonly compound: CompoundInput;
  readonly buildings: readonly PlanBuilding[];
  readonly exits: readonly PlanExit[];
}

/** A task as planned: what the target is and where, before any lease or visit. */
export interface TaskDraft {
  /** The building (sweep) or compound (disinfection) the task is for; the task's key. */
  readonly targetId: string;
  readonly buildingId: string | null;
  readonly buildingName: string | null;
  readonly compoundId: string;
  readonly compoundName: string;
  readonly communityId: string | null;
  readonly streetId: string | null;
  readonly gridId: string | null;
  readonly location: readonly [number, number];
  readonly order: number;
  readonly layout: Layout | null;
  readonly householdsTotal: number;
  /** Disinfection: the round the task belongs to (day, slot, target, due time, area set). */
  readonly round?: RoundOfTask;
  readonly propertyManaged?: boolean;
}

export type TaskBuilder = (input: FanOutInput) => TaskDraft[];

/** What one compound's tasks add to the campaign's and each place's totals. */
export interface Totals {
  readonly tasks: number;
  readonly buildings: number;
  readonly households: number;
}

export function totalsOf(tasks: readonly TaskDraft[]): Totals {
  return {
    tasks: tasks.length,
    buildings: tasks.filter((t) => t.buildingId !== null).length,
    households: tasks.reduce((sum, t) => sum + t.householdsTotal, 0),
  };
}

/** Items DynamoDB takes in one TransactWriteItems call. */
export const TRANSACTION_ITEMS = 100;

/** A compound as the counting transaction carries it: its marker, and the grids and community its coverage adds to. */
export interface CountedCompound {
  readonly tasks: readonly Pick<TaskDraft, 'gridId'>[];
  readonly place: { readonly communityId: string | null };
}

/**
 * Compounds packed in order into counting transactions of at most `limit` items: each compound's
 * marker, one coverage item per grid and community the group touches, and the campaign. The
 * tasks are not in it (they go by BatchWrite), so a compound's size is its grids, not its tasks;
 * one whose grids alone overflow a transaction is set apart (the fan-out fails it, named).
 */
export function packCounts<C extends CountedCompound>(compounds: readonly C[], limit = TRANSACTION_ITEMS): { groups: C[][]; apart: C[] } {
  const groups: C[][] = [];
  const apart: C[] = [];
  const sizeOf = (group: readonly C[]) =>
    group.length + new Set(group.flatMap((c) => c.tasks.map((t) => t.gridId))).size + new Set(group.map((c) => c.place.communityId)).size + 1;
  let group: C[] = [];
  for (const compound of compounds) {
    if (sizeOf([compound]) > limit) {
      apart.push(compound);
      continue;
    }
    if (group.length > 0 && sizeOf([...group, compound]) > limit) {
      groups.push(group);
      group = [];
    }
    group.push(compound);
  }
  if (group.length > 0) groups.push(group);
  return { groups, apart };
}

/** A compound's fan-out marker as read: its state and the receive that wrote it. */
export interface MarkerSeen {
  readonly state: string;
  readonly lockMessage?: string;
  readonly lockReceive?: number;
  readonly lockedUntil?: string;
}

/** The receive of a level-2 message: its SQS message id and receive count. */
export interface Receive {
  readonly message: string;
  readonly receive: number;
}

/**
 * What this receive does with a compound, given its marker:
 * - `new`: no marker. Count it (creating the marker `expanded`, conditional on there being none), then write all its tasks.
 * - `resume`: counted by an earlier receive of this very message, which may have stopped before
 *   writing every task (SQS delivers the message again because it never finished). Write the
 *   tasks that are not there; count nothing.
 * - `takeover`: a marker left `expanding` by a claim (the code before counting came first) whose
 *   receive has lapsed, or an earlier receive of this message. Count it (conditional on the very
 *   marker read), then write the tasks that are not there.
 * - `skip`: counted by another message, held by a live claim, or failed: not this receive's.
 */
export type Expansion = 'new' | 'resume' | 'takeover' | 'skip';

export function expansionOf(marker: MarkerSeen | undefined, receive: Receive, now: string): Expansion {
  if (!marker) return 'new';
  const earlierReceive = marker.lockMessage === receive.message && (marker.lockReceive ?? Infinity) < receive.receive;
  if (marker.state === 'expanded') return earlierReceive ? 'resume' : 'skip';
  if (marker.state === 'expanding') return earlierReceive || (marker.lockedUntil !== undefined && marker.lockedUntil < now) ? 'takeover' : 'skip';
  return 'skip';
}

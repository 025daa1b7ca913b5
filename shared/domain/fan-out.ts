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
 * A round makes about one task per compound, so its messages carry more compounds (the queue's
 * limit): a message's compounds go with their tasks and counts into one transaction (flows/
 * fan-out.ts), and 25 compounds of a task or two each, with their coverage items and the
 * campaign, stay under DynamoDB's 100 items (more tasks: {@link packTransactions} splits).
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

/** A compound as a transaction carries it: its marker and tasks, and the community its coverage adds to. */
export interface PackedCompound {
  readonly tasks: readonly TaskDraft[];
  readonly place: { readonly communityId: string | null };
}

/**
 * A round's compounds packed in order into transactions of at most `limit` items: each
 * compound's marker and tasks, one coverage item per grid and community the group touches, and
 * the campaign. A compound that does not fit in a transaction of its own is set apart (the
 * fan-out claims it and writes its tasks in batches, as a sweep's).
 */
export function packTransactions<C extends PackedCompound>(compounds: readonly C[], limit = TRANSACTION_ITEMS): { groups: C[][]; apart: C[] } {
  const groups: C[][] = [];
  const apart: C[] = [];
  const sizeOf = (group: readonly C[]) => {
    const tasks = group.flatMap((c) => c.tasks);
    return group.length + tasks.length + new Set(tasks.map((t) => t.gridId)).size + new Set(group.map((c) => c.place.communityId)).size + 1;
  };
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

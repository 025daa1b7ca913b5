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
 * limit): each message's counter transaction on the one campaign item is what the fan-out
 * waits on, and 25 compounds still keep that transaction under DynamoDB's 100 items.
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

export interface FanOutInput {
  readonly campaign: {
    readonly id: string;
    readonly kind: CampaignKind;
    readonly scope: CampaignScope;
    /** Disinfection: the round's slot and due times. */
    readonly round?: CampaignRound;
  };
  readonly compound: CompoundInput;
  readonly buildings: readonly Building[];
  readonly exits: readonly { readonly status: string; readonly location: readonly [number, number] }[];
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

/**
 * What every kind of import shares: the context of one import request, the shape of a chunk's
 * outcome (counts, rejects, items to write), and the rule for the same entity twice in one file.
 */
import type { Changes } from '#shared/domain/audit.ts';
import type { Caller } from '#shared/roles.ts';
import type { ImportReject } from '#shared/schemas/imports.ts';
import { auditItem } from '#functions/stores/audit-store.ts';
import type { AuditEntity } from '#shared/table.ts';
import type { Places } from '#functions/stores/places-store.ts';
import type { ImportItem } from '#functions/stores/import-store.ts';

export interface ImportContext {
  readonly caller: Caller;
  /** One timestamp for the whole request: every item and audit record of it carries it. */
  readonly at: string;
  /** `import:<importId>`, the audit records' source. */
  readonly source: string;
  readonly dryRun: boolean;
  readonly places: Places;
}

export interface ChunkOutcome {
  readonly imported: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Lines of the whole file (the request's line offset added). */
  readonly rejects: readonly ImportReject[];
  /** Entities and their audit records, written together in one BatchWrite stream. */
  readonly items: readonly ImportItem[];
  /** Writes that cannot go in a batch (set ADDs), in the same stream as the items. */
  readonly updates: readonly (() => Promise<void>)[];
  /** Work that reads this chunk's items (the exit rules' judgement), run once they have all landed. */
  readonly afterWrite: readonly (() => Promise<void>)[];
}

export interface KindImporter<Row> {
  apply(rows: readonly Row[]): Promise<ChunkOutcome>;
  /** What the request writes once, after its last chunk (writes gathered over all of them). */
  end?(): ChunkOutcome;
  /** After the last chunk is written (not on a dry run). */
  finish?(): Promise<void>;
}

/** Collects one chunk's outcome. */
export class Outcome {
  imported = 0;
  updated = 0;
  unchanged = 0;
  readonly rejects: ImportReject[] = [];
  readonly items: ImportItem[] = [];
  readonly updates: (() => Promise<void>)[] = [];
  readonly afterWrite: (() => Promise<void>)[] = [];
  private readonly context: ImportContext;

  constructor(context: ImportContext) {
    this.context = context;
  }

  reject(line: number, reason: string): void {
    this.rejects.push({ line, reason });
  }

  /**
   * A new entity (`before` undefined) or a changed one: the item and its audit record. An
   * existing entity without changes is counted and not written.
   */
  write(entity: AuditEntity, entityId: string, item: ImportItem, changes: Changes, existed: boolean): void {
    if (existed) this.updated++;
    else this.imported++;
    if (Object.keys(changes).length === 0) {
      this.unchanged++;
      return;
    }
    this.items.push(item);
    this.audit(entity, entityId, changes, existed ? 'update' : 'create');
  }

  /** An audit record alone, for a change written another way (a set ADD after the batch). */
  audit(entity: AuditEntity, entityId: string, changes: Changes, action = 'update'): void {
    const { caller, at, source } = this.context;
    this.items.push(auditItem({ entity, entityId, action, caller, at, changes, source }));
  }
}

/**
 * The same entity twice in one request: the first row wins and the later one is rejected,
 * naming the first line, since two rows for one entity in a file are nearly always a mistake
 * (two compounds with one external id, or one compound listed twice). Parts of one file sent as
 * separate requests do not see each other: there a later row updates the earlier, as a re-import
 * would.
 */
export class FirstSeen {
  private readonly lines = new Map<string, number>();

  /** The line that already claimed this id, or undefined (and the id is now claimed). */
  claim(id: string, line: number): number | undefined {
    const first = this.lines.get(id);
    if (first !== undefined) return first;
    this.lines.set(id, line);
    return undefined;
  }
}

export const duplicateReason = (first: number, externalId: string | undefined): string =>
  `duplicate of line ${first} (${externalId !== undefined ? `same external id ${externalId}` : 'same name and place'}); the first row was kept`;

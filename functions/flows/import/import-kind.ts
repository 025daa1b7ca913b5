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
import type { ImportItem, WriteUnit } from '#functions/stores/import-store.ts';
import { itemSize, MAX_ITEM_BYTES } from '#functions/platform/item-size.ts';

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
  /** Entities with their audit records, a row's together, written in one BatchWrite stream. */
  readonly units: readonly RowUnit[];
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

/** A row's writes (or, without a line, records of no one row) and the count the row added. */
export interface RowUnit extends WriteUnit {
  /** Taken back from the summary when DynamoDB refuses the unit. */
  readonly counted?: 'imported' | 'updated';
}

/** Collects one chunk's outcome. */
export class Outcome {
  imported = 0;
  updated = 0;
  unchanged = 0;
  readonly rejects: ImportReject[] = [];
  readonly units: RowUnit[] = [];
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
   * A new entity (`existed` false) or a changed one: the item and its audit record, as the row
   * on `line`. An existing entity without changes is counted and not written. False when the
   * row cannot be stored (its item or audit record is over DynamoDB's item size): then it is
   * rejected, and the caller does nothing more for it.
   */
  write(entity: AuditEntity, entityId: string, item: ImportItem, changes: Changes, existed: boolean, line: number): boolean {
    if (Object.keys(changes).length === 0) {
      this.updated++;
      this.unchanged++;
      return true;
    }
    const counted = existed ? 'updated' : 'imported';
    if (!this.put(line, entity, entityId, item, changes, existed ? 'update' : 'create', counted)) return false;
    this[counted]++;
    return true;
  }

  /**
   * An item and its audit record as part of the row on `line`, not counted (a street its
   * community row creates); false, with the row rejected, when it cannot be stored.
   */
  put(line: number, entity: AuditEntity, entityId: string, item: ImportItem, changes: Changes, action: string, counted?: RowUnit['counted']): boolean {
    const records = [item, this.auditRecord(entity, entityId, changes, action)];
    const tooBig = records.map(oversized).find((reason) => reason !== undefined);
    if (tooBig !== undefined) {
      this.reject(line, tooBig);
      return false;
    }
    this.units.push({ line, items: records, ...(counted ? { counted } : {}) });
    return true;
  }

  /** An audit record alone, for a change written another way (a set ADD after the batch). */
  audit(entity: AuditEntity, entityId: string, changes: Changes, action = 'update'): void {
    this.units.push({ items: [this.auditRecord(entity, entityId, changes, action)] });
  }

  private auditRecord(entity: AuditEntity, entityId: string, changes: Changes, action: string): ImportItem {
    const { caller, at, source } = this.context;
    return auditItem({ entity, entityId, action, caller, at, changes, source });
  }
}

/**
 * Why an item cannot be stored, naming the field that makes it big (of an audit record, the
 * changed field that does), or undefined when it fits DynamoDB's 400 KB. Checked per row before
 * the row joins a batch, so that a batch never fails for one row.
 */
export function oversized(item: ImportItem): string | undefined {
  const size = itemSize(item);
  if (size.bytes <= MAX_ITEM_BYTES) return undefined;
  const audit = item.type === 'audit' && size.largest === 'changes';
  const field = audit ? itemSize(item.changes as ImportItem).largest : size.largest;
  const what = audit ? 'the record of this change' : 'the item';
  return `${field}: too big to store: ${what} would be ${size.bytes} bytes, and DynamoDB stores at most ${MAX_ITEM_BYTES} (simplify the ${field})`;
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

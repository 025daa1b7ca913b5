/**
 * Audit records: append-only, one per state change, written in the same transaction or batch
 * as the change itself.
 */
import { randomUUID } from 'node:crypto';
import type { Changes } from '#shared/domain/audit.ts';
import type { Caller } from '#shared/roles.ts';
import type { Audit } from '#shared/schemas/common.ts';
import { auditPartition, keys, type AuditEntity } from '#shared/table.ts';
import type { Source } from '../platform/list-sources.ts';
import type { Item } from '../platform/table.ts';

export function auditItem(record: {
  readonly entity: AuditEntity;
  readonly entityId: string;
  readonly action: string;
  readonly caller: Pick<Caller, 'username' | 'role' | 'name'>;
  readonly at: string;
  readonly changes: Changes;
  readonly source?: string;
  /**
   * Keeps same-millisecond records apart; random unless the writer needs a fixed key (the demo
   * seed, so that re-seeding rewrites its records instead of adding more).
   */
  readonly unique?: string;
}): Item {
  const audit: Audit = {
    at: record.at,
    actor: record.caller.username,
    // The name as the token gave it: a history reader sees a person, not an account id.
    ...(record.caller.name ? { actorName: record.caller.name } : {}),
    role: record.caller.role,
    action: record.action,
    entity: record.entity,
    entityId: record.entityId,
    changes: record.changes,
    ...(record.source ? { source: record.source } : {}),
  };
  const unique = record.unique ?? randomUUID().slice(0, 8);
  return { ...keys.audit(record.entity, record.entityId, record.at, unique), type: 'audit', ...audit };
}

export function auditFromItem(item: Item): Audit {
  const { pk: _pk, sk: _sk, type: _type, ...audit } = item;
  return audit as Audit;
}

/** An entity's audit trail, newest first: its records share one partition. */
export const auditSource = (entity: AuditEntity, entityId: string): Source => ({
  kind: 'query',
  query: { partition: auditPartition(entity, entityId), newestFirst: true },
});

/**
 * The staff import (kind=staff): a roster, one person a row, each added through the same path as
 * POST /v1/staff (flows/staff-create.ts) — the caller's jurisdiction checked per row, the entry
 * written once per username, the person's sign-in made. A row the creation refuses (a role
 * without the places it needs, a place outside a community admin's community, a username held by
 * someone else) is that row's reject with its reason, never a refusal of the whole file. A person
 * the directory already holds exactly so is `unchanged` (their sign-in completed if an earlier
 * import stopped short), so importing a roster again doubles no one.
 *
 * Rows are added one by one as they are read, not through the batch writer: each is a
 * conditional write and a user-pool call, and a roster is a few hundred people.
 */
import type { Caller } from '#shared/roles.ts';
import type { StaffRow } from '#shared/import/rows.ts';
import { CordonError } from '#functions/platform/errors.ts';
import { addStaff } from '../staff-create.ts';
import { FirstSeen, Outcome, type ChunkOutcome, type ImportContext, type KindImporter } from './import-kind.ts';

/** The roster column behind each field the creation names (`body.jurisdiction.gridId` → grid_id). */
const COLUMNS: Readonly<Record<string, string>> = {
  'body.jurisdiction.streetId': 'street_id',
  'body.jurisdiction.communityId': 'community_id',
  'body.jurisdiction.gridId': 'grid_id',
  'body.jurisdiction.compoundIds': 'compound_ids',
  'body.jurisdiction.exitIds': 'exit_ids',
  'body.email': 'email',
  'body.phone': 'phone',
};

/** Refusals that are the row's: what it says, where it reaches, a username held by someone else. */
const ROW_FAILURES = new Set(['invalid', 'forbidden', 'conflict', 'not-found']);

/** Why a row was refused, its fields named as the roster's columns. */
function reasonOf(error: CordonError): string {
  if (error.errors?.length) return error.errors.map((e) => `${COLUMNS[e.field] ?? e.field}: ${e.message}`).join('; ');
  return error.message;
}

export function staffImporter(context: ImportContext): KindImporter<StaffRow> {
  const seen = new FirstSeen();
  const caller: Caller = context.caller;
  return {
    async apply(rows) {
      const outcome = new Outcome(context);
      for (const { line, ...person } of rows) {
        const first = seen.claim(person.username, line);
        if (first !== undefined) {
          outcome.reject(line, `duplicate of line ${first} (same username ${person.username}); the first row was kept`);
          continue;
        }
        try {
          const added = await addStaff(person, caller, { dryRun: context.dryRun });
          if (added.outcome === 'created') {
            outcome.imported++;
          } else {
            outcome.updated++;
            outcome.unchanged++;
          }
        } catch (error) {
          if (!(error instanceof CordonError) || !ROW_FAILURES.has(error.code)) throw error;
          outcome.reject(line, reasonOf(error));
        }
      }
      return outcome satisfies ChunkOutcome;
    },
  };
}

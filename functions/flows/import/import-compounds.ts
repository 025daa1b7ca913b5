/**
 * Compounds from an import: each row becomes a new compound or a change to the one with the
 * same id (external id, else name and place), placed in the community the row names or whose
 * boundary holds it, else at city level as unassigned. A community admin's rows stay in their
 * community: rows that resolve elsewhere are rejected, rows in no community land in theirs.
 *
 * A changed compound whose exits the rules read differently (status, area, name or places) has
 * its rule group marked due and judged once the chunk has landed (see import-members.ts, exits).
 * A new compound is not: it has no exits yet (exits are imported only into a stored compound),
 * so there is nothing to judge until its exits arrive, and their import judges it.
 */
import { diff } from '#shared/domain/audit.ts';
import {
  AUDITED_COMPOUND_FIELDS, changedCompound, compoundIdOf, newCompound, type CompoundDraft,
} from '#shared/domain/compounds.ts';
import { normaliseName } from '#shared/domain/ids.ts';
import { mayChangeStatus } from '#shared/domain/sealing.ts';
import type { CompoundRow } from '#shared/import/rows.ts';
import { canPlaceInCommunity, canSeeCompound } from '#shared/roles.ts';
import { compoundWriteItem, getCompounds } from '#functions/stores/compound-store.ts';
import { streetDotsChanged } from '#functions/stores/street-dots-store.ts';
import { changesJudgement } from '#functions/stores/exit-rules-store.ts';
import { duplicateReason, FirstSeen, Outcome, type ImportContext, type KindImporter } from './import-kind.ts';
import { exitRulesFollowUp } from './import-writer.ts';
import { communityIdOf, type Places } from '#functions/stores/places-store.ts';

type Community = Places['communities'][number];

export function compoundImporter(context: ImportContext): KindImporter<CompoundRow> {
  const { caller, at, places } = context;
  const seen = new FirstSeen();
  const judgeRules = exitRulesFollowUp();
  const findCommunity = communityFinder(places);
  const derive = { caller, at, communities: places.communities };

  return {
    async apply(rows) {
      const outcome = new Outcome(context);
      const candidates: { row: CompoundRow; draft: CompoundDraft; id: string }[] = [];
      for (const row of rows) {
        let communityId: string | undefined;
        if (row.community !== undefined) {
          const community = findCommunity(row.community);
          if (!community) {
            outcome.reject(row.line, `community_id: no community ${row.community}`);
            continue;
          }
          if (!canPlaceInCommunity(caller, { streetId: community.streetId, communityId: community.id })) {
            outcome.reject(row.line, `community_id: community ${community.id} is outside your jurisdiction`);
            continue;
          }
          communityId = community.id;
        }
        const draft = draftOf(row, communityId);
        const id = compoundIdOf(draft);
        const first = seen.claim(id, row.line);
        if (first !== undefined) {
          outcome.reject(row.line, duplicateReason(first, row.externalId));
          continue;
        }
        candidates.push({ row, draft, id });
      }
      const stored = new Map((await getCompounds(candidates.map((c) => c.id))).map((c) => [c.id, c]));
      const judge = new Set<string>();
      const streets = new Set<string | null>();
      for (const { row, draft, id } of candidates) {
        const current = stored.get(id);
        if (current) {
          if (!canSeeCompound(caller, current)) {
            outcome.reject(row.line, `compound ${current.id} (${current.name}) is outside your jurisdiction`);
            continue;
          }
          const next = changedCompound(current, draft, derive);
          if (!mayChangeStatus(caller.role, current.status, next.status)) {
            outcome.reject(row.line, `status: only city staff lift ${current.status} (POST /v1/compounds/${current.id}/lift, with the reason)`);
            continue;
          }
          const written = outcome.write('COMPOUND', next.id, compoundWriteItem(next), diff(current, next, AUDITED_COMPOUND_FIELDS), true, row.line);
          if (written && changesJudgement(current, next)) judge.add(next.id);
          if (written) streets.add(current.streetId).add(next.streetId);
          continue;
        }
        let compound = newCompound(draft, derive);
        if (!canPlaceInCommunity(caller, compound)) {
          if (!compound.unassigned) {
            outcome.reject(row.line, `lies in community ${compound.communityId}, outside your jurisdiction`);
            continue;
          }
          // In no known community: a community admin's compound is theirs.
          const own = caller.jurisdiction.communityId ?? '';
          compound = newCompound({ ...draft, communityId: own }, derive);
        }
        if (outcome.write('COMPOUND', compound.id, compoundWriteItem(compound), diff(undefined, compound, AUDITED_COMPOUND_FIELDS), false, row.line)) streets.add(compound.streetId);
      }
      if (judge.size > 0) outcome.afterWrite.push(judgeRules(judge));
      // Once the chunk has landed, the map's dots of its streets are read again (street-dots-store.ts).
      if (streets.size > 0) outcome.afterWrite.push(() => streetDotsChanged(streets));
      return outcome;
    },
  };
}

/** The row as a draft; absent fields stay undefined, so a change keeps what is stored. */
function draftOf(row: CompoundRow, communityId: string | undefined): CompoundDraft {
  return {
    name: row.name,
    externalId: row.externalId,
    address: row.address,
    status: row.status,
    propertyManaged: row.propertyManaged,
    communityId,
    geometry: row.geometry,
    location: row.location,
    areaM2: row.areaM2,
  };
}

/** A community by id, by the id its external id gives, or by its name when only one has it. */
function communityFinder(places: Places): (value: string) => Community | undefined {
  let byName: Map<string, Community | null> | undefined;
  return (value) => {
    const found = places.communityById.get(communityIdOf(places, value));
    if (found) return found;
    if (!byName) {
      byName = new Map();
      // A name two communities share finds neither (null).
      for (const c of places.communities) byName.set(normaliseName(c.name), byName.has(normaliseName(c.name)) ? null : c);
    }
    return byName.get(normaliseName(value)) ?? undefined;
  };
}

/**
 * The people import (kind=people): a CDC or big-data list (重点人员名单) of people to follow, one a
 * row, matched to the registry by address — the compound (external id, id, or a name unique within
 * the caller's jurisdiction, import-resolvers.ts), its building by id, name or number (1栋, 1号楼,
 * 1), the unit and room kept as the person's room — and each enrolled through the same path as
 * POST /v1/people (flows/enrol-person.ts). A row whose address matches nothing, or that the
 * enrolment refuses, is that row's reject with its reason, never a refusal of the whole file.
 *
 * The person's id comes from the row (the ID number's hash, else the name and the address, with
 * the category), so importing the same list again finds the people enrolled and doubles no one
 * (they count as unchanged). Rows are enrolled as they are read, a few at a time: each is a
 * transaction with its report link.
 */
import type { CompoundRecord } from '#shared/domain/compounds.ts';
import { normaliseName, stableHash } from '#shared/domain/ids.ts';
import type { PersonRow } from '#shared/import/rows.ts';
import { inParallel } from '#shared/parallel.ts';
import type { Building } from '#shared/schemas/building.ts';
import type { PersonCreate } from '#shared/schemas/person.ts';
import { CordonError } from '#functions/platform/errors.ts';
import { hashIdNumber } from '#functions/platform/id-hash.ts';
import { queryAll, type Item } from '#functions/platform/table.ts';
import { buildingFromItem, childSource } from '#functions/stores/compound-store.ts';
import { enrol } from '../enrol-person.ts';
import { FirstSeen, Outcome, type ChunkOutcome, type ImportContext, type KindImporter } from './import-kind.ts';
import { compoundResolver } from './import-resolvers.ts';

/** Enrolments in flight at once. */
const CONCURRENCY = 8;

/** The list column behind each field the enrolment names. */
const COLUMNS: Readonly<Record<string, string>> = {
  buildingId: 'building', pairedWith: 'paired_with', startDate: 'start_date', phone: 'phone', idNumber: 'id_number',
};

/** Refusals that are the row's: what it says, where it reaches. */
const ROW_FAILURES = new Set(['invalid', 'forbidden', 'not-found']);

const reasonOf = (error: CordonError): string =>
  error.errors?.length ? error.errors.map((e) => `${COLUMNS[e.field] ?? e.field}: ${e.message}`).join('; ') : error.message;

/** The number a building's name carries (1栋, 1号楼, 01 → 1), for lists that write only the number. */
const numberOf = (name: string): string | undefined => /(\d+)/.exec(name.normalize('NFKC'))?.[1]?.replace(/^0+(?=\d)/, '');

/** The building a row names in its compound: by id, by name, else by the one number both names carry. */
function findBuilding(buildings: readonly Building[], named: string): Building | Building[] | undefined {
  const byId = buildings.find((b) => b.id === named);
  if (byId) return byId;
  const byName = buildings.filter((b) => normaliseName(b.name) === normaliseName(named));
  if (byName.length === 1) return byName[0];
  const number = numberOf(named);
  if (number === undefined) return byName.length > 1 ? byName : undefined;
  const byNumber = buildings.filter((b) => numberOf(b.name) === number);
  return byNumber.length === 1 ? byNumber[0] : byNumber.length > 1 ? byNumber : undefined;
}

/** Unit and room as one (2单元301), as the person's room is written. */
function roomOf(row: PersonRow): string | undefined {
  if (row.room === undefined) return row.unit === undefined ? undefined : `${row.unit}单元`;
  if (row.unit === undefined) return row.room;
  return /^\d+$/.test(row.unit) ? `${row.unit}单元${row.room}` : `${row.unit}${row.room}`;
}

export function peopleImporter(context: ImportContext): KindImporter<PersonRow> {
  const compounds = compoundResolver(context);
  const buildingsOf = new Map<string, Promise<Building[]>>();
  const seen = new FirstSeen();
  const buildings = (compoundId: string) => {
    let read = buildingsOf.get(compoundId);
    if (!read) {
      const source = childSource(compoundId, 'building');
      read = source.kind === 'query' ? queryAll<Item>(source.query).then((items) => items.map(buildingFromItem)) : Promise.resolve([]);
      buildingsOf.set(compoundId, read);
    }
    return read;
  };

  /** The row as an enrolment, or why its address matches nothing. */
  async function enrolmentOf(row: PersonRow, compound: CompoundRecord): Promise<{ input: PersonCreate; id: string } | { reject: string }> {
    if (row.category === 'vulnerable' && row.pairedWith === undefined) {
      return { reject: 'paired_with: a vulnerable resident is paired with a cadre (a staff username)' };
    }
    const found = findBuilding(await buildings(compound.id), row.building);
    if (!found) return { reject: `building: no building ${row.building} in compound ${compound.name}` };
    if (Array.isArray(found)) return { reject: `building: ${found.length} buildings of ${compound.name} match ${row.building} (${found.map((b) => b.name).join(', ')}); give the building's name` };
    const room = roomOf(row);
    const who = row.idNumber ? hashIdNumber(row.idNumber).idHash : `${normaliseName(row.name)}/${found.id}/${room ?? ''}`;
    const input: PersonCreate = {
      name: row.name,
      ...(row.phone ? { phone: row.phone } : {}),
      ...(row.idNumber ? { idNumber: row.idNumber } : {}),
      compoundId: compound.id, buildingId: found.id,
      ...(room ? { room } : {}),
      category: row.category, reason: row.reason, source: context.source,
      ...(row.pairedWith ? { pairedWith: row.pairedWith } : {}),
      ...(row.startDate ? { startDate: row.startDate } : {}),
    };
    return { input, id: `pp_${stableHash(`list:${compound.id}:${who}:${row.category}`)}` };
  }

  return {
    async apply(rows) {
      const outcome = new Outcome(context);
      const resolved = await compounds.resolve(rows, outcome);
      const work: { row: PersonRow; compound: CompoundRecord }[] = [];
      for (const row of rows) {
        const compound = resolved.get(row);
        if (compound) work.push({ row, compound });
      }
      const enrolments = await inParallel(work, CONCURRENCY, async ({ row, compound }) => ({ row, compound, enrolment: await enrolmentOf(row, compound) }));
      // Claimed in the file's order, so the first of two rows for one person is the one kept.
      const accepted: { row: PersonRow; compound: CompoundRecord; input: PersonCreate; id: string }[] = [];
      for (const { row, compound, enrolment } of enrolments) {
        if ('reject' in enrolment) {
          outcome.reject(row.line, enrolment.reject);
          continue;
        }
        const first = seen.claim(enrolment.id, row.line);
        if (first !== undefined) outcome.reject(row.line, `duplicate of line ${first} (the same person at the same address); the first row was kept`);
        else accepted.push({ row, compound, ...enrolment });
      }
      await inParallel(accepted, CONCURRENCY, async ({ row, compound, input, id }) => {
        if (context.dryRun) {
          outcome.imported++;
          return;
        }
        try {
          await enrol(input, compound, context.caller, context.at, '', id);
          outcome.imported++;
        } catch (error) {
          if (!(error instanceof CordonError)) throw error;
          if (error.code === 'conflict') {
            // Enrolled by an earlier import of the list: nothing to do.
            outcome.updated++;
            outcome.unchanged++;
          } else if (ROW_FAILURES.has(error.code)) {
            outcome.reject(row.line, reasonOf(error));
          } else {
            throw error;
          }
        }
      });
      outcome.rejects.sort((a, b) => a.line - b.line);
      return outcome satisfies ChunkOutcome;
    },
  };
}

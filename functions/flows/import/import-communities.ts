/**
 * Community boundaries from an import (city staff only): each feature creates or changes a
 * community, and a street named for the first time is created with it. Once written, the places
 * cache is dropped and the assign-compounds worker is asked to place the compounds that were
 * waiting at city level in the communities that now hold them.
 */
import { diff } from '#shared/domain/audit.ts';
import type { CommunityRow } from '#shared/import/rows.ts';
import type { Community, Street } from '#shared/schemas/places.ts';
import { duplicateReason, FirstSeen, Outcome, type ImportContext, type KindImporter } from './import-kind.ts';
import { communityIdOf, communityItem, forgetPlaces, streetItem } from '#functions/stores/places-store.ts';
import { sendMessages } from '#functions/platform/queue.ts';

const COMMUNITY_FIELDS = ['name', 'streetId', 'boundary'] as const satisfies readonly (keyof Community)[];
const STREET_FIELDS = ['name'] as const satisfies readonly (keyof Street)[];

export function communityImporter(context: ImportContext): KindImporter<CommunityRow> {
  const { places } = context;
  const seen = new FirstSeen();
  /** Streets as this request leaves them (stored, plus created or renamed here). */
  const streets = new Map(places.streets.map((s) => [s.id, s]));
  let written = false;

  return {
    async apply(rows) {
      const outcome = new Outcome(context);
      for (const row of rows) {
        const id = communityIdOf(places, row.externalId);
        const first = seen.claim(id, row.line);
        if (first !== undefined) {
          outcome.reject(row.line, duplicateReason(first, row.externalId));
          continue;
        }
        const street = streets.get(row.streetId);
        const nextStreet: Street = { id: row.streetId, name: row.streetName ?? street?.name ?? row.streetId };
        const streetChanges = diff(street, nextStreet, STREET_FIELDS);
        if (Object.keys(streetChanges).length > 0) {
          // A street is written once per request, with the row that names it first, not counted as a row of the file.
          outcome.put(row.line, 'STREET', nextStreet.id, streetItem(nextStreet), streetChanges, street ? 'update' : 'create');
          streets.set(nextStreet.id, nextStreet);
        }
        const current = places.communityById.get(id);
        const next: Community = { id, name: row.name, streetId: row.streetId, boundary: row.boundary };
        outcome.write('COMMUNITY', id, communityItem(next), diff(current, next, COMMUNITY_FIELDS), current !== undefined, row.line);
      }
      if (outcome.units.length > 0) written = true;
      return outcome;
    },

    async finish() {
      if (!written) return;
      forgetPlaces();
      await sendMessages('assignCompounds', [{ streetId: null, reason: context.source }]);
    },
  };
}

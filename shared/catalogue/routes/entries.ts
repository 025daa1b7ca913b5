/**
 * Routes of entry registration at an exit (出入登记), its hourly counts, and the passes of
 * pre-registered commuters (seed 003).
 */
import { CompoundIdParams } from '#shared/schemas/compound.ts';
import { CountsQuery, Entry, EntryCreate, EntryListQuery, EntryPage, HourlyCounts, Pass, PassCreate } from '#shared/schemas/entry.ts';
import { ExitIdParams } from '#shared/schemas/exit.ts';
import { defineRoutes } from '../types.ts';

export const entriesRoutes = defineRoutes({
  createEntry: {
    method: 'POST', path: '/v1/exits/{id}/entries', resource: 'entries', auth: 'jwt', roles: ['duty'],
    summary: 'Register a person passing your own exit: the 四必, temperature, pass, outcome',
    description:
      'Idempotent by entryId: a retry answers the entry already stored (409 if it says something else). A temperature at or above the threshold (37.3 °C) ' +
      'raises a fever alert for the community in the same transaction and needs the escort to the designated hospital.',
    params: ExitIdParams, body: { kind: 'json', schema: EntryCreate },
    response: { status: 201, schema: Entry }, errors: [404, 409],
  },
  listEntries: {
    method: 'GET', path: '/v1/exits/{id}/entries', resource: 'entries', auth: 'jwt', roles: ['city', 'official', 'community', 'duty'],
    summary: 'Entries of one day at an exit, in time order; names and phones masked, ID numbers as their last four',
    params: ExitIdParams, query: EntryListQuery, response: { status: 200, schema: EntryPage }, errors: [404],
  },
  getExitCounts: {
    method: 'GET', path: '/v1/exits/{id}/counts', resource: 'entries', auth: 'jwt', roles: ['city', 'official', 'community', 'duty'],
    summary: 'Hourly counts at an exit for one day (in, out, admitted, refused, fever)',
    params: ExitIdParams, query: CountsQuery, response: { status: 200, schema: HourlyCounts }, errors: [404],
  },
  createPass: {
    method: 'POST', path: '/v1/compounds/{id}/passes', resource: 'entries', auth: 'jwt', roles: ['city', 'community'],
    summary: 'Pre-register a commuter\'s pass (出入证), so the gate compares instead of recording anew',
    description: 'Given again for the same holder it renews the pass; for another holder it answers 409.',
    params: CompoundIdParams, body: { kind: 'json', schema: PassCreate },
    response: { status: 201, schema: Pass }, errors: [404, 409],
  },
});

/**
 * Routes of entry registration at an exit (出入登记) and its hourly counts. Passes, which an
 * entry may name, have their own routes (passes.ts).
 */
import { CountsQuery, Entry, EntryCreate, EntryListQuery, EntryPage, HourlyCounts } from '#shared/schemas/entry.ts';
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
});

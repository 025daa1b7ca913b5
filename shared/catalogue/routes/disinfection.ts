/**
 * Routes over disinfection rounds for staff and overseers: the compounds that missed rounds on a
 * day (listed beside unresolved exits) and a compound's day log. Rounds themselves are campaigns
 * (POST /v1/campaigns {kind: "disinfection"}) and their tasks are worked through /v1/tasks.
 */
import { OVERSEERS } from '#shared/roles.ts';
import { Id, page } from '#shared/schemas/common.ts';
import { ChinaDay, DisinfectionLog, MissedRound, MissedRoundsQuery } from '#shared/schemas/disinfection.ts';
import * as z from '../../zod.ts';
import { defineRoutes } from '../types.ts';

export const disinfectionRoutes = defineRoutes({
  listMissedRounds: {
    method: 'GET', path: '/v1/missed-rounds', resource: 'disinfection', auth: 'jwt', roles: OVERSEERS,
    summary: 'Compounds under closure with fewer completed disinfection rounds than required, per China day',
    description: 'Judged after the day ends (00:10 China time); a round of that day completed later counts on the entry, '
      + 'and the compound leaves the list once it reaches the required count. Sorted by street, community and compound; '
      + 'filtered to the caller\'s jurisdiction. Default date: yesterday in China.',
    query: MissedRoundsQuery, response: { status: 200, schema: page(MissedRound) },
  },
  getDisinfectionLog: {
    method: 'GET', path: '/v1/compounds/{id}/disinfection-log', resource: 'disinfection', auth: 'jwt', roles: [...OVERSEERS, 'disinfection'],
    summary: 'A compound\'s disinfection rounds of a China day, with required and completed counts',
    params: z.object({ id: Id }), query: z.object({ date: z.optional(ChinaDay) }),
    response: { status: 200, schema: DisinfectionLog }, errors: [404],
  },
});

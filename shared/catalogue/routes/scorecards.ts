/**
 * Routes of the six in place (六个到位): a compound's scorecard of a China day, judged from its
 * data, and the shares in place by community and street (one roll-up function) for overseers.
 */
import { OVERSEERS } from '#shared/roles.ts';
import { Scorecard, ScorecardParams, ScorecardQuery, ScorecardSummary, ScorecardsQuery } from '#shared/schemas/inspection.ts';
import { defineRoutes } from '../types.ts';

export const scorecardsRoutes = defineRoutes({
  getCompoundScorecard: {
    method: 'GET', path: '/v1/compounds/{id}/scorecard', resource: 'scorecards', auth: 'jwt', roles: OVERSEERS,
    summary: 'The compound\'s six in place on a China day: checkpoint, duty, registration, notices, screening, disinfection, each with its evidence',
    description: 'Each item is in place or not with the evidence (in the caller\'s language) and the figures behind it. Today by default.',
    params: ScorecardParams, query: ScorecardQuery, response: { status: 200, schema: Scorecard }, errors: [404],
  },
  listScorecards: {
    method: 'GET', path: '/v1/scorecards', resource: 'scorecards', auth: 'jwt', roles: OVERSEERS,
    summary: 'Shares in place of the compounds under closure: of a community (by compound), a street (by community) or the caller\'s jurisdiction (by street)',
    query: ScorecardsQuery, response: { status: 200, schema: ScorecardSummary },
  },
});

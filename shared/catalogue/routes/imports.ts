/**
 * The bulk import route: compounds, buildings, exits and community boundaries from files, and
 * staff rosters.
 */
import { REGISTRY_EDITORS } from '#shared/roles.ts';
import { IMPORT_CONTENT_TYPES, ImportQuery, ImportSummary } from '#shared/schemas/imports.ts';
import { defineRoutes } from '../types.ts';

export const importsRoutes = defineRoutes({
  createImport: {
    method: 'POST', path: '/v1/imports', resource: 'imports', auth: 'jwt', roles: REGISTRY_EDITORS,
    summary: 'Import compounds, buildings, exits or community boundaries from GeoJSON or CSV, or a staff roster from CSV',
    description:
      'The file is the raw body (UTF-8 with or without BOM, or GB18030/GBK). Each bad row is rejected with its line ' +
      'and reason and writes nothing; good rows go in. Re-importing updates by external id, or by name and location. ' +
      'If the table fails partway, 503 import-incomplete lists in `errors` which lines are in (`lines.2-1201`: written) ' +
      'and which are not; sending the file again completes it. kind=staff: a roster (账号, 姓名, 角色, 社区/网格/小区/出入口 ids ' +
      'as the role needs, 电话), each person added as POST /v1/staff adds them (their sign-in included); a row outside the ' +
      'caller\'s jurisdiction or with a bad role is rejected with its line, a person already listed exactly so is unchanged.',
    query: ImportQuery, body: { kind: 'raw', contentTypes: IMPORT_CONTENT_TYPES },
    response: { status: 200, schema: ImportSummary }, errors: [413, 415, 503],
  },
});

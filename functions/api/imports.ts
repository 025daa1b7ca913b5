/**
 * Import route: POST /v1/imports takes a CSV or GeoJSON file as the raw body, options in the
 * query, and answers a summary with each rejected row's line and reason. The edge (http.ts) has
 * authenticated the caller, checked the role, parsed the query and read the body as bytes.
 */
import { httpHandler } from '../edge/http.ts';
import { importsRoutes } from '#shared/catalogue/routes/imports.ts';
import { runImport } from '../flows/import/importer.ts';

export const handler = httpHandler(importsRoutes, {
  createImport: ({ body, query, caller }) => runImport({ body, query, caller }),
});

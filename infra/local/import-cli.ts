/**
 * `npm run import -- FILE [--kind compounds|buildings|exits|communities] [--crs wgs84|gcj02|bd09]
 *   [--encoding auto|utf8|gb18030] [--columns field:Header,…] [--api URL] [--user NAME] [--dry-run]`
 *
 * Imports a file into the running local stack (`npm start`) through POST /v1/imports, in parts
 * for big files. The token is CORDON_TOKEN, or one issued by the local stack for --user, or for
 * its first city user. Rejected rows are printed one per line; the last line of stdout is always
 * the JSON summary {"imported":N,"updated":N,"rejected":N}. Exits non-zero when a request fails.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as z from '#shared/zod.ts';
import { Crs, Encoding, Format, ImportKind } from '#shared/schemas/imports.ts';
import { LocalUserList, TokenResponse } from '#shared/schemas/local.ts';
import { formatFromName, importFile, ImportRequestError, kindFromName } from './import-client.ts';
import { routes } from '#shared/catalogue/index.ts';

const USAGE =
  'usage: npm run import -- FILE [--kind compounds|buildings|exits|communities] [--crs wgs84|gcj02|bd09] ' +
  '[--encoding auto|utf8|gb18030] [--format csv|geojson] [--columns field:Header,…] [--api http://localhost:3000] ' +
  '[--user USERNAME] [--dry-run] [--part-rows N]';

class UsageError extends Error {}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      kind: { type: 'string' },
      crs: { type: 'string', default: 'wgs84' },
      encoding: { type: 'string', default: 'auto' },
      format: { type: 'string' },
      columns: { type: 'string' },
      api: { type: 'string', default: process.env.CORDON_API ?? `http://localhost:${process.env.PORT ?? 3000}` },
      user: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      /** Rows per request; the default keeps each request well inside API Gateway's 30 s. */
      'part-rows': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(USAGE);
  if (!existsSync(file)) throw new UsageError(`no file ${file}`);
  const kind = option(ImportKind, values.kind ?? kindFromName(file), '--kind');
  const crs = option(Crs, values.crs, '--crs');
  const encoding = option(Encoding, values.encoding, '--encoding');
  const format = values.format === undefined ? formatFromName(file) : option(Format, values.format, '--format');
  const api = values.api.replace(/\/$/, '');
  const token = await tokenFor(api, values.user);

  const maxRows = values['part-rows'] === undefined ? undefined : option(z.coerce.number().check(z.int(), z.gte(1)), values['part-rows'], '--part-rows');
  const result = await importFile(file, {
    api, token, kind, crs, encoding, format, columns: values.columns, dryRun: values['dry-run'], maxRows,
  });
  for (const reject of result.rejects.sort((a, b) => a.line - b.line)) console.log(`line ${reject.line}: ${reject.reason}`);
  console.log(JSON.stringify({ imported: result.imported, updated: result.updated, rejected: result.rejected }));
}

function option<T>(schema: z.ZodMiniType<T>, value: unknown, name: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`${name} ${String(value)} is not one of the accepted values\n${USAGE}`);
  return parsed.data;
}

/** CORDON_TOKEN wins unless a user is named; else a demo user's token from the local stack. */
async function tokenFor(api: string, user: string | undefined): Promise<string> {
  if (user === undefined && process.env.CORDON_TOKEN) return process.env.CORDON_TOKEN;
  let username = user;
  if (username === undefined) {
    const users = LocalUserList.parse(await getJson(`${api}${routes.listLocalUsers.path}`));
    username = users.find((u) => u.role === 'city')?.username;
    if (!username) throw new Error(`${api} has no demo user with role city; pass --user or set CORDON_TOKEN`);
  }
  const issued = await getJson(`${api}${routes.issueLocalToken.path}`, { username });
  return TokenResponse.parse(issued).token;
}

async function getJson(url: string, body?: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, body === undefined ? {} : {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new Error(`cannot reach ${url} (is \`npm start\` running?): ${(error as Error).message}`, { cause: error });
  }
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

main().catch((error: unknown) => {
  // The rejects of the parts that went in before the failure are still the user's to fix.
  if (error instanceof ImportRequestError) for (const reject of error.before.rejects) console.log(`line ${reject.line}: ${reject.reason}`);
  if (error instanceof UsageError) console.error(error.message);
  else console.error(`import failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});

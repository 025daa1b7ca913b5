/**
 * `npm start`: the whole of Cordon on this machine — DynamoDB Local, the table, the demo city
 * (seeded once), the local API with its queue and schedule runners, and the web app as users get
 * it: the production build with its service worker, rebuilt first when missing or older than its
 * sources. `npm run dev` (--dev) serves the app from Vite's dev server instead, with hot reload
 * and no service worker. Ctrl-C or SIGTERM stops everything, DynamoDB Local's Java process included.
 *
 * Options (or environment): --port (PORT, 3000), --web-port (WEB_PORT, 5173),
 * --dynamodb-port (DYNAMODB_PORT, 8000, or a free one when taken), --data-dir (DATA_DIR, .data),
 * --in-memory, --host (HOST, 127.0.0.1), --no-web, --no-seed, --table (TABLE_NAME, cordon), --quiet, --dev,
 * --public-url (PUBLIC_URL: where phones reach the web app, for the gate QR code).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { demoHouseholdLinks } from './demo/orders.ts';
import { HOUSEHOLD_LINKS_FILE, writeHouseholdLinks } from './household-links.ts';
import { seedCity } from './demo/seed.ts';
import { pointHandlersAt } from './handler-env.ts';
import { demoCity, demoUsers } from './demo/users.ts';
import { ensureTable } from './bootstrap.ts';
import { freePort, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
import { startLocalRuntime, type LocalRuntime } from './runtime.ts';
import { ensure, explain, requirementsFor } from './setup.ts';
import { startWebServer } from './web-server.ts';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'web-port': { type: 'string', default: process.env.WEB_PORT ?? '5173' },
    'dynamodb-port': { type: 'string', default: process.env.DYNAMODB_PORT ?? '8000' },
    'data-dir': { type: 'string', default: process.env.DATA_DIR ?? '.data' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    table: { type: 'string', default: process.env.TABLE_NAME ?? 'cordon' },
    'in-memory': { type: 'boolean', default: false },
    'no-web': { type: 'boolean', default: false },
    'no-seed': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    dev: { type: 'boolean', default: false },
    'public-url': { type: 'string', default: process.env.PUBLIC_URL },
  },
});

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = path.resolve(root, args['data-dir']);
const inMemory = args['in-memory'];
const host = args.host;
const apiPort = Number(args.port);
const webPort = Number(args['web-port']);
const log = args.quiet ? undefined : (line: string) => console.log(`  ${line}`);

const stoppers: (() => Promise<void>)[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nStopping Cordon …');
    for (const stop of stoppers.reverse()) await stop().catch((error: unknown) => console.error(error));
  }
  process.exit(code);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  const missing = ensure(requirementsFor('start'));
  if (missing.length > 0) {
    console.error(explain(missing));
    process.exit(1);
  }

  const dynamodb: DynamoDbLocal = await startDynamoDbLocal({
    port: await portOrFree(Number(args['dynamodb-port'])),
    dataDir: inMemory ? undefined : path.join(dataDir, 'dynamodb'),
  });
  stoppers.push(() => dynamodb.stop());
  await ensureTable(dynamodb.endpoint, args.table);

  // The city is in place before the API answers: a request or a campaign launched as soon as
  // /health says ok must not see it half-seeded.
  if (!args['no-seed']) {
    pointHandlersAt(dynamodb.endpoint, args.table);
    const seed = await seedCity(demoCity());
    console.log(seed.seeded ? `Seeded the demo city: ${describe(seed.counts)}` : 'Demo city already seeded.');
  }

  const runtime: LocalRuntime = await startLocalRuntime({
    endpoint: dynamodb.endpoint,
    tableName: args.table,
    apiPort,
    host,
    users: demoUsers(),
    allowedOrigins: [`http://localhost:${webPort}`, `http://127.0.0.1:${webPort}`],
    keyFile: inMemory ? undefined : path.join(dataDir, 'local-signing-key.json'),
    filesDir: inMemory ? undefined : path.join(dataDir, 'files'),
    runSchedules: true,
    log,
  });
  stoppers.push(() => runtime.stop());

  let webUrl: string | undefined;
  if (!args['no-web']) {
    const web = await startWebServer({
      port: webPort, host, apiUrl: runtime.api.url, mode: args.dev ? 'dev' : 'preview', log: (line) => console.log(line), publicUrl: args['public-url'],
    });
    stoppers.push(() => web.close());
    webUrl = web.url;
  }

  // Recomputed from the table on every start: a link staff made again or revoked is not written.
  const householdLinks = args['no-seed'] ? [] : await demoHouseholdLinks(demoCity(), new Date().toISOString());
  // They are signed tokens and this console is a log: a file instead, in memory one that goes with the run.
  const linksDir = inMemory ? mkdtempSync(path.join(tmpdir(), 'cordon-links-')) : dataDir;
  if (inMemory) stoppers.push(async () => rmSync(linksDir, { recursive: true, force: true }));
  const linksFile = path.join(linksDir, HOUSEHOLD_LINKS_FILE);
  const shownAs = path.relative(root, linksFile).startsWith('..') ? linksFile : path.relative(root, linksFile);
  printWelcome(runtime.api.url, webUrl, dynamodb.endpoint, writeHouseholdLinks(linksFile, webUrl, householdLinks, shownAs));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
}

async function portOrFree(port: number): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => void freePort().then(resolve));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(port)));
  });
}

function describe(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([name, n]) => `${n.toLocaleString('en-US')} ${name}`)
    .join(', ');
}

function printWelcome(apiUrl: string, webUrl: string | undefined, dynamodbUrl: string, householdLinksLine: string | undefined): void {
  const users = demoUsers();
  const byRole = Map.groupBy(users, (user) => user.role);
  console.log(`
Cordon is running.
  Web app        ${webUrl ? `${webUrl}   (${args.dev ? 'dev server, hot reload' : 'production build, works offline; npm run dev for hot reload'})` : '(not started: --no-web)'}
  API            ${apiUrl}   (OpenAPI: ${apiUrl}/openapi.json)
  DynamoDB Local ${dynamodbUrl}   table ${args.table}${inMemory ? ' (in memory)' : `, data in ${path.relative(root, dataDir)}/`}

Demo users (${users.length}; all at ${apiUrl}/local/users). Log in on the web app${webUrl ? ` (or at once: ${webUrl}/login?user=NAME)` : ''}, or:
  curl -s -X POST ${apiUrl}/local/token -H 'content-type: application/json' -d '{"username":"${users[0]?.username ?? ''}"}'`);
  for (const [role, list] of byRole) {
    const shown = list.slice(0, 2).map((u) => `${u.username} (${u.name})`).join(', ');
    console.log(`  ${role.padEnd(13)} ${shown}${list.length > 2 ? `, … ${list.length} in all` : ''}`);
  }
  if (householdLinksLine) console.log(`\n${householdLinksLine}`);
  console.log('\nPress Ctrl-C to stop.');
}

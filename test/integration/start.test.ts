import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '#infra/local/dynamodb-local.ts';
import { HOUSEHOLD_LINKS_FILE } from '#infra/local/household-links.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'cordon-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Started {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly apiUrl: string;
  readonly dynamodbPort: number;
}

/**
 * Runs `npm start`'s program as a newcomer would, on free ports, until it says it is running —
 * or, with `untilHealthy`, only until its API first answers /health, as a script would wait.
 */
async function start(extra: string[], options: { untilHealthy?: boolean } = {}): Promise<Started> {
  const apiPort = await freePort();
  const dynamodbPort = await freePort();
  const child = spawn(
    process.execPath,
    ['infra/local/start.ts', '--no-web', '--quiet', '--port', String(apiPort), '--dynamodb-port', String(dynamodbPort), ...extra],
    { cwd: root, env: { ...process.env, LOG_LEVEL: 'SILENT' } },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const healthy = async () => {
    try {
      return (await fetch(`http://127.0.0.1:${apiPort}/health`)).ok;
    } catch {
      return false;
    }
  };
  await new Promise<void>((resolve, reject) => {
    const check = async () => {
      if (options.untilHealthy ? await healthy() : output.includes('Press Ctrl-C to stop.')) return resolve();
      if (child.exitCode !== null) return reject(new Error(`npm start exited ${child.exitCode}:\n${output}`));
      setTimeout(() => void check(), 100);
    };
    void check();
  });
  return { child, output: () => output, apiUrl: `http://127.0.0.1:${apiPort}`, dynamodbPort };
}

async function stop(started: Started, signal: NodeJS.Signals): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => started.child.once('exit', (code) => resolve(code)));
  started.child.kill(signal);
  return exited;
}

/** Java processes serving DynamoDB Local on this port. */
function javaOn(port: number): string[] {
  const out = spawnSync('pgrep', ['-af', `DynamoDBLocal.jar.*-port ${port}$`], { encoding: 'utf8' });
  return out.stdout.split('\n').filter(Boolean);
}

async function tokenFor(apiUrl: string, username: string): Promise<string> {
  const response = await fetch(`${apiUrl}/local/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }),
  });
  return ((await response.json()) as { token: string }).token;
}

/**
 * Starting Java, making the table and seeding the demo city (its sweep and round included) is a
 * minute's work on a loaded 2-core machine, and Java alone may take up to the start's own 120 s
 * deadline there; each test starts it once or twice.
 */
const STARTS = 480_000;

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('npm start', () => {
  it('serves the seeded demo city, prints URLs and users, and stops on SIGTERM without leaving Java', async () => {
    const started = await start(['--data-dir', dataDir]);
    try {
      expect(started.output()).toContain(`API            ${started.apiUrl}`);
      expect(started.output()).toMatch(/Seeded the demo city: .*compounds/);
      expect(javaOn(started.dynamodbPort)).toHaveLength(1);
      // The households' links are signed tokens, never on the console (a log); with no web app to
      // open them on, no file of them either (test/unit/local-household-links.test.ts has the file).
      expect(started.output()).not.toContain('/h/');
      expect(existsSync(path.join(dataDir, HOUSEHOLD_LINKS_FILE))).toBe(false);

      const users = (await (await fetch(`${started.apiUrl}/local/users`)).json()) as { username: string; role: string }[];
      expect(new Set(users.map((u) => u.role))).toEqual(new Set(['city', 'official', 'community', 'grid', 'duty', 'disinfection', 'volunteer']));
      const city = users.find((u) => u.role === 'city');
      const { token } = (await (await fetch(`${started.apiUrl}/local/token`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: city?.username }),
      })).json()) as { token: string };
      const list = (await (await fetch(`${started.apiUrl}/v1/compounds`, { headers: { authorization: `Bearer ${token}` } })).json()) as { features: unknown[] };
      expect(list.features.length).toBeGreaterThanOrEqual(150);
    } finally {
      expect(await stop(started, 'SIGTERM')).toBe(0);
    }
    expect(javaOn(started.dynamodbPort)).toEqual([]);
  }, STARTS);

  it('keeps its data between runs unless told --in-memory, and stops on Ctrl-C', async () => {
    const again = await start(['--data-dir', dataDir]);
    expect(again.output()).toContain('Demo city already seeded.');
    expect(await stop(again, 'SIGINT')).toBe(0);
    expect(javaOn(again.dynamodbPort)).toEqual([]);

    const fresh = await start(['--in-memory'], { untilHealthy: true });
    try {
      // The city is whole by the time the API answers at all.
      expect(fresh.output()).toMatch(/Seeded the demo city/);
      const list = (await (await fetch(`${fresh.apiUrl}/v1/compounds`, {
        headers: { authorization: `Bearer ${await tokenFor(fresh.apiUrl, 'official-city')}` },
      })).json()) as { features: unknown[] };
      expect(list.features.length).toBeGreaterThanOrEqual(150);
      await until(() => fresh.output().includes('(in memory)'));
    } finally {
      expect(await stop(fresh, 'SIGTERM')).toBe(0);
    }
  }, STARTS);
});

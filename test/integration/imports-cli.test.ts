import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { countByType, seedPlaces, users } from './imports-support.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/imports');
const dir = mkdtempSync(path.join(tmpdir(), 'cordon-cli-'));
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ users, seed: seedPlaces });
});
afterAll(async () => {
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** `npm run import -- …` as a child process; resolves with its output and exit code. */
async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string[]; stderr: string }> {
  const node = path.join(root, 'node_modules/.bin/node');
  const { CORDON_TOKEN: _ignored, ...parent } = process.env;
  try {
    const { stdout, stderr } = await run(node, ['infra/local/import-cli.ts', ...args, '--api', stack.url], {
      cwd: root,
      env: { ...parent, ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout: stdout.trim().split('\n'), stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout.trim().split('\n'), stderr: failed.stderr };
  }
}

describe('npm run import', () => {
  it('imports a file as the first city user and ends with the JSON summary', async () => {
    const { code, stdout } = await cli([path.join(fixtures, 'compounds.csv')]);
    expect(code).toBe(0);
    expect(stdout.at(-1)).toBe('{"imported":4,"updated":0,"rejected":0}');
  });

  it('prints each reject on its own line above the summary', async () => {
    const { code, stdout } = await cli([path.join(fixtures, 'bad-compounds.csv'), '--user', 'city1']);
    expect(code).toBe(0);
    expect(stdout.at(-1)).toBe('{"imported":2,"updated":0,"rejected":7}');
    expect(stdout.slice(0, -1).map((l) => l.split(':')[0])).toEqual(['line 3', 'line 4', 'line 7', 'line 8', 'line 9', 'line 10', 'line 11']);
  });

  it('takes the kind from the file name, and reads GB18030', async () => {
    const buildings = await cli([path.join(fixtures, 'buildings.csv')]);
    expect(buildings.stdout.at(-1)).toBe('{"imported":6,"updated":0,"rejected":3}');
    const gbk = await cli([path.join(fixtures, 'compounds-gb18030.csv'), '--dry-run']);
    expect(gbk.stdout.at(-1)).toBe('{"imported":0,"updated":4,"rejected":0}');
  });

  it('sends a big file in parts under one import and reports the file\'s own lines', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `P-${i},分片小区${i},112.5${String(i).padStart(5, '0')},31.15`);
    for (const bad of [0, 999, 1000, 2001, 2499]) rows[bad] = `P-${bad},,112.5,31.15`;
    const file = path.join(dir, 'many.csv');
    writeFileSync(file, `external_id,name,lng,lat\n${rows.join('\n')}\n`);
    const before = (await countByType()).compound ?? 0;
    const { code, stdout } = await cli([file, '--kind', 'compounds', '--part-rows', '1000']);
    expect(code).toBe(0);
    expect(stdout.at(-1)).toBe('{"imported":2495,"updated":0,"rejected":5}');
    expect(stdout.slice(0, -1)).toEqual([2, 1001, 1002, 2003, 2501].map((line) => `line ${line}: name: is required`));
    expect((await countByType()).compound).toBe(before + 2495);
  });

  it('exits non-zero on a 4xx, saying why', async () => {
    const forbidden = await cli([path.join(fixtures, 'compounds.csv'), '--user', 'grid1']);
    expect(forbidden.code).not.toBe(0);
    expect(forbidden.stderr).toMatch(/403/);
    const badToken = await cli([path.join(fixtures, 'compounds.csv')], { CORDON_TOKEN: 'not-a-token' });
    expect(badToken.code).not.toBe(0);
    expect(badToken.stderr).toMatch(/401/);
    const usage = await cli([path.join(fixtures, 'compounds.csv'), '--crs', 'mercator']);
    expect(usage.code).toBe(2);
  });
});

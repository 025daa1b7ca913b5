/**
 * The picture's lint rules (test/eslint.config.js) fire: for every forbidden arrow a probe module
 * placed in the tree (linted from text, never written) gets the error, and an allowed import
 * beside it passes. Circles are proven on the files under test/fixtures/lint/, which the main lint
 * run ignores.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: 'test/eslint.config.js', ignore: false });

const PICTURE_RULES = new Set(['import-x/no-restricted-paths', 'no-restricted-imports', 'cordon/no-import-circle']);

/** The picture's rules a module reports (and any parse failure, so a broken probe cannot pass). */
function pictureErrors(results: ESLint.LintResult[]): string[] {
  return results.flatMap((r) => r.messages)
    .filter((m) => m.fatal === true || PICTURE_RULES.has(m.ruleId ?? ''))
    .map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

interface Arrow {
  /** The probe module's path (repository-relative); it is linted from text, never written. */
  readonly from: string;
  /** What it imports: a repository file, or a package name. */
  readonly to: string;
  /** How the import is written: through package.json "imports" (`#shared/…`) or a relative path. */
  readonly via?: 'package' | 'relative';
}

/** Lints a probe module at `from` whose only line imports `to`. */
async function lintArrow({ from, to, via = 'package' }: Arrow): Promise<string[]> {
  const isFile = to.includes('/') && !to.startsWith('@');
  if (isFile && !existsSync(path.join(root, to))) throw new Error(`${to} is gone: point this case at a file that exists`);
  const relative = path.relative(path.dirname(from), to);
  const specifier = !isFile ? to : via === 'package' ? `#${to}` : relative.startsWith('.') ? relative : `./${relative}`;
  const code = `import * as target from '${specifier}';\n\nexport const probe = target;\n`;
  return pictureErrors(await eslint.lintText(code, { filePath: path.join(root, from) }));
}

const RESTRICTED = 'import-x/no-restricted-paths';

/** Each forbidden arrow, with an allowed one from the same place. */
const arrows: { rule: string; forbidden: Arrow[]; allowed: Arrow[] }[] = [
  {
    rule: 'shared/ imports no functions/, infra/ or web/',
    forbidden: [
      { from: 'shared/domain/probe.ts', to: 'functions/platform/clock.ts' },
      { from: 'shared/probe.ts', to: 'infra/local/setup.ts', via: 'relative' },
      { from: 'shared/domain/probe.ts', to: 'web/src/config.ts' },
    ],
    allowed: [{ from: 'shared/domain/probe.ts', to: 'shared/parallel.ts', via: 'relative' }],
  },
  {
    rule: 'web/ imports no functions/ or infra/',
    forbidden: [
      { from: 'web/src/probe.ts', to: 'functions/platform/errors.ts' },
      { from: 'web/src/auth/probe.ts', to: 'infra/local/setup.ts', via: 'relative' },
    ],
    allowed: [{ from: 'web/src/probe.ts', to: 'shared/parallel.ts' }],
  },
  {
    rule: 'a handler imports no table module',
    forbidden: [
      { from: 'functions/api/probe.ts', to: 'functions/platform/table.ts', via: 'relative' },
      { from: 'functions/jobs/probe.ts', to: 'functions/platform/table.ts' },
      { from: 'functions/workers/probe.ts', to: 'functions/platform/table.ts', via: 'relative' },
      { from: 'functions/api/probe.ts', to: 'shared/table.ts' },
    ],
    allowed: [
      { from: 'functions/api/probe.ts', to: 'functions/stores/exit-store.ts', via: 'relative' },
      { from: 'functions/jobs/probe.ts', to: 'functions/platform/clock.ts', via: 'relative' },
    ],
  },
  {
    rule: 'a store imports no edge (nor flow)',
    forbidden: [
      { from: 'functions/stores/probe.ts', to: 'functions/edge/http.ts', via: 'relative' },
      { from: 'functions/stores/probe.ts', to: 'functions/flows/fan-out.ts' },
    ],
    allowed: [{ from: 'functions/stores/probe.ts', to: 'functions/platform/table.ts', via: 'relative' }],
  },
  {
    rule: 'platform/ imports no store, flow or edge',
    forbidden: [
      { from: 'functions/platform/probe.ts', to: 'functions/stores/exit-store.ts', via: 'relative' },
      { from: 'functions/platform/probe.ts', to: 'functions/edge/http.ts' },
    ],
    allowed: [{ from: 'functions/platform/probe.ts', to: 'shared/table.ts' }],
  },
  {
    rule: 'a flow imports no edge',
    forbidden: [{ from: 'functions/flows/import/probe.ts', to: 'functions/edge/http.ts' }],
    allowed: [{ from: 'functions/flows/probe.ts', to: 'functions/stores/exit-store.ts', via: 'relative' }],
  },
  {
    rule: 'functions/ imports no infra/, web/ or test/',
    forbidden: [
      { from: 'functions/edge/probe.ts', to: 'infra/local/setup.ts' },
      { from: 'functions/api/probe.ts', to: 'test/support/table-scan.ts' },
    ],
    allowed: [{ from: 'functions/edge/probe.ts', to: 'shared/parallel.ts' }],
  },
];

describe('the picture lint rules', { timeout: 60_000 }, () => {
  for (const { rule, forbidden, allowed } of arrows) {
    describe(rule, () => {
      for (const arrow of forbidden) {
        it(`fail ${arrow.from} → ${arrow.to}`, async () => {
          expect(await lintArrow(arrow)).toEqual([RESTRICTED]);
        });
      }
      for (const arrow of allowed) {
        it(`pass ${arrow.from} → ${arrow.to}`, async () => {
          expect(await lintArrow(arrow)).toEqual([]);
        });
      }
    });
  }

  describe('only platform/ talks to DynamoDB and SQS', () => {
    it('fail a store importing the DynamoDB client', async () => {
      expect(await lintArrow({ from: 'functions/stores/probe.ts', to: '@aws-sdk/lib-dynamodb' })).toEqual(['no-restricted-imports']);
    });
    it('fail a handler importing the SQS client', async () => {
      expect(await lintArrow({ from: 'functions/workers/probe.ts', to: '@aws-sdk/client-sqs' })).toEqual(['no-restricted-imports']);
    });
    it('pass platform/ importing the DynamoDB client', async () => {
      expect(await lintArrow({ from: 'functions/platform/probe.ts', to: '@aws-sdk/lib-dynamodb' })).toEqual([]);
    });
  });

  describe('no import circle', () => {
    const lintFixtures = async (folder: string) => Object.fromEntries(
      (await eslint.lintFiles([`test/fixtures/lint/${folder}`])).map((r) => [path.basename(r.filePath), pictureErrors([r])]));

    it('fail each module of a circle, through relative and package imports', async () => {
      expect(await lintFixtures('value-circle')).toEqual({
        'first.ts': ['cordon/no-import-circle'],
        'second.ts': ['cordon/no-import-circle'],
        'third.ts': ['cordon/no-import-circle'],
      });
    });

    it('fail a circle closed by an `import type`', async () => {
      expect(await lintFixtures('type-circle')).toEqual({
        'adapter.ts': ['cordon/no-import-circle'],
        'session.ts': ['cordon/no-import-circle'],
      });
    });

    it('pass a diamond, which shares a module without a circle', async () => {
      expect(await lintFixtures('no-circle')).toEqual({ 'bottom.ts': [], 'left.ts': [], 'right.ts': [], 'top.ts': [] });
    });

    it('name the circle in the message', async () => {
      const [result] = await eslint.lintFiles(['test/fixtures/lint/type-circle/adapter.ts']);
      expect(result?.messages.map((m) => m.message)).toContain(
        'Import circle: test/fixtures/lint/type-circle/adapter.ts → test/fixtures/lint/type-circle/session.ts'
        + ' → test/fixtures/lint/type-circle/adapter.ts.');
    });
  });
});

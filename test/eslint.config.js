// Lint rules for the whole repository (run by `npm run lint`, and by `npm test`).
// Besides style, it keeps the architecture's picture (README.md, Architecture): which part may import
// which, and no import circles. test/unit/lint-boundaries.test.ts proves each of those rules fires.
import path from 'node:path';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { importCircleRule } from './eslint-import-circle.js';

const root = path.resolve(import.meta.dirname, '..');

/** Imports resolve as Node resolves them: package.json "imports" (`#shared/…`), written `.ts` extensions. */
const resolver = createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] });
const cordon = {
  rules: {
    'no-import-circle': importCircleRule({ resolver, outside: (file) => file.includes('/node_modules/') }),
  },
};

/** Handlers: the thin Lambda entry points, which reach data through stores only. */
const handlers = ['functions/api', 'functions/jobs', 'functions/workers'];

/**
 * The picture's forbidden arrows, as import-x/no-restricted-paths zones: a file under `target`
 * may not import a module under `from`. Paths are relative to the repository root; imports are
 * resolved first, so `#functions/…` and `../../functions/…` count alike.
 */
const zones = [
  {
    target: 'shared',
    from: ['functions', 'infra', 'web', 'test'],
    message: 'shared/ is read by every runtime and imports from none of them.',
  },
  {
    target: 'web',
    from: ['functions', 'infra', 'test'],
    message: 'web/ talks to functions/ over HTTP only; contracts both read live in shared/.',
  },
  {
    target: 'functions',
    from: ['infra', 'web', 'test'],
    message: 'functions/ imports no infra/, web/ or test/ code; contracts both read live in shared/.',
  },
  {
    target: handlers,
    from: 'functions/platform/table.ts',
    message: 'Handlers reach the table through a store (functions/stores/).',
  },
  {
    target: handlers,
    from: 'shared/table.ts',
    message: 'Keys and item shapes are known to stores only (functions/stores/); handlers call stores.',
  },
  {
    target: 'functions/platform',
    from: ['functions/stores', 'functions/flows', 'functions/edge', ...handlers],
    message: 'platform/ holds adapters (table, queue, config…) and knows no store, flow, edge or handler.',
  },
  {
    target: 'functions/stores',
    from: ['functions/flows', 'functions/edge', ...handlers],
    message: 'A store knows its items only: no flow, edge or handler.',
  },
  {
    target: 'functions/flows',
    from: ['functions/edge', ...handlers],
    message: 'Flows call stores and platform; the edge and handlers call flows, not the other way.',
  },
  {
    target: 'functions/edge',
    from: handlers,
    message: 'The edge wraps handlers; it does not import them.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**', 'web/dist/**', 'cdk.out/**', '.data/**', '.bench/**', 'coverage/**',
      // Deliberately broken (an import circle): test/unit/lint-boundaries.test.ts lints them itself.
      'test/fixtures/lint/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
      eqeqeq: ['error', 'always'],
      // Every schema takes zod from shared/zod.ts: zod/mini, whose functions tree-shake (classic
      // zod's methods carry the whole library into each Lambda bundle), with its English messages.
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'zod', message: 'Use `import * as z from` shared/zod.ts (zod/mini; keeps Lambda bundles small).' },
          { name: 'zod/mini', message: 'Use `import * as z from` shared/zod.ts (sets its English messages).' },
        ],
      }],
      // `z` as a named import is a namespace object esbuild cannot tree-shake; `import * as z` is.
      'no-restricted-syntax': ['error', {
        selector: "ImportDeclaration[source.value=/zod(\\.ts)?$/] > ImportSpecifier[imported.name='z']",
        message: "Use `import * as z from` shared/zod.ts (keeps Lambda bundles small).",
      }],
    },
  },
  {
    files: ['shared/zod.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The picture, kept. An import the resolver cannot follow would slip past the zones, so the
    // unit test imports through both `#…` and `../` to prove they resolve.
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX, cordon },
    settings: { 'import-x/resolver-next': [resolver] },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones }],
      // Not import-x/no-cycle: it skips `import type` edges, and a circle through a type is a circle.
      'cordon/no-import-circle': 'error',
    },
  },
  {
    // platform/ holds the only code that talks to DynamoDB and SQS (table.ts, queue.ts).
    files: ['functions/**/*.ts'],
    ignores: ['functions/platform/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-sqs'].map((name) => ({
          name, message: 'Only functions/platform/ talks to AWS services: go through a store or the queue port.',
        })),
      }],
    },
  },
  {
    files: ['web/**/*.tsx', 'web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Command-line programs and benchmarks talk to their user on stdout.
    files: ['infra/local/**/*.ts', 'test/bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);

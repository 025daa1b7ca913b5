/**
 * How every Lambda function is bundled, in one place: the CDK functions and the bundle-size
 * benchmark (test/bench/bundles.ts) both read these options, so the benchmark measures what
 * is deployed. ESM for Node.js 22, minified, with source maps and the AWS SDK v3 clients
 * inside the bundle (never the runtime's copy, whose version drifts).
 */
import path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * Some dependencies (papaparse, exceljs's) are CommonJS and `require` Node built-ins, which an
 * ESM bundle has no `require` for; this banner gives them one.
 */
const REQUIRE_BANNER = "import { createRequire as __cordonRequire } from 'node:module'; const require = __cordonRequire(import.meta.url);";

export const ESBUILD = {
  target: 'node22',
  /** Prefer packages' ESM builds, which tree-shake. */
  mainFields: ['module', 'main'],
  /** Chinese strings stay UTF-8 instead of \u escapes. */
  charset: 'utf8',
  minify: true,
  sourcemap: true,
  banner: REQUIRE_BANNER,
  /** Nothing external: the SDK v3 clients are bundled too. */
  external: [] as string[],
  /** Lambda gives credentials in the environment; see lambda-credentials.ts. */
  alias: { '@aws-sdk/credential-provider-node': path.join(import.meta.dirname, 'lambda-credentials.ts') },
  /** Lambda loads a `.mjs` handler file as ESM. */
  outExtension: '.mjs',
} as const;

/** The options for NodejsFunction (it runs esbuild with these; NODE_OPTIONS enables the maps). */
export function nodejsBundling(): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: ESBUILD.target,
    mainFields: [...ESBUILD.mainFields],
    // NodejsFunction does not pass its `charset` prop on to esbuild; the flag itself does.
    esbuildArgs: {
      '--charset': ESBUILD.charset,
      ...Object.fromEntries(Object.entries(ESBUILD.alias).map(([name, file]) => [`--alias:${name}`, file])),
    },
    minify: ESBUILD.minify,
    sourceMap: ESBUILD.sourcemap,
    banner: ESBUILD.banner,
    externalModules: ESBUILD.external,
  };
}

/** The same bundle through esbuild's API, for the benchmark: `entry` to `outfile` (.mjs). */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: ESBUILD.target,
    mainFields: [...ESBUILD.mainFields],
    charset: ESBUILD.charset,
    minify: ESBUILD.minify,
    sourcemap: ESBUILD.sourcemap,
    banner: { js: ESBUILD.banner },
    external: ESBUILD.external,
    alias: { ...ESBUILD.alias },
    logLevel: 'silent',
  };
}

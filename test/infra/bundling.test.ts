/**
 * The deployed bundle is the benchmarked bundle: NodejsFunction with infra/cloud/bundling.ts's
 * options and esbuild's API with the same module's options produce the same file, for one small
 * function; a handler's bundle carries zod/mini, not classic zod, and the Chinese message
 * catalogue only when it speaks to people.
 */
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { esbuildOptions, nodejsBundling } from '#infra/cloud/bundling.ts';
import { defaultProvider } from '#infra/cloud/lambda-credentials.ts';
import { ROOT } from '#infra/cloud/handlers.ts';

const entry = path.join(ROOT, 'functions', 'api', 'meta.ts');

describe('bundling options', () => {
  it('make NodejsFunction and the benchmark build the same ESM file', async () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'cordon-bundle-'));
    const stack = new Stack(new App({ outdir }), 'Bundle');
    new NodejsFunction(stack, 'Meta', {
      entry, runtime: Runtime.NODEJS_22_X, projectRoot: ROOT, depsLockFilePath: path.join(ROOT, 'package-lock.json'), bundling: nodejsBundling(),
    });
    const assembly = (stack.node.root as App).synth();
    const deployed = readdirSync(assembly.directory).map((f) => path.join(assembly.directory, f, 'index.mjs')).find(existsSync);
    expect(deployed).toBeDefined();

    const benchFile = path.join(mkdtempSync(path.join(tmpdir(), 'cordon-bench-')), 'index.mjs');
    await build(esbuildOptions(entry, benchFile));
    const [a, b] = [readFileSync(deployed as string, 'utf8'), readFileSync(benchFile, 'utf8')];
    // The files differ only in the source map's name on the last line.
    const body = (s: string) => s.replace(/\/\/# sourceMappingURL=.*\n?$/, '');
    expect(body(a)).toBe(body(b));
    expect(a.startsWith("import { createRequire as __cordonRequire } from 'node:module';")).toBe(true);
    expect(a).not.toMatch(/\\u[4-9][0-9a-f]{3}/); // CJK stays UTF-8
  });

  it('swap the SDK\'s credential provider chain for the environment provider', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cordon-creds-'));
    const withSdk = path.join(ROOT, 'functions', 'api', 'places.ts');
    const options = esbuildOptions(withSdk, path.join(dir, 'swapped.mjs'));
    await build(options);
    await build({ ...options, outfile: path.join(dir, 'chain.mjs'), alias: {} });
    // Strings only the chain's SSO and web-identity providers carry.
    const chainMarkers = /sso_start_url|AWS_WEB_IDENTITY_TOKEN_FILE/;
    expect(readFileSync(path.join(dir, 'chain.mjs'), 'utf8')).toMatch(chainMarkers);
    expect(readFileSync(path.join(dir, 'swapped.mjs'), 'utf8')).not.toMatch(chainMarkers);
  });

  it('carry zod/mini into a handler with schemas, never classic zod (≈ 60 KB more in every function)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cordon-zod-'));
    const { metafile } = await build({ ...esbuildOptions(path.join(ROOT, 'functions', 'api', 'cases.ts'), path.join(dir, 'cases.mjs')), metafile: true });
    // What the bundle holds: esbuild lists every file it read, even one it shook out entirely.
    const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined)!;
    const inputs = Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([file]) => file);
    expect(inputs.some((file) => file.includes('zod/v4/mini/'))).toBe(true);
    expect(inputs.filter((file) => file.includes('zod/v4/classic/'))).toEqual([]);
    // Only the English messages shared/zod.ts sets and the edge's zh-CN: not all of zod's locales.
    expect(inputs.filter((file) => file.includes('zod/v4/locales/') && !/locales\/(en|zh-CN)\.js$/.test(file))).toEqual([]);
  });

  it('carry the Chinese catalogue into what speaks to people (the HTTP edge), not into a function that only logs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cordon-catalogue-'));
    const holds = async (handler: string) => {
      const { metafile } = await build({ ...esbuildOptions(path.join(ROOT, 'functions', handler), path.join(dir, 'out.mjs')), metafile: true });
      const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined)!;
      const kept = (name: string) => Object.entries(output.inputs).some(([file, input]) => file.endsWith(`shared/messages/${name}`) && input.bytesInOutput > 0);
      return { english: kept('catalogue.ts'), chinese: kept('catalogue-zh-CN.ts') };
    };
    expect(await holds('api/cases.ts')).toEqual({ english: true, chinese: true });
    // A job's failures are logged, in English; the one job that sends notices says them in Chinese.
    expect(await holds('jobs/recheck-exits.ts')).toEqual({ english: true, chinese: false });
    expect(await holds('jobs/escalate-alerts.ts')).toEqual({ english: true, chinese: true });
  });

  it('give the bundled SDK clients the credentials Lambda puts in the environment', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' });
    try {
      const credentials = await defaultProvider()();
      expect(credentials).toMatchObject({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' });
    } finally {
      process.env = saved;
    }
  });
});

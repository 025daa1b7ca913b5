/**
 * Every Lambda function's bundle, built with the deploy's own esbuild options
 * (infra/cloud/bundling.ts): its minified size against the aim of 300 KB, and its cold import
 * time — loading the bundle in a fresh Node process, as a Lambda cold start does after the
 * runtime has started — median of 10 processes. Needs no DynamoDB: importing makes no calls.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { esbuildOptions, ESBUILD } from '#infra/cloud/bundling.ts';
import { handlerModules } from '#infra/cloud/handlers.ts';
import { percentile, type Bench } from './context.ts';

const AIM_KB = 300;
/** Fresh processes per function's cold import: ten, one under --quick (a look, not a figure). */
const COLD_RUNS = { full: 10, quick: 1 };
const run = promisify(execFile);

/** What the function's environment holds at a cold start, minus anything that would call out. */
const LAMBDA_ENV = {
  TABLE_NAME: 'cordon-bench',
  STAGE: 'bench',
  AWS_REGION: 'cn-north-1',
  LOG_LEVEL: 'SILENT',
  POWERTOOLS_SERVICE_NAME: 'cordon',
  NODE_OPTIONS: '--enable-source-maps',
};

/** One fresh process: the milliseconds `import()` of the bundle took, measured inside it. */
async function coldImportMs(file: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - t);`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', ...LAMBDA_ENV },
  });
  return Number(stdout.trim());
}

export const bench: Bench = {
  name: 'bundles',
  async run(ctx) {
    const dir = path.join(ctx.workDir, 'bundles');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const modules = handlerModules();
    ctx.report('bundles', 'functions', modules.length, '', `esbuild ${ESBUILD.target}, minified, ESM, SDK bundled`);
    const failed: string[] = [];
    const runs = ctx.sized(COLD_RUNS);
    const bundled: { id: string; kb: number; coldMs: number }[] = [];
    for (const module of modules) {
      const outfile = path.join(dir, module.id, `index${ESBUILD.outExtension}`);
      try {
        await build(esbuildOptions(module.entry, outfile));
      } catch (error) {
        // Go on with the others; the run still fails at the end.
        failed.push(module.id);
        ctx.report('bundles', `${module.id} size`, 'FAILED', '', (error as Error).message.split('\n')[1] ?? '');
        continue;
      }
      const kb = statSync(outfile).size / 1024;
      ctx.report('bundles', `${module.id} size`, kb, 'KB', `${(kb / AIM_KB).toFixed(2)}× the ${AIM_KB} KB aim`);
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) samples.push(await coldImportMs(outfile));
      const coldMs = percentile(samples, 50);
      bundled.push({ id: module.id, kb, coldMs });
      ctx.report('bundles', `${module.id} cold import`, coldMs, 'ms',
        `median of ${runs} fresh processes (min ${Math.min(...samples).toFixed(0)}, max ${Math.max(...samples).toFixed(0)})`);
    }
    if (bundled.length > 0) {
      const bySize = [...bundled].sort((a, b) => b.kb - a.kb);
      const over = bySize.filter((s) => s.kb > AIM_KB);
      const largest = bySize[0]!;
      const smallest = bySize.at(-1)!;
      ctx.report('bundles', 'largest', largest.kb, 'KB',
        `${largest.id}, ${(largest.kb / AIM_KB).toFixed(2)}× the aim; smallest ${smallest.kb.toFixed(0)} KB (${smallest.id})`);
      ctx.report('bundles', `over ${AIM_KB} KB`, over.length, `of ${bundled.length}`, over.map((s) => `${s.id} ${s.kb.toFixed(0)}`).join(', ') || 'none');
      const colds = bundled.map((b) => b.coldMs);
      ctx.report('bundles', 'slowest cold import', Math.max(...colds), 'ms', `median of the functions' medians ${percentile(colds, 50).toFixed(0)} ms`);
    }
    if (failed.length > 0) throw new Error(`could not bundle ${failed.join(', ')}`);
  },
};

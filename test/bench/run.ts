/**
 * `npm run bench`: every benchmark in one run on one DynamoDB Local, figures and ratios side by
 * side. Options: --only name,name  --compounds N  --buildings N (default 10,000 / 100,000);
 * --quick: 1,000 / 10,000 and every module's own sizes scaled down (ctx.sized), a look in minutes
 * (still not a test). The machine's load and each module's wall time are printed, as the figures
 * of a loaded machine read differently.
 */
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Bench } from './context.ts';

// Before anything loads the logger, which fixes its level when it loads.
process.env.LOG_LEVEL ??= 'SILENT';
const { startDynamoDbLocal } = await import('#infra/local/dynamodb-local.ts');
const { benchContext } = await import('./context.ts');

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    compounds: { type: 'string' },
    buildings: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});

/** Each module exports `bench: Bench`; listed here in the order they run. */
const modules = ['./import.ts', './compounds-bbox.ts', './bundles.ts', './table-costs.ts', './sweeps.ts', './disinfection.ts', './exits-unresolved.ts', './exit-entries.ts', './people.ts', './orders.ts', './public-log.ts', './web-map.ts', './web-pages.ts', './capacity.ts'];

const quick = values.quick;
const only = values.only?.split(',').map((s) => s.trim());
const scale = {
  compounds: Number(values.compounds ?? (quick ? 1_000 : 10_000)),
  buildings: Number(values.buildings ?? (quick ? 10_000 : 100_000)),
};
const workDir = path.resolve(import.meta.dirname, '../../.bench');
mkdirSync(workDir, { recursive: true });

/** The 1-, 5- and 15-minute load averages against the cores there are. */
const load = () => `load ${loadavg().map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min) on ${navigator.hardwareConcurrency} cores`;
const seconds = (from: number) => (performance.now() - from) / 1000;

const started = performance.now();
const dynamodb = await startDynamoDbLocal();
const ctx = benchContext(dynamodb.endpoint, scale, workDir, quick);
console.log(`Cordon benchmarks${quick ? ' (quick)' : ''} — ${scale.compounds.toLocaleString()} compounds, ${scale.buildings.toLocaleString()} buildings, DynamoDB Local ${dynamodb.endpoint}, Node ${process.version}`);
console.log(`${new Date().toISOString()}  ${load()}`);
let failed = false;
const walls: { name: string; seconds: number; ok: boolean }[] = [];
try {
  for (const file of modules) {
    let bench: Bench;
    try {
      ({ bench } = (await import(file)) as { bench: Bench });
    } catch (error) {
      // A module that does not load (another change half made) fails alone; the run goes on.
      const name = path.basename(file, '.ts');
      if (only && !only.includes(name)) continue;
      failed = true;
      console.error(`\n== ${name} did not load:`, error);
      walls.push({ name, seconds: 0, ok: false });
      continue;
    }
    if (only ? !only.includes(bench.name) : bench.onlyWhenAsked) continue;
    console.log(`\n== ${bench.name}`);
    const t0 = performance.now();
    let ok = true;
    try {
      await bench.run(ctx);
    } catch (error) {
      failed = true;
      ok = false;
      console.error(`${bench.name} failed:`, error);
    }
    walls.push({ name: bench.name, seconds: seconds(t0), ok });
    console.log(`-- ${bench.name}: ${seconds(t0).toFixed(1)} s wall${ok ? '' : ' (failed)'}`);
  }
} finally {
  await dynamodb.stop();
}
console.log('\n== wall time');
for (const w of walls) ctx.report('wall time', w.name, w.seconds, 's', w.ok ? '' : 'failed');
ctx.report('wall time', 'total (DynamoDB Local start and stop included)', seconds(started), 's', quick ? 'aim for --quick < 300 s' : '');
console.log(`${new Date().toISOString()}  ${load()}`);
process.exitCode = failed ? 1 : 0;

/**
 * `npm run bench`: every benchmark in one run on one DynamoDB Local, figures and ratios side by
 * side. Options: --only name,name  --compounds N  --buildings N (default 10,000 / 100,000).
 */
import { mkdirSync } from 'node:fs';
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
    compounds: { type: 'string', default: '10000' },
    buildings: { type: 'string', default: '100000' },
  },
});

/** Each module exports `bench: Bench`; listed here in the order they run. */
const modules = ['./import.ts', './compounds-bbox.ts', './bundles.ts', './sweeps.ts', './disinfection.ts', './exits-unresolved.ts', './exit-entries.ts', './people.ts', './orders.ts', './public-log.ts', './web-map.ts', './web-pages.ts'];

const only = values.only?.split(',').map((s) => s.trim());
const scale = { compounds: Number(values.compounds), buildings: Number(values.buildings) };
const workDir = path.resolve(import.meta.dirname, '../../.bench');
mkdirSync(workDir, { recursive: true });

const dynamodb = await startDynamoDbLocal();
const ctx = benchContext(dynamodb.endpoint, scale, workDir);
console.log(`Cordon benchmarks — ${scale.compounds.toLocaleString()} compounds, ${scale.buildings.toLocaleString()} buildings, DynamoDB Local ${dynamodb.endpoint}, Node ${process.version}`);
let failed = false;
try {
  for (const file of modules) {
    const { bench } = (await import(file)) as { bench: Bench };
    if (only && !only.includes(bench.name)) continue;
    console.log(`\n== ${bench.name}`);
    try {
      await bench.run(ctx);
    } catch (error) {
      failed = true;
      console.error(`${bench.name} failed:`, error);
    }
  }
} finally {
  await dynamodb.stop();
}
process.exitCode = failed ? 1 : 0;

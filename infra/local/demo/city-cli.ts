/**
 * `npm run city -- --compounds 10000 --buildings 100000 --out .bench/city-10k [--seed N]`:
 * generates a city and writes it as import files, for benchmarks and for trying the importer.
 * Without sizes it writes the demo city.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cityCounts, generateCity } from './city.ts';
import { writeCityFiles } from './files.ts';

const USAGE = 'usage: npm run city -- [--compounds N] [--buildings N] [--out DIR] [--seed N]';

/** A size or seed given on the command line; absent ones are left to generateCity's defaults. */
function count(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} must be a whole number ≥ 0, not "${raw}"\n${USAGE}`);
    process.exit(2);
  }
  return value;
}

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      compounds: { type: 'string' },
      buildings: { type: 'string' },
      out: { type: 'string', default: '.bench/city' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const started = performance.now();
const city = generateCity({
  compounds: count('compounds', args.compounds),
  buildings: count('buildings', args.buildings),
  seed: count('seed', args.seed),
});
const generatedMs = performance.now() - started;
const written = await writeCityFiles(city, args.out);
const writtenMs = performance.now() - started - generatedMs;

const n = (v: number) => v.toLocaleString('en-US');
const counts = cityCounts(city);
console.log(
  `City (seed ${city.seed}) generated in ${(generatedMs / 1000).toFixed(2)} s: ${n(counts.streets ?? 0)} streets, ` +
    `${n(counts.communities ?? 0)} communities, ${n(counts.grids ?? 0)} grids, ${n(counts.compounds ?? 0)} compounds, ` +
    `${n(counts.buildings ?? 0)} buildings (${n(counts.households ?? 0)} households), ${n(counts.exits ?? 0)} exits, ${n(city.users.length)} users.`,
);
console.log(`Written to ${path.relative(process.cwd(), path.resolve(args.out)) || '.'} in ${(writtenMs / 1000).toFixed(2)} s:`);
for (const [name, file] of Object.entries(written.files)) {
  const mb = statSync(file).size / 1024 / 1024;
  console.log(`  ${name.padEnd(20)} ${n(written.rows[name] ?? 0).padStart(9)} rows  ${mb.toFixed(1).padStart(7)} MB  ${file}`);
}

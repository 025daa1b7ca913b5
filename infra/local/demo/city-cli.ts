/**
 * `npm run city -- --compounds 10000 --buildings 100000 --out .bench/city-10k [--seed N]`:
 * generates a city and writes it as import files, for benchmarks and for trying the importer.
 * Without sizes it writes the demo city.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_SEED, DEMO_SIZE, generateCity } from './city.ts';
import { writeCityFiles } from './files.ts';

const USAGE = 'usage: npm run city -- [--compounds N] [--buildings N] [--out DIR] [--seed N]';

function count(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
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

const compounds = count('compounds', args.compounds, DEMO_SIZE.compounds);
const buildings = count('buildings', args.buildings, args.compounds === undefined ? DEMO_SIZE.buildings : compounds * 10);
const seed = count('seed', args.seed, DEMO_SEED);

const started = performance.now();
const city = generateCity({ compounds, buildings, seed });
const generatedMs = performance.now() - started;
const written = await writeCityFiles(city, args.out);
const writtenMs = performance.now() - started - generatedMs;

const n = (v: number) => v.toLocaleString('en-US');
const households = city.buildings.reduce((sum, b) => sum + b.households, 0);
console.log(
  `City (seed ${seed}) generated in ${(generatedMs / 1000).toFixed(2)} s: ${n(city.streets.length)} streets, ` +
    `${n(city.communities.length)} communities, ${n(city.grids.length)} grids, ${n(city.compounds.length)} compounds, ` +
    `${n(city.buildings.length)} buildings (${n(households)} households), ${n(city.exits.length)} exits, ${n(city.users.length)} users.`,
);
console.log(`Written to ${path.relative(process.cwd(), path.resolve(args.out)) || '.'} in ${(writtenMs / 1000).toFixed(2)} s:`);
for (const [name, file] of Object.entries(written.files)) {
  const mb = statSync(file).size / 1024 / 1024;
  console.log(`  ${name.padEnd(20)} ${n(written.rows[name] ?? 0).padStart(9)} rows  ${mb.toFixed(1).padStart(7)} MB  ${file}`);
}

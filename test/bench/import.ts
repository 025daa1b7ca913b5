/**
 * Import of a generated city (10,000 compounds / 100,000 buildings by default) through the real
 * path: the CLI's part splitting, HTTP to the local API, the import handler, DynamoDB Local.
 * Reports rows per second for compounds and buildings, peak memory while importing, and the
 * ratio to raw BatchWriteItem of exactly the items the import wrote (scanned back), written at
 * the same concurrency into a fresh table on the same DynamoDB Local (aim: ≥ 0.6).
 */
import path from 'node:path';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '#functions/platform/config.ts';
import { WRITE_CONCURRENCY } from '#functions/flows/import/importer.ts';
import { gridItem, putPlaces } from '#functions/stores/places-store.ts';
import { batchGet, batchWrite, documentClient, type Item } from '#functions/platform/table.ts';
import { buildingItem } from '#functions/stores/compound-store.ts';
import { localClient } from '#infra/local/bootstrap.ts';
import { generateCity } from '#infra/local/demo/city.ts';
import { writeCityFiles } from '#infra/local/demo/files.ts';
import { importFile } from '#infra/local/import-client.ts';
import { startLocalRuntime } from '#infra/local/runtime.ts';
import type { ImportKind } from '#shared/schemas/imports.ts';
import { cityToken, type Bench, type BenchContext } from './context.ts';

const SECTION = 'import';

/** Peak RSS and heap over a stretch of work, sampled every 20 ms. */
function memoryPeaks() {
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      return { base, rss, heap };
    },
  };
}

/**
 * Every item of the current table. DynamoDB Local runs out of its 1 GB heap on a Scan of a big
 * table without a Limit, so the scan goes in small pages, in parallel segments.
 */
async function scanTable(): Promise<Item[]> {
  const segments = 16;
  const pages = await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      const items: Item[] = [];
      let start: Item | undefined;
      do {
        const page = await documentClient().send(new ScanCommand({
          TableName: config().tableName, ExclusiveStartKey: start, Limit: 1000, Segment: segment, TotalSegments: segments,
        }));
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    }),
  );
  return pages.flat();
}

async function dropTable(endpoint: string, name: string): Promise<void> {
  const client = localClient(endpoint);
  try {
    await client.send(new DeleteTableCommand({ TableName: name }));
  } finally {
    client.destroy();
  }
}

const mb = (bytes: number) => bytes / (1024 * 1024);

export const bench: Bench = {
  name: 'import',
  async run(ctx: BenchContext) {
    const t0 = performance.now();
    const generated = generateCity({ compounds: ctx.scale.compounds, buildings: ctx.scale.buildings });
    const { files, rows } = await writeCityFiles(generated, path.join(ctx.workDir, 'import-city'));
    const users = generated.users;
    // Grids are not imported from files (they come with staffing); the city's are put in place first.
    const grids = generated.grids.map((g) => gridItem({ ...g, compoundIds: [] }));
    ctx.report(SECTION, 'city files written', rows['buildings.csv'] ?? 0, 'buildings', `${((performance.now() - t0) / 1000).toFixed(1)} s incl. generation`);

    // DynamoDB Local's JVM is slow until its JIT has seen some traffic; warm it on a scratch table
    // so that neither the import nor the raw baseline pays for that.
    const warmupTable = await ctx.freshTable('import-warmup');
    const warmup = generated.buildings.slice(0, ctx.sized({ full: 20_000, quick: 5_000 })).map(buildingItem);
    await batchWrite(warmup, { concurrency: WRITE_CONCURRENCY });
    await batchGet(warmup.map((item) => ({ pk: item.pk as string, sk: item.sk as string })));
    // DynamoDB Local keeps every table in its heap: drop what is no longer needed.
    await dropTable(ctx.endpoint, warmupTable);

    const tableName = await ctx.freshTable('import');
    await putPlaces(grids);
    const runtime = await startLocalRuntime({ endpoint: ctx.endpoint, tableName, apiPort: 0, users });
    const token = await cityToken(runtime, users);

    const timings: Partial<Record<ImportKind, { rows: number; ms: number; rejected: number }>> = {};
    const load = async (kind: ImportKind, file: string) => {
      const started = performance.now();
      const result = await importFile(file, { api: runtime.api.url, token, kind });
      timings[kind] = { rows: result.imported + result.updated, ms: performance.now() - started, rejected: result.rejected };
      if (result.rejected > 0) {
        console.warn(`${kind}: ${result.rejected} rejected, e.g. line ${result.rejects[0]?.line}: ${result.rejects[0]?.reason}`);
      }
    };
    const memory = memoryPeaks();
    try {
      await load('communities', files['communities.geojson'] as string);
      await runtime.queues.drain({ timeoutMs: 120_000 });
      await load('compounds', files['compounds.geojson'] as string);
      await load('buildings', files['buildings.csv'] as string);
      await load('exits', files['exits.csv'] as string);
    } finally {
      await runtime.stop();
    }
    const peaks = memory.stop();
    const fileOf = { compounds: 'compounds.geojson', buildings: 'buildings.csv', exits: 'exits.csv' } as const;
    for (const kind of ['compounds', 'buildings', 'exits'] as const) {
      const t = timings[kind];
      if (!t) continue;
      ctx.report(SECTION, `${kind} (${fileOf[kind]})`, t.rows / (t.ms / 1000), 'rows/s', `${t.rows.toLocaleString('en-US')} rows in ${(t.ms / 1000).toFixed(1)} s, ${t.rejected} rejected`);
    }
    ctx.report(SECTION, 'peak RSS while importing', mb(peaks.rss), 'MB', `${mb(peaks.rss - peaks.base.rss).toFixed(0)} MB over the ${mb(peaks.base.rss).toFixed(0)} MB before (API and CLI in one process)`);
    ctx.report(SECTION, 'peak heap while importing', mb(peaks.heap), 'MB', `${mb(peaks.heap - peaks.base.heapUsed).toFixed(0)} MB over the ${mb(peaks.base.heapUsed).toFixed(0)} MB before`);

    // The baseline: the very items the compound and building imports wrote, as raw BatchWriteItem.
    const written = (await scanTable()).filter((item) =>
      item.type === 'compound' || item.type === 'building' ||
      (item.type === 'audit' && (item.entity === 'COMPOUND' || item.entity === 'BUILDING')));
    const importMs = (timings.compounds?.ms ?? 0) + (timings.buildings?.ms ?? 0);
    await dropTable(ctx.endpoint, tableName);
    await ctx.freshTable('import-raw');
    const rawStarted = performance.now();
    await batchWrite(written, { concurrency: WRITE_CONCURRENCY });
    const rawMs = performance.now() - rawStarted;
    const rowCount = (timings.compounds?.rows ?? 0) + (timings.buildings?.rows ?? 0);
    ctx.report(SECTION, 'items written by the import', written.length, 'items', 'entities and their audit records');
    ctx.report(SECTION, 'import, compounds + buildings', rowCount / (importMs / 1000), 'rows/s', `${(written.length / (importMs / 1000)).toFixed(0)} items/s`);
    ctx.report(SECTION, 'raw BatchWriteItem, same items', rowCount / (rawMs / 1000), 'rows/s', `${(written.length / (rawMs / 1000)).toFixed(0)} items/s, concurrency ${WRITE_CONCURRENCY}`);
    ctx.report(SECTION, 'import / raw throughput', rawMs / importMs, '×', 'aim ≥ 0.6');
  },
};

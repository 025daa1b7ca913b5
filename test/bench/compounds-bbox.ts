/**
 * `GET /v1/compounds?bbox=` on a big city: latency (p50/p99) through the local API for
 * street-sized boxes, and DynamoDB items read against items returned (aim: read ≤ 2×).
 * A full-table scan answering the same boxes runs beside it as the baseline the index replaces.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import turfBbox from '@turf/bbox';
import type { AreaGeometry, Bbox } from '#shared/schemas/common.ts';
import { config } from '#functions/platform/config.ts';
import { routes } from '#shared/catalogue/index.ts';
import { documentClient } from '#functions/platform/table.ts';
import { startLocalRuntime } from '#infra/local/runtime.ts';
import { cityToken, percentile, seededCity, walkFeaturePages, type Bench } from './context.ts';

/** Requests measured (--quick: fewer). */
const REQUESTS = { full: 200, quick: 50 };

/** Counts the items DynamoDB read (Query/Scan ScannedCount, BatchGet responses) while it runs. */
export function countReads(): { read(): number; reset(): void } {
  let items = 0;
  documentClient().middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const output = result.output as { ScannedCount?: number; Responses?: Record<string, unknown[]> };
      items += output.ScannedCount ?? 0;
      for (const list of Object.values(output.Responses ?? {})) items += Array.isArray(list) ? list.length : 0;
      return result;
    },
    { step: 'initialize', name: 'benchReadCounter' },
  );
  return { read: () => items, reset: () => { items = 0; } };
}

/** The extent of a set of boundaries. */
function bboxOf(areas: readonly { boundary: AreaGeometry | null }[]): Bbox {
  const boxes = areas.flatMap((a) => (a.boundary ? [turfBbox(a.boundary)] : []));
  return [
    Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3])),
  ];
}

export const bench: Bench = {
  name: 'compounds-bbox',
  async run(ctx) {
    const { city, tableName, seconds } = await seededCity(ctx, 'bbox');
    ctx.report('compounds-bbox', 'city seeded', city.compounds.length, 'compounds', `${seconds.toFixed(1)} s incl. generation`);

    const runtime = await startLocalRuntime({ endpoint: ctx.endpoint, tableName, apiPort: 0, users: city.users });
    const token = await cityToken(runtime, city.users);

    // Street-sized boxes: the extent of each street's communities.
    const boxes = city.streets.map((street) => bboxOf(city.communities.filter((c) => c.streetId === street.id)));
    const counter = countReads();
    const latencies: number[] = [];
    let read = 0;
    let returned = 0;
    const requests = ctx.sized(REQUESTS);
    try {
      // Warm the handler module and the places cache, as a warm Lambda would be.
      await fetch(`${runtime.api.url}${routes.listCompounds.path}?bbox=${boxes[0]?.join(',')}`, { headers: { authorization: `Bearer ${token}` } });
      for (let i = 0; i < requests; i++) {
        const box = boxes[i % boxes.length] as Bbox;
        counter.reset();
        const t0 = performance.now();
        returned += await walkFeaturePages('bbox query', (next) => fetch(
          `${runtime.api.url}${routes.listCompounds.path}?bbox=${box.join(',')}&limit=1000${next ? `&nextToken=${encodeURIComponent(next)}` : ''}`,
          { headers: { authorization: `Bearer ${token}` } },
        ));
        latencies.push(performance.now() - t0);
        read += counter.read();
      }
    } finally {
      await runtime.stop();
    }
    const width = boxes.map((b) => (b[2] - b[0]) * 95).reduce((a, b) => a + b, 0) / boxes.length;
    ctx.report('compounds-bbox', 'street-sized box (mean width)', width, 'km', `${boxes.length} streets`);
    ctx.report('compounds-bbox', 'latency p50', percentile(latencies, 50), 'ms', `${requests} requests over HTTP`);
    ctx.report('compounds-bbox', 'latency p99', percentile(latencies, 99), 'ms');
    ctx.report('compounds-bbox', 'compounds returned per box', returned / requests, '');
    ctx.report('compounds-bbox', 'items read per box', read / requests, '');
    ctx.report('compounds-bbox', 'read / returned', read / Math.max(1, returned), '×', 'aim ≤ 2');

    // Baseline: the same boxes answered by scanning the table (in pages, as a large scan must be).
    const scanT0 = performance.now();
    let scanned = 0;
    const SEGMENTS = 4;
    await Promise.all(
      Array.from({ length: SEGMENTS }, async (_, segment) => {
        let start: Record<string, unknown> | undefined;
        do {
          const out = await documentClient().send(
            new ScanCommand({ TableName: config().tableName, ExclusiveStartKey: start, Segment: segment, TotalSegments: SEGMENTS, Limit: 1000 }),
          );
          scanned += out.ScannedCount ?? 0;
          start = out.LastEvaluatedKey;
        } while (start);
      }),
    );
    const scanMs = performance.now() - scanT0;
    ctx.report('compounds-bbox', 'baseline: full scan per box', scanMs, 'ms', `${scanned.toLocaleString('en-US')} items read`);
    ctx.report('compounds-bbox', 'index speed-up over scan (p50)', scanMs / percentile(latencies, 50), '×');
  },
};

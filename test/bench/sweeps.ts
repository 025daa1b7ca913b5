/**
 * Sweeps on a big city, on the local stack:
 * - fan-out: a city-wide sweep campaign from POST to `active` through both queue levels
 *   (tasks/s), beside raw BatchWriteItem of the same task items on the same DynamoDB Local
 *   (aim: fan-out ≥ 0.7 of raw), run just before and just after it at the same concurrency.
 * - claims: claim latency p50/p99 with 20 grid workers claiming and releasing at once, each in
 *   their own grid, over HTTP, beside raw conditional writes by 20 writers (aim: p99 ≤ 2.5× raw).
 * - unvisited buildings: the map query for community-sized boxes, items read against returned.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import turfBbox from '@turf/bbox';
import { queues, routes } from '#shared/catalogue/index.ts';
import { fillPath } from '#shared/catalogue/paths.ts';
import type { TaskDraft } from '#shared/domain/fan-out.ts';
import { TASK_BUILDERS } from '#shared/domain/task-builders.ts';
import type { CampaignKind } from '#shared/schemas/campaign.ts';
import type { Bbox } from '#shared/schemas/common.ts';
import { keys } from '#shared/table.ts';
import type { LocalUser } from '#shared/schemas/local.ts';
import { batchGet, batchWrite, transactWrite, updateItem, type Item } from '#functions/platform/table.ts';
import { taskItem } from '#functions/stores/task-records.ts';
import { TASK_WRITE_CONCURRENCY } from '#functions/stores/expansion-store.ts';
import type { GeneratedCity } from '#infra/local/demo/city.ts';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime.ts';
import type { ClaimClientsInput, ClaimClientsOutput } from './claim-clients.ts';
import { countReads } from './compounds-bbox.ts';
import { cityToken, percentile, seededCity, walkFeaturePages, type Bench, type BenchContext } from './context.ts';

const WORKERS = 20;
const CLAIMS_PER_WORKER = 25;
/** Each worker claims and releases their list this many times over: more samples for a p99. */
const CLAIM_PASSES = 2;
/** The fan-out's ceiling of BatchWrite calls in flight: expand functions at once × each one's calls. */
const RAW_CONCURRENCY = (queues.campaignExpand.maxConcurrency ?? 1) * TASK_WRITE_CONCURRENCY;
const UNVISITED_BOXES = 50;

/** Every task the city sweep will make, built by the same builder the worker uses. */
export function plannedTasks(city: GeneratedCity): TaskDraft[] {
  const buildings = Map.groupBy(city.buildings, (b) => b.compoundId);
  const exits = Map.groupBy(city.exits, (e) => e.compoundId);
  return city.compounds.flatMap((compound) => TASK_BUILDERS.sweep({
    campaign: { id: 'cp_raw', kind: 'sweep', scope: { type: 'city' } },
    compound,
    buildings: buildings.get(compound.id) ?? [],
    exits: exits.get(compound.id) ?? [],
  }));
}

/**
 * The task items of `drafts` as the fan-out writes them, under a fresh campaign id of the shape the
 * API gives one (so every item has the size the fan-out's have).
 */
export function taskItemsOf(drafts: readonly TaskDraft[], kind: CampaignKind = 'sweep'): Item[] {
  const id = `cp_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const at = new Date().toISOString();
  return drafts.map((d) => taskItem({ id, kind }, d, at));
}

async function api(runtime: LocalRuntime, token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${runtime.api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}

/**
 * Raw BatchWriteItem of the task items the fan-out makes: the same builder, a campaign id of
 * the same shape (so every item has the same size), as many calls in flight as the fan-out can
 * have (expand functions at once × each one's BatchWrite calls). It runs just before and just
 * after the fan-out on the same table, so one sees the smaller and one the larger table; the
 * ratio uses their mean. The disinfection bench writes its round's items the same way.
 */
export async function rawWrite(
  ctx: BenchContext, drafts: readonly TaskDraft[], when: string, of: { section: string; kind: CampaignKind } = { section: 'sweeps', kind: 'sweep' },
): Promise<number> {
  const items = taskItemsOf(drafts, of.kind);
  const t0 = performance.now();
  await batchWrite(items, { concurrency: RAW_CONCURRENCY });
  const s = (performance.now() - t0) / 1000;
  ctx.report(of.section, `raw BatchWriteItem of the task items, ${when}`, items.length / s, 'tasks/s', `${items.length.toLocaleString('en-US')} items, ${RAW_CONCURRENCY} calls in flight, ${s.toFixed(1)} s`);
  return items.length / s;
}

/** Launches a city-wide campaign of this kind through the API; answers its id. */
export async function launchCity(runtime: LocalRuntime, token: string, kind: CampaignKind): Promise<string> {
  const response = await api(runtime, token, 'POST', routes.createCampaign.path, { kind, scope: { type: 'city' } });
  if (response.status !== 202) throw new Error(`launch answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** Throws unless the campaign (its fan-out over) is active with exactly the expected tasks and none failed. */
export async function expectActive(runtime: LocalRuntime, token: string, id: string, expected: number): Promise<void> {
  const campaign = (await (await api(runtime, token, 'GET', fillPath(routes.getCampaign.path, { id }))).json()) as { status: string; progress: { tasksCreated: number }; failed: unknown[] };
  if (campaign.status !== 'active' || campaign.progress.tasksCreated !== expected || campaign.failed.length > 0) {
    throw new Error(`fan-out ended ${campaign.status} with ${campaign.progress.tasksCreated} of ${expected} tasks, ${campaign.failed.length} failed`);
  }
}

/**
 * Launches a city-wide campaign of this kind and waits for the queues to drain; throws unless it
 * ended active with exactly the expected tasks. Answers its id and the seconds from POST.
 */
export async function fanOutCity(runtime: LocalRuntime, token: string, kind: CampaignKind, expected: number): Promise<{ id: string; s: number }> {
  const t0 = performance.now();
  const id = await launchCity(runtime, token, kind);
  await runtime.queues.drain({ timeoutMs: 60 * 60_000 });
  const s = (performance.now() - t0) / 1000;
  await expectActive(runtime, token, id, expected);
  return { id, s };
}

async function fanOut(ctx: BenchContext, city: GeneratedCity, runtime: LocalRuntime, token: string): Promise<string> {
  const drafts = plannedTasks(city);
  const rawBefore = await rawWrite(ctx, drafts, 'before');
  const { id, s } = await fanOutCity(runtime, token, 'sweep', drafts.length);
  const rate = drafts.length / s;
  ctx.report('sweeps', 'city sweep fan-out, POST → active', rate, 'tasks/s', `${drafts.length.toLocaleString('en-US')} tasks, ${s.toFixed(1)} s, ${city.compounds.length.toLocaleString('en-US')} compounds`);
  const rawAfter = await rawWrite(ctx, drafts, 'after');
  ctx.report('sweeps', 'fan-out / raw BatchWriteItem', rate / ((rawBefore + rawAfter) / 2), '×', 'aim ≥ 0.7; raw = mean of before and after');
  const stats = runtime.queues.stats('campaignExpand');
  ctx.report('sweeps', 'level-2 messages delivered', stats.delivered, '', `${stats.dead} dead`);
  return id;
}

/**
 * The claims' baseline: raw conditional writes by as many writers at once as there are workers,
 * straight to the table (no HTTP, no read, no transaction) on task items of the same size, written
 * just before (unmeasured): each writer marks its items claimed one after another with an UpdateItem
 * conditional on the version (measured), and opens each again (as the worker's release).
 */
async function rawConditionalWrites(drafts: readonly TaskDraft[]): Promise<number[]> {
  const items = taskItemsOf(drafts.slice(0, WORKERS * CLAIMS_PER_WORKER * CLAIM_PASSES));
  await batchWrite(items);
  const mark = (item: Item, version: number, status: string) => updateItem({
    Key: { pk: item.pk, sk: item.sk }, UpdateExpression: 'SET #s = :s ADD version :one', ConditionExpression: 'version = :v',
    ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': status, ':one': 1, ':v': version },
  });
  const latencies: number[] = [];
  await Promise.all(Array.from({ length: WORKERS }, async (_, w) => {
    for (const item of items.filter((_, i) => i % WORKERS === w)) {
      const t0 = performance.now();
      await mark(item, 1, 'claimed');
      latencies.push(performance.now() - t0);
      await mark(item, 2, 'open');
    }
  }));
  return latencies;
}

/**
 * The claim's own DynamoDB calls without the API around them, by as many writers at once: one
 * consistent BatchGet of the task and its campaign, then one transaction of the task's conditional
 * update, the writer's counter (conditional on the limit) and an audit record, then the release.
 * What DynamoDB Local alone makes of a claim, so the note can tell its share from the API's.
 */
async function rawClaimCalls(drafts: readonly TaskDraft[]): Promise<number[]> {
  const items = taskItemsOf(drafts.slice(0, WORKERS * CLAIMS_PER_WORKER));
  await batchWrite(items);
  // The keys the claim's own writes use (shared/table.ts), so each lands where the claim's does.
  const campaignKey = keys.campaign(items[0]!.campaignId as string);
  await batchWrite([{ ...campaignKey, type: 'campaign', status: 'active' }]);
  const latencies: number[] = [];
  const mark = (item: Item, writer: number, version: number, status: string, held: number) => transactWrite([
    { update: {
      Key: { pk: item.pk, sk: item.sk }, UpdateExpression: 'SET #s = :s ADD version :one', ConditionExpression: 'version = :v',
      ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': status, ':one': 1, ':v': version },
    } },
    { update: {
      Key: keys.workerTasks(`bench-raw-${writer}`), UpdateExpression: 'ADD held :d', ConditionExpression: 'attribute_not_exists(held) OR held < :limit',
      ExpressionAttributeValues: { ':d': held, ':limit': 1_000 },
    } },
    { put: { ...keys.audit('TASK', String(item.id), new Date().toISOString(), `${writer}-${version}`), type: 'audit', status, writer } },
  ]);
  await Promise.all(Array.from({ length: WORKERS }, async (_, w) => {
    for (const item of items.filter((_, i) => i % WORKERS === w)) {
      const t0 = performance.now();
      await batchGet([{ pk: item.pk as string, sk: item.sk as string }, campaignKey], { consistent: true });
      await mark(item, w, 1, 'claimed', 1);
      latencies.push(performance.now() - t0);
      await mark(item, w, 2, 'open', -1);
    }
  }));
  return latencies;
}

/**
 * Claim latency with 20 workers claiming and releasing at once over HTTP, beside raw conditional
 * writes by 20 writers on the same DynamoDB Local, run just before and just after the claims
 * (their samples pooled). Aim: the claim's p99 ≤ 2.5× the raw write's.
 */
async function claims(ctx: BenchContext, city: GeneratedCity, runtime: LocalRuntime, campaignId: string, workers: readonly LocalUser[]): Promise<void> {
  const drafts = plannedTasks(city);
  const raw = await rawConditionalWrites(drafts);
  const clients = await Promise.all(workers.map(async (worker) => {
    const token = (await runtime.identity.issue(worker.username))?.token as string;
    const list = (await (await api(runtime, token, 'GET', `/v1/tasks?status=open&campaignId=${campaignId}&limit=${CLAIMS_PER_WORKER}`)).json()) as { items: { id: string }[] };
    return { token, taskIds: Array.from({ length: CLAIM_PASSES }, () => list.items.map((t) => t.id)).flat() };
  }));
  const { latencies, conflicts } = await inWorkerThread({ apiUrl: runtime.api.url, workers: clients });
  raw.push(...(await rawConditionalWrites(drafts.slice(WORKERS * CLAIMS_PER_WORKER * CLAIM_PASSES))));
  ctx.report('sweeps', 'claim latency p50', percentile(latencies, 50), 'ms', `${latencies.length} claims by ${workers.length} workers at once, over HTTP`);
  ctx.report('sweeps', 'claim latency p99', percentile(latencies, 99), 'ms', `${conflicts} refused`);
  ctx.report('sweeps', 'raw conditional write p50', percentile(raw, 50), 'ms', `${raw.length} UpdateItems by ${WORKERS} writers at once, before and after the claims`);
  ctx.report('sweeps', 'raw conditional write p99', percentile(raw, 99), 'ms');
  ctx.report('sweeps', 'claim p99 / raw conditional write p99', percentile(latencies, 99) / percentile(raw, 99), '×', 'aim ≤ 2.5');
  const calls = await rawClaimCalls(drafts.slice(2 * WORKERS * CLAIMS_PER_WORKER * CLAIM_PASSES));
  ctx.report('sweeps', "the claim's DynamoDB calls alone p50", percentile(calls, 50), 'ms', `BatchGet + a 3-item transaction, ${calls.length} by ${WORKERS} writers at once, no API`);
  ctx.report('sweeps', "the claim's DynamoDB calls alone p99", percentile(calls, 99), 'ms', `${(percentile(calls, 99) / percentile(raw, 99)).toFixed(2)}× the raw conditional write's p99`);
}

/** Runs the claims' clients (claim-clients.ts) on a thread of their own and waits for their figures. */
async function inWorkerThread(input: ClaimClientsInput): Promise<ClaimClientsOutput> {
  const thread = new Worker(new URL('./claim-clients.ts', import.meta.url), { workerData: input });
  try {
    const [output] = (await once(thread, 'message')) as [ClaimClientsOutput];
    if (output.error) throw new Error(`claims' clients failed: ${output.error}`);
    return output;
  } finally {
    await thread.terminate();
  }
}

async function unvisited(ctx: BenchContext, city: GeneratedCity, runtime: LocalRuntime, token: string, campaignId: string): Promise<void> {
  const counter = countReads();
  const boxes = city.communities.flatMap((c) => (c.boundary ? [turfBbox(c.boundary) as unknown as Bbox] : [])).slice(0, UNVISITED_BOXES);
  const latencies: number[] = [];
  let read = 0;
  let returned = 0;
  for (const box of boxes) {
    counter.reset();
    const t0 = performance.now();
    returned += await walkFeaturePages('unvisited', (next) => api(runtime, token, 'GET',
      `/v1/campaigns/${campaignId}/unvisited-buildings?bbox=${box.join(',')}${next ? `&nextToken=${encodeURIComponent(next)}` : ''}`));
    latencies.push(performance.now() - t0);
    read += counter.read();
  }
  ctx.report('sweeps', 'unvisited buildings per community box', returned / boxes.length, '', `${boxes.length} communities`);
  ctx.report('sweeps', 'items read per box', read / boxes.length, '', 'includes the campaign read');
  ctx.report('sweeps', 'read / returned', read / Math.max(1, returned), '×');
  ctx.report('sweeps', 'unvisited latency p50', percentile(latencies, 50), 'ms');
}

export const bench: Bench = {
  name: 'sweeps',
  async run(ctx) {
    const { city, tableName, seconds } = await seededCity(ctx, 'sweeps');
    ctx.report('sweeps', 'city seeded', city.buildings.length, 'buildings', `${seconds.toFixed(1)} s incl. generation`);
    // Twenty grid workers, each in a grid with buildings of their own.
    const gridsWithBuildings = [...new Set(city.buildings.map((b) => b.gridId).filter((g): g is string => g !== null))];
    const workers: LocalUser[] = city.grids.filter((g) => gridsWithBuildings.includes(g.id)).slice(0, WORKERS).map((g, i) => ({
      username: `bench-grid-${i}`, name: `网格员${i}`, role: 'grid', jurisdiction: { streetId: g.streetId, communityId: g.communityId, gridId: g.id },
    }));
    const runtime = await startLocalRuntime({ endpoint: ctx.endpoint, tableName, apiPort: 0, users: [...city.users, ...workers] });
    try {
      const token = await cityToken(runtime, city.users);
      const campaignId = await fanOut(ctx, city, runtime, token);
      await claims(ctx, city, runtime, campaignId, workers);
      await unvisited(ctx, city, runtime, token, campaignId);
    } finally {
      await runtime.stop();
    }
  },
};

/**
 * The README's capacity plan for a city of 10 million people ("Capacity plan (10 million people)"),
 * computed so its numbers can be made again: `npm run bench -- --only capacity`. It measures what
 * the code does now on DynamoDB Local — a city-wide sweep from POST to `active`, residents' reports
 * and their slot judgements, gate entries, each through the local API and queues — counting every
 * DynamoDB request and its capacity units, then scales the per-compound, per-report and per-entry
 * figures to the plan's city and prices them. Item sizes come from the real item builders
 * (taskItem) measured with itemSize, as DynamoDB counts them.
 *
 * Units: non-transactional requests are charged as DynamoDB Local reports them with
 * ReturnConsumedCapacity INDEXES (it applies AWS's rules: a write 1 unit per KB on the table and on
 * each GSI the item is in, a strongly consistent read 1 per 4 KB, eventual half). Transactions are
 * charged here by AWS's documented rule — 2 write units per KB per item — because DynamoDB Local
 * reports them inconsistently; their GSI writes at 1 unit per KB (AWS documents the doubling for
 * the item, not its index entries). A transaction's Update is sized by the item as it stands at
 * the end of the run (counters only grow), read back and measured with itemSize. A query that
 * finds nothing is charged half a unit (DynamoDB Local reports none).
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { queues, routes, schedules } from '#shared/catalogue/index.ts';
import { fillPath } from '#shared/catalogue/paths.ts';
import { COMPOUNDS_PER_MESSAGE, expandMessages } from '#shared/domain/fan-out.ts';
import { slotWindow } from '#shared/domain/observation.ts';
import { DAY_MS, MINUTE_MS } from '#shared/domain/time.ts';
import { inParallel } from '#shared/parallel.ts';
import { TABLE } from '#shared/table.ts';
import { resetClock, setClock } from '#functions/platform/clock.ts';
import { itemSize } from '#functions/platform/item-size.ts';
import { observationSettings } from '#functions/platform/observation-settings.ts';
import { BATCH_WRITE_SIZE, batchGet, documentClient, type Item } from '#functions/platform/table.ts';
import { TASK_WRITE_CONCURRENCY } from '#functions/stores/expansion-store.ts';
import { judgeSlots } from '#functions/jobs/judge-slots.ts';
import { generateCity, type GeneratedCity } from '#infra/local/demo/city.ts';
import { seedCity } from '#infra/local/demo/seed.ts';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime.ts';
import { parseScheduleExpression } from '#infra/local/schedule-expression.ts';
import { cityToken, type Bench, type BenchContext } from './context.ts';
import { expectActive, launchCity, plannedTasks, taskItemsOf } from './sweeps.ts';

const SECTION = 'capacity';

/** The plan's city. */
export const PLAN = { people: 10_000_000, compounds: 100_000, buildings: 1_000_000, households: 3_000_000, observed: 500_000, exits: 100_000, entriesPerExitDay: 200 } as const;

/**
 * Prices, us-east-1, after DynamoDB's on-demand price cut of November 2024 (dollars). Lambda at
 * the deploy's memory (infra/cloud/functions.ts: 1,024 MB, arm64).
 */
export const PRICE = { wru: 0.625e-6, rru: 0.125e-6, lambdaGbSecond: 0.0000133334, lambdaRequest: 0.2e-6, sqsRequest: 0.4e-6, httpApiRequest: 1e-6 } as const;
const LAMBDA_GB = 1;

/** Default limits an account starts with (README: where each comes from). */
export const LIMITS = { newTableWru: 4_000, newTableRru: 12_000, tableWru: 40_000, tableRru: 40_000, doublingMinutes: 30, lambdaConcurrency: 1_000 } as const;

/** Assumed in-region latencies on Lambda (Local is no guide): one small request, one BatchWriteItem of 25. */
const ASSUMED = { requestMs: 10, batchWriteMs: 25, invokeOverheadMs: 10 } as const;

const KB = 1024;
const GSI_KEYS = Object.values(TABLE.indexes).map((i) => i.partitionKey);
const gsisOf = (item: Readonly<Record<string, unknown>>) => GSI_KEYS.filter((k) => item[k] !== undefined && item[k] !== null).length;
/** Write units of one item written: the table, then each index it is in, 1 per KB each (× 2 on the table in a transaction). */
const writeUnits = (item: Readonly<Record<string, unknown>>, transactional = false) => {
  const kb = Math.max(1, Math.ceil(itemSize(item).bytes / KB));
  return kb * (transactional ? 2 : 1) + kb * gsisOf(item);
};

interface Tally {
  calls: Record<string, number>;
  wru: number;
  rru: number;
  /** Keys of items updated in transactions, and how often: sized at the end. */
  txUpdates: Map<string, { key: Record<string, unknown>; times: number }>;
}
const emptyTally = (): Tally => ({ calls: {}, wru: 0, rru: 0, txUpdates: new Map() });

type Capacity = { CapacityUnits?: number };
const READ = /^(Get|Query|Scan|BatchGet|TransactGet)/;
const ATTRIBUTE_VALUE = /^(S|N|B|SS|NS|BS|M|L|NULL|BOOL)$/;
/** The item as plain values, whether the document client has marshalled it yet or not. */
function plain(item: Record<string, unknown>): Record<string, unknown> {
  const marshalled = Object.values(item).every((v) => v !== null && typeof v === 'object' && Object.keys(v).length === 1 && ATTRIBUTE_VALUE.test(Object.keys(v)[0] ?? ''));
  return marshalled ? unmarshall(item as Parameters<typeof unmarshall>[0]) : item;
}

/**
 * Counts every DynamoDB request of this process and its units, until stopped. Lives on the
 * document client's stack, so it sees the handlers the local runtime runs in this process.
 */
function capacityMeter() {
  let tally = emptyTally();
  const stack = documentClient().middlewareStack;
  stack.add(
    (next, context) => async (args) => {
      const command = (context.commandName ?? 'unknown').replace(/Command$/, '');
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'INDEXES';
      const result = await next(args);
      tally.calls[command] = (tally.calls[command] ?? 0) + 1;
      if (command.startsWith('TransactWrite')) {
        for (const op of (input.TransactItems ?? []) as Record<string, { Item?: Record<string, unknown>; Key?: Record<string, unknown> }>[]) {
          if (op.Put?.Item) tally.wru += writeUnits(plain(op.Put.Item), true);
          else if (op.Update?.Key) {
            const key = plain(op.Update.Key);
            const id = `${String(key.pk)}|${String(key.sk)}`;
            const seen = tally.txUpdates.get(id);
            tally.txUpdates.set(id, { key, times: (seen?.times ?? 0) + 1 });
          } else tally.wru += 2; // Delete or ConditionCheck of a small item.
        }
        return result;
      }
      const output = result.output as { ConsumedCapacity?: Capacity | Capacity[] };
      const consumed = [output.ConsumedCapacity ?? []].flat();
      // DynamoDB Local reports 0 for a query that finds nothing; DynamoDB charges at least an eventually consistent read.
      const units = Math.max(/^(Query|Scan)/.test(command) ? 0.5 : 0, consumed.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0));
      if (READ.test(command)) tally.rru += units;
      else tally.wru += units;
      return result;
    },
    { step: 'initialize', name: 'benchCapacityMeter' },
  );
  return {
    /** The tally since the last take, its transactional updates sized now. */
    async take(): Promise<Tally> {
      const done = tally;
      tally = emptyTally();
      const keys = [...done.txUpdates.values()];
      const items = keys.length ? await batchGet<Item>(keys.map((k) => ({ pk: String(k.key.pk), sk: String(k.key.sk) }))) : [];
      const byId = new Map(items.map((i) => [`${String(i.pk)}|${String(i.sk)}`, i]));
      for (const { key, times } of keys) done.wru += times * writeUnits(byId.get(`${String(key.pk)}|${String(key.sk)}`) ?? key, true);
      // The read-back is the meter's, not the workload's.
      tally = emptyTally();
      return done;
    },
    stop: () => stack.remove('benchCapacityMeter'),
  };
}

const calls = (t: Tally) => Object.values(t.calls).reduce((a, b) => a + b, 0);
const money = (n: number) => (n >= 100 ? `$${n.toFixed(0)}` : n >= 1 ? `$${n.toFixed(2)}` : `$${n.toFixed(3)}`);

/**
 * Minutes to serve `units` on a new on-demand table at `demand` units/s: it starts at `start`
 * units/s and may double its previous peak every 30 minutes, up to the table quota.
 */
export function minutesOnDemand(units: number, demand: number, start: number, quota: number): number {
  let left = units;
  let minutes = 0;
  let ceiling = start;
  while (left > 0) {
    const rate = Math.min(demand, ceiling, quota);
    const chunk = rate * LIMITS.doublingMinutes * 60;
    if (chunk >= left) return minutes + left / rate / 60;
    left -= chunk;
    minutes += LIMITS.doublingMinutes;
    ceiling *= 2;
  }
  return minutes;
}

/** Posts JSON as the bearer; throws unless the status is the one expected. */
async function post(runtime: LocalRuntime, path: string, body: unknown, status: number, token?: string): Promise<Record<string, unknown>> {
  const res = await fetch(runtime.api.url + path, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body),
  });
  if (res.status !== status) throw new Error(`${path.replace(/\/public\/reports\/[^/]+/, '/public/reports/{token}')} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** The task items a city sweep writes, built as the expand worker builds them: their sizes and units. */
function taskItems(city: GeneratedCity) {
  const items = taskItemsOf(plannedTasks(city));
  const bytes = items.map((i) => itemSize(i).bytes);
  return { count: items.length, meanBytes: bytes.reduce((a, b) => a + b, 0) / items.length, maxBytes: Math.max(...bytes), gsis: gsisOf(items[0] ?? {}), wru: items.reduce((n, i) => n + writeUnits(i), 0) / items.length };
}

export const bench: Bench = {
  name: 'capacity',
  onlyWhenAsked: true,
  async run(ctx: BenchContext) {
    // Ten buildings a compound, as in the plan's city (1,000,000 / 100,000).
    const city = generateCity({ compounds: ctx.sized({ full: 300, quick: 100 }), buildings: ctx.sized({ full: 3_000, quick: 1_000 }) });
    const tableName = await ctx.freshTable('capacity');
    await seedCity(city);
    const runtime = await startLocalRuntime({ endpoint: ctx.endpoint, tableName, apiPort: 0, users: city.users });
    const meter = capacityMeter();
    try {
      const lines = await sweep(ctx, city, runtime, meter);
      const reports = await healthReports(ctx, city, runtime, meter);
      const entries = await gateEntries(ctx, city, runtime, meter);
      console.log(['', '-- capacity plan (10 million people), copy into README', ...lines, ...reports, ...entries].join('\n'));
    } finally {
      meter.stop();
      resetClock();
      await runtime.stop();
    }
  },
};

type Meter = ReturnType<typeof capacityMeter>;

/** A city-wide sweep, POST to `active`, scaled to the plan's 100,000 compounds. */
async function sweep(ctx: BenchContext, city: GeneratedCity, runtime: LocalRuntime, meter: Meter): Promise<string[]> {
  const token = await cityToken(runtime, city.users);
  const tasks = taskItems(city);
  await meter.take();
  const campaignId = await launchCity(runtime, token, 'sweep');
  await runtime.queues.drain({ timeoutMs: 600_000 });
  const t = await meter.take();
  await expectActive(runtime, token, campaignId, tasks.count);
  ctx.report(SECTION, 'sweep measured', city.compounds.length, 'compounds', `${tasks.count} tasks, POST to active`);
  ctx.report(SECTION, 'task item (taskItem, itemSize)', tasks.meanBytes / KB, 'KB', `max ${(tasks.maxBytes / KB).toFixed(2)} KB, in ${tasks.gsis} GSIs: ${tasks.wru.toFixed(1)} WRU a task written`);
  ctx.report(SECTION, 'sweep WRU / compound', t.wru / city.compounds.length, 'WRU', `tasks ${(tasks.wru * tasks.count / city.compounds.length).toFixed(1)} of it; markers, counters, campaign: the rest`);
  ctx.report(SECTION, 'sweep RRU / compound', t.rru / city.compounds.length, 'RRU');
  ctx.report(SECTION, 'sweep DynamoDB requests / compound', calls(t) / city.compounds.length, '', JSON.stringify(t.calls));

  const scale = PLAN.compounds / city.compounds.length;
  const wru = t.wru * scale;
  const rru = t.rru * scale;
  const messages = expandMessages('cp', Array.from({ length: PLAN.compounds }, (_, i) => `c${i}`)).length;
  const batch = queues.campaignExpand.batchSize ?? 10;
  const invocations = Math.ceil(messages / batch) + 1;
  // SendMessageBatch of 10, the poller's ReceiveMessage of a batch, DeleteMessageBatch of it; the plan queue's 3.
  const sqs = 3 * Math.ceil(messages / 10) + 3;
  const tasksPerMessage = (PLAN.buildings / PLAN.compounds) * COMPOUNDS_PER_MESSAGE;
  const waves = Math.ceil(Math.ceil(tasksPerMessage / BATCH_WRITE_SIZE) / TASK_WRITE_CONCURRENCY);
  // Read and claim, count, settle: three requests one after another; the writes in waves.
  const messageMs = 3 * ASSUMED.requestMs + waves * ASSUMED.batchWriteMs + ASSUMED.invokeOverheadMs;
  const gbSeconds = (messages * messageMs) / 1000 * LAMBDA_GB;
  const concurrency = queues.campaignExpand.maxConcurrency ?? LIMITS.lambdaConcurrency;
  const wruDemand = (concurrency * 1000 / messageMs) * (wru / messages);
  const minutesNew = minutesOnDemand(wru, wruDemand, LIMITS.newTableWru, LIMITS.tableWru);
  const minutesWarm = minutesOnDemand(wru, wruDemand, LIMITS.tableWru, LIMITS.tableWru);
  const minutesLambda = wru / wruDemand / 60;
  const dollars = { dynamodb: wru * PRICE.wru + rru * PRICE.rru, sqs: sqs * PRICE.sqsRequest, lambda: gbSeconds * PRICE.lambdaGbSecond + invocations * PRICE.lambdaRequest };
  return [
    '',
    `### City-wide sweep: ${PLAN.compounds.toLocaleString('en-US')} compounds, ${PLAN.buildings.toLocaleString('en-US')} tasks`,
    '',
    '| quantity | per compound (measured on ' + `${city.compounds.length} compounds) | × ${scale.toFixed(0)} → the plan's city |`,
    '| --- | --- | --- |',
    `| task item | ${(tasks.meanBytes / KB).toFixed(2)} KB (max ${(tasks.maxBytes / KB).toFixed(2)}), table + ${tasks.gsis} GSIs = ${tasks.wru.toFixed(1)} WRU | ${(PLAN.buildings * tasks.wru).toLocaleString('en-US')} WRU for the tasks alone |`,
    `| write units (tasks, markers, counters, campaign) | ${(t.wru / city.compounds.length).toFixed(1)} WRU | ${Math.round(wru).toLocaleString('en-US')} WRU |`,
    `| read units | ${(t.rru / city.compounds.length).toFixed(1)} RRU | ${Math.round(rru).toLocaleString('en-US')} RRU |`,
    `| DynamoDB requests | ${(calls(t) / city.compounds.length).toFixed(1)} | ${Math.round(calls(t) * scale).toLocaleString('en-US')} |`,
    `| SQS messages (level 2, ${COMPOUNDS_PER_MESSAGE} compounds each) | — | ${messages.toLocaleString('en-US')} messages, ${sqs.toLocaleString('en-US')} requests (send, receive, delete in 10s) |`,
    `| Lambda (expand: ${batch} messages an invocation, ${messageMs} ms a message assumed) | — | ${invocations.toLocaleString('en-US')} invocations, ${Math.round(gbSeconds).toLocaleString('en-US')} GB-s |`,
    `| write demand at the expand queue's maxConcurrency ${concurrency} | — | ${Math.round(wruDemand).toLocaleString('en-US')} WRU/s |`,
    `| minutes to active, new on-demand table (${LIMITS.newTableWru.toLocaleString('en-US')} WRU/s, doubling / 30 min, ≤ ${LIMITS.tableWru.toLocaleString('en-US')}) | — | ${minutesNew.toFixed(1)} min |`,
    `| minutes to active, table warm at the ${LIMITS.tableWru.toLocaleString('en-US')} WRU/s quota | — | ${minutesWarm.toFixed(1)} min (Lambda alone: ${minutesLambda.toFixed(1)} min) |`,
    `| cost | — | DynamoDB ${money(dollars.dynamodb)}, SQS ${money(dollars.sqs)}, Lambda ${money(dollars.lambda)}: ${money(dollars.dynamodb + dollars.sqs + dollars.lambda)} |`,
  ];
}

/**
 * A day of twice-daily reports: people enrolled through the API with their report links; each
 * reports in the morning window through the public route; the judgement job runs after the
 * morning window (everyone reported) and after the evening one (nobody did: the worst case).
 */
async function healthReports(ctx: BenchContext, city: GeneratedCity, runtime: LocalRuntime, meter: Meter): Promise<string[]> {
  const people = ctx.sized({ full: 100, quick: 40 });
  const { windows } = observationSettings();
  const day = '2026-11-22';
  const am = slotWindow(day, 'am', windows);
  const pm = slotWindow(day, 'pm', windows);
  setClock(() => new Date(Date.parse(am.opens) + 60_000));
  // A community admin enrols, in buildings of their community.
  const admin = city.users.find((u) => u.role === 'community' && u.jurisdiction.communityId);
  const ours = new Set(city.compounds.filter((c) => c.communityId === admin?.jurisdiction.communityId).map((c) => c.id));
  const buildings = city.buildings.filter((b) => ours.has(b.compoundId));
  if (!admin || buildings.length === 0) throw new Error('the generated city has no community admin with buildings');
  const token = (await runtime.identity.issue(admin.username))?.token ?? '';
  const tokens = await inParallel(Array.from({ length: people }, (_, i) => i), 8, async (i) => {
    const b = buildings[i % buildings.length]!;
    return String((await post(runtime, routes.createPerson.path, {
      name: `测试${i}`, compoundId: b.compoundId, buildingId: b.id, room: String(101 + i), category: 'close_contact', reason: 'capacity', startDate: day,
    }, 201, token)).reportToken);
  });
  await meter.take();
  await inParallel(tokens, 8, (t) => post(runtime, fillPath(routes.createPublicReport.path, { token: t }), { temperatureC: 36.5, symptoms: [] }, 201));
  const report = await meter.take();
  setClock(() => new Date(Date.parse(am.closes) + 60_000));
  await judgeSlots();
  const judgedReported = await meter.take();
  setClock(() => new Date(Date.parse(pm.closes) + 60_000));
  await judgeSlots();
  const judgedMissed = await meter.take();
  // A run with nothing due: what every run costs whoever is due (a query of each shard of each closed slot).
  await judgeSlots();
  const idle = await meter.take();
  resetClock();

  const per = (t: Tally, fixed?: Tally) => ({ wru: (t.wru - (fixed?.wru ?? 0)) / people, rru: (t.rru - (fixed?.rru ?? 0)) / people, calls: (calls(t) - (fixed ? calls(fixed) : 0)) / people });
  const r = per(report);
  const jr = per(judgedReported, idle);
  const jm = per(judgedMissed, idle);
  const judgeEvery = parseScheduleExpression(schedules.judgeSlots.expression);
  if (judgeEvery.kind !== 'rate') throw new Error(`judgeSlots runs on ${judgeEvery.expression}, not a rate: count its runs a day here`);
  const runsDay = DAY_MS / judgeEvery.periodMs;
  ctx.report(SECTION, 'report: WRU / RRU a report', `${r.wru.toFixed(1)} / ${r.rru.toFixed(1)}`, '', JSON.stringify(report.calls));
  ctx.report(SECTION, 'judgement: WRU / RRU a person (reported)', `${jr.wru.toFixed(1)} / ${jr.rru.toFixed(1)}`, '', JSON.stringify(judgedReported.calls));
  ctx.report(SECTION, 'judgement: WRU / RRU a person (missed)', `${jm.wru.toFixed(1)} / ${jm.rru.toFixed(1)}`, '', JSON.stringify(judgedMissed.calls));
  ctx.report(SECTION, 'judgement run with nothing due', idle.rru, 'RRU', `${JSON.stringify(idle.calls)}; subtracted above`);

  const n = PLAN.observed;
  const reportsDay = 2 * n;
  // The day: every report sent (the worst for the route); every slot judged as reported, plus the share that is missed.
  const missedShare = 0.05;
  const wru = reportsDay * r.wru + reportsDay * ((1 - missedShare) * jr.wru + missedShare * jm.wru) + runsDay * idle.wru;
  const rru = reportsDay * r.rru + reportsDay * ((1 - missedShare) * jr.rru + missedShare * jm.rru) + runsDay * idle.rru;
  const windowSeconds = (Date.parse(am.closes) - Date.parse(am.opens)) / 1000;
  // Reports bunch at the window's start: assume half of a slot's reports in its first hour.
  const peakPerSecond = (n * 0.5) / 3600;
  const lambdaMs = ASSUMED.invokeOverheadMs + Math.ceil(r.calls) * ASSUMED.requestMs;
  const gbSeconds = (reportsDay * lambdaMs) / 1000 * LAMBDA_GB;
  const dollars = {
    dynamodb: wru * PRICE.wru + rru * PRICE.rru, api: reportsDay * PRICE.httpApiRequest,
    lambda: gbSeconds * PRICE.lambdaGbSecond + reportsDay * PRICE.lambdaRequest,
  };
  return [
    '',
    `### A day of twice-daily reports: ${n.toLocaleString('en-US')} people under observation`,
    '',
    `| quantity | measured on ${people} people | the plan's day |`,
    '| --- | --- | --- |',
    `| a report (POST /public/reports/{token}) | ${r.wru.toFixed(1)} WRU, ${r.rru.toFixed(1)} RRU, ${r.calls.toFixed(1)} requests | ${reportsDay.toLocaleString('en-US')} reports |`,
    `| judging a reported slot | ${jr.wru.toFixed(1)} WRU, ${jr.rru.toFixed(1)} RRU | ${(reportsDay * (1 - missedShare)).toLocaleString('en-US')} slots (${(100 - missedShare * 100).toFixed(0)} % reported, assumed) |`,
    `| judging a missed slot | ${jm.wru.toFixed(1)} WRU, ${jm.rru.toFixed(1)} RRU | ${(reportsDay * missedShare).toLocaleString('en-US')} slots |`,
    `| a judgement run, whoever is due (${calls(idle)} shard queries) | ${idle.rru.toFixed(1)} RRU | ${runsDay} runs (every ${judgeEvery.periodMs / MINUTE_MS} minutes) |`,
    `| the day | — | ${Math.round(wru).toLocaleString('en-US')} WRU, ${Math.round(rru).toLocaleString('en-US')} RRU |`,
    `| peak (half a slot's reports in the window's first hour; window ${(windowSeconds / 3600).toFixed(0)} h) | — | ${peakPerSecond.toFixed(0)} reports/s = ${Math.round(peakPerSecond * r.wru).toLocaleString('en-US')} WRU/s, ${Math.round(peakPerSecond * r.rru).toLocaleString('en-US')} RRU/s, ${Math.ceil(peakPerSecond * lambdaMs / 1000)} Lambdas at once (${lambdaMs} ms a report assumed) |`,
    `| cost | — | DynamoDB ${money(dollars.dynamodb)}, HTTP API ${money(dollars.api)}, Lambda ${money(dollars.lambda)}: ${money(dollars.dynamodb + dollars.api + dollars.lambda)} a day |`,
  ];
}

/** Gate entries at one exit through the API (2 % fevers, each raising an alert), scaled to the plan's exits. */
async function gateEntries(ctx: BenchContext, city: GeneratedCity, runtime: LocalRuntime, meter: Meter): Promise<string[]> {
  const duty = city.users.find((u) => u.role === 'duty');
  const exitId = duty?.jurisdiction.exitIds?.[0];
  if (!duty || !exitId) throw new Error('the generated city has no duty user');
  const token = (await runtime.identity.issue(duty.username))?.token ?? '';
  const entries = ctx.sized({ full: 200, quick: 100 });
  const url = fillPath(routes.createEntry.path, { id: exitId });
  await meter.take();
  await inParallel(Array.from({ length: entries }, (_, n) => n), 8, (n) => {
    const fever = n % 50 === 0;
    return post(runtime, url, {
      entryId: `cap-${n}`, direction: n % 2 ? 'out' : 'in', category: 'resident', outcome: fever ? 'refused' : 'admitted',
      checks: { identityAsked: true, recorded: true, temperatureMeasured: true, maskWorn: true }, temperatureC: fever ? 38.2 : 36.5,
      person: { name: '测试', idNumber: `4208811990010${String(n).padStart(5, '0')}` },
      ...(fever ? { refusalReason: '体温异常', escort: { hospital: '钟祥市人民医院' } } : {}),
    }, 201, token);
  });
  const t = await meter.take();
  const wruEach = t.wru / entries;
  const rruEach = t.rru / entries;
  const callsEach = calls(t) / entries;
  ctx.report(SECTION, 'entry: WRU / RRU an entry', `${wruEach.toFixed(1)} / ${rruEach.toFixed(1)}`, '', JSON.stringify(t.calls));

  const day = PLAN.exits * PLAN.entriesPerExitDay;
  // A gate's day is not flat: assume a tenth of it in the busiest hour.
  const peakPerSecond = (day * 0.1) / 3600;
  const lambdaMs = ASSUMED.invokeOverheadMs + Math.ceil(callsEach) * ASSUMED.requestMs;
  const gbSeconds = (day * lambdaMs) / 1000 * LAMBDA_GB;
  const dollars = {
    dynamodb: day * (wruEach * PRICE.wru + rruEach * PRICE.rru), api: day * PRICE.httpApiRequest,
    lambda: gbSeconds * PRICE.lambdaGbSecond + day * PRICE.lambdaRequest,
  };
  return [
    '',
    `### A day of gate entries: ${PLAN.exits.toLocaleString('en-US')} exits × ${PLAN.entriesPerExitDay} entries`,
    '',
    `| quantity | measured on ${entries} entries at one exit (2 % fevers) | the plan's day |`,
    '| --- | --- | --- |',
    `| an entry (POST /v1/exits/{id}/entries) | ${wruEach.toFixed(1)} WRU, ${rruEach.toFixed(1)} RRU, ${callsEach.toFixed(1)} requests | ${day.toLocaleString('en-US')} entries |`,
    `| the day | — | ${Math.round(day * wruEach).toLocaleString('en-US')} WRU, ${Math.round(day * rruEach).toLocaleString('en-US')} RRU |`,
    `| peak (a tenth of the day in the busiest hour) | — | ${peakPerSecond.toFixed(0)} entries/s = ${Math.round(peakPerSecond * wruEach).toLocaleString('en-US')} WRU/s, ${Math.round(peakPerSecond * rruEach).toLocaleString('en-US')} RRU/s, ${Math.ceil(peakPerSecond * lambdaMs / 1000)} Lambdas at once (${lambdaMs} ms an entry assumed) |`,
    `| cost | — | DynamoDB ${money(dollars.dynamodb)}, HTTP API ${money(dollars.api)}, Lambda ${money(dollars.lambda)}: ${money(dollars.dynamodb + dollars.api + dollars.lambda)} a day |`,
  ];
}

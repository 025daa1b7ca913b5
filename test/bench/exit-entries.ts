/**
 * Entry registration at one exit under load: 20 duty-staff clients posting entries at once to
 * the same checkpoint (a commuter peak, seed 003), every 50th a fever that raises an alert in the
 * same transaction. Reports entries per second and latency p50/p99, and checks the hourly
 * counters add up to what was registered. Then the gate as the phone app works it: 20 duty users
 * of that one exit, each on their own sign-in, checking issued passes' QR codes (pass-checks:
 * verify the signature, read the pass, record nothing) and registering entries by scanned pass
 * (passQr) — pass-check latency p50/p99 and entries per second.
 */
import { generateCity } from '#infra/local/demo/city.ts';
import { seedCity } from '#infra/local/demo/seed.ts';
import { startLocalRuntime } from '#infra/local/runtime.ts';
import { routes } from '#shared/catalogue/index.ts';
import { fillPath } from '#shared/catalogue/paths.ts';
import { percentile, type Bench } from './context.ts';

const CLIENTS = 20;
/**
 * Entries posted; passes issued through the API before the scans (the QR codes the clients hold
 * up), their checks and the entries by scanned pass — fewer under --quick.
 */
const SIZES = { full: { entries: 2_000, passes: 100, checks: 2_000, passEntries: 1_000 }, quick: { entries: 500, passes: 40, checks: 500, passEntries: 250 } };

/** Runs `total` calls over `clients` concurrent loops; answers each call's latency and the whole run's seconds. */
async function underLoad(clients: number, total: number, call: (n: number, client: number) => Promise<number>): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (next < total) latencies.push(await call(next++, client));
    }),
  );
  return { latencies, seconds: (performance.now() - t0) / 1000 };
}

/** Posts JSON and answers its latency in ms, failing unless the status is the one expected. */
async function timedPost(url: string, token: string, body: unknown, status: number, check?: (answer: unknown) => void): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== status) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  const answer: unknown = await res.json();
  const ms = performance.now() - t0;
  check?.(answer);
  return ms;
}

export const bench: Bench = {
  name: 'exit-entries',
  async run(ctx) {
    const { entries: ENTRIES, passes: PASSES, checks: PASS_CHECKS, passEntries: PASS_ENTRIES } = ctx.sized(SIZES);
    // Throughput at one exit does not depend on the size of the city: a street of it will do.
    const city = generateCity({ compounds: 160, buildings: 1600 });
    const tableName = await ctx.freshTable('entries');
    await seedCity(city);
    const duty = city.users.find((u) => u.role === 'duty');
    const exitId = duty?.jurisdiction.exitIds?.[0];
    const compoundId = duty?.jurisdiction.compoundIds?.[0];
    if (!duty || !exitId || !compoundId) throw new Error('the demo city has no duty user');
    // The gate's team: 20 duty users holding the same exit, one sign-in per phone.
    const team = Array.from({ length: CLIENTS }, (_, i) => ({ ...duty, username: `${duty.username}-bench-${i + 1}`, name: `${duty.name}${i + 1}` }));
    const runtime = await startLocalRuntime({ endpoint: ctx.endpoint, tableName, apiPort: 0, users: [...city.users, ...team] });
    const token = (await runtime.identity.issue(duty.username))?.token ?? '';
    const url = `${runtime.api.url}${fillPath(routes.createEntry.path, { id: exitId })}`;
    const post = async (n: number) => {
      const fever = n % 50 === 0;
      const body = {
        entryId: `bench-${n}`, direction: n % 3 === 0 ? 'out' : 'in', category: n % 3 === 0 ? 'medical' : 'resident', outcome: fever ? 'refused' : 'admitted',
        checks: { identityAsked: true, recorded: true, temperatureMeasured: true, maskWorn: true },
        temperatureC: fever ? 38.2 : 36.4 + (n % 7) / 10,
        person: { name: '测试', idNumber: `4208811990010${String(Math.abs(n) % 100_000).padStart(5, '0')}` },
        ...(fever ? { refusalReason: '体温异常', escort: { hospital: '钟祥市人民医院' } } : {}),
      };
      return timedPost(url, token, body, 201);
    };
    /** Passes issued by city staff through the API, then checked and registered by the team. */
    const scannedPasses = async () => {
      const cityUser = city.users.find((u) => u.role === 'city');
      const cityToken = (cityUser && (await runtime.identity.issue(cityUser.username))?.token) ?? '';
      const issueUrl = `${runtime.api.url}${fillPath(routes.createPass.path, { id: compoundId })}`;
      const validUntil = new Date(Date.now() + 14 * 86_400_000).toISOString();
      const qrs: string[] = [];
      await underLoad(4, PASSES, (n) =>
        timedPost(issueUrl, cityToken, {
          passId: `bench-pass-${n}`, name: '测试', idNumber: `42088119900101${String(n).padStart(4, '0')}`, category: n % 2 ? 'medical' : 'resident', validUntil,
        }, 201, (answer) => qrs.push((answer as { qr: string }).qr)),
      );
      const tokens = await Promise.all(team.map(async (u) => (await runtime.identity.issue(u.username))?.token ?? ''));
      const qrOf = (n: number) => qrs[n % qrs.length] ?? '';

      const checkUrl = `${runtime.api.url}${fillPath(routes.checkPass.path, { id: exitId })}`;
      const valid = (answer: unknown) => {
        if ((answer as { valid?: boolean }).valid !== true) throw new Error(`an issued pass checked invalid: ${JSON.stringify(answer)}`);
      };
      await timedPost(checkUrl, tokens[0] ?? '', { qr: qrOf(0) }, 200, valid);
      const checks = await underLoad(CLIENTS, PASS_CHECKS, (n, client) => timedPost(checkUrl, tokens[client] ?? '', { qr: qrOf(n) }, 200, valid));
      ctx.report('exit-entries', 'pass-checks per second', PASS_CHECKS / checks.seconds, '/s', `${PASS_CHECKS} checks of ${PASSES} issued passes, ${CLIENTS} duty users, one exit`);
      ctx.report('exit-entries', 'pass-check latency p50', percentile(checks.latencies, 50), 'ms');
      ctx.report('exit-entries', 'pass-check latency p99', percentile(checks.latencies, 99), 'ms');

      const scanned = await underLoad(CLIENTS, PASS_ENTRIES, (n, client) =>
        timedPost(url, tokens[client] ?? '', {
          entryId: `bench-pass-entry-${n}`, direction: n % 2 ? 'out' : 'in', category: n % 2 ? 'medical' : 'resident', outcome: 'admitted',
          checks: { identityAsked: true, recorded: true, temperatureMeasured: true, maskWorn: true }, temperatureC: 36.5, passQr: qrOf(n),
        }, 201),
      );
      ctx.report('exit-entries', 'entries by scanned pass per second', PASS_ENTRIES / scanned.seconds, '/s', `${PASS_ENTRIES} entries, ${CLIENTS} duty users, one exit`);
      ctx.report('exit-entries', 'entry by scanned pass p50', percentile(scanned.latencies, 50), 'ms');
      ctx.report('exit-entries', 'entry by scanned pass p99', percentile(scanned.latencies, 99), 'ms');
    };
    try {
      await post(-1);
      const { latencies, seconds } = await underLoad(CLIENTS, ENTRIES, post);
      ctx.report('exit-entries', 'entries per second', ENTRIES / seconds, '/s', `${ENTRIES} entries, ${CLIENTS} clients, one exit, 2% fevers`);
      ctx.report('exit-entries', 'latency p50', percentile(latencies, 50), 'ms');
      ctx.report('exit-entries', 'latency p99', percentile(latencies, 99), 'ms');
      const counts = (await (await fetch(`${runtime.api.url}${fillPath(routes.getExitCounts.path, { id: exitId })}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        hours: { in: number; out: number }[];
      };
      const counted = counts.hours.reduce((sum, h) => sum + h.in + h.out, 0);
      ctx.report('exit-entries', 'counted in the hourly counters', counted, '', `of ${ENTRIES + 1} registered`);
      await scannedPasses();
    } finally {
      await runtime.stop();
    }
  },
};

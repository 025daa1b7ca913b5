/**
 * The claims' load generator, run in a worker thread by the sweeps bench (sweeps.ts `claims`):
 * each grid worker claims and releases their tasks over HTTP, one after another, all workers at
 * once. It runs off the thread that serves the API, as phones do: on one thread the twenty
 * clients' own fetch work queued behind the server's and showed up in every claim's latency
 * (the load generator's fetch was 1.3 s of 14 s in a CPU profile of the claims).
 */
import { parentPort, workerData } from 'node:worker_threads';

/** What the bench hands the thread. */
export interface ClaimClientsInput {
  readonly apiUrl: string;
  readonly workers: readonly { readonly token: string; readonly taskIds: readonly string[] }[];
}

/** What it answers: each claim's milliseconds, and how many were refused. */
export interface ClaimClientsOutput {
  readonly latencies: number[];
  readonly conflicts: number;
  readonly error?: string;
}

async function post(input: ClaimClientsInput, token: string, path: string): Promise<Response> {
  const response = await fetch(`${input.apiUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return response;
}

async function run(input: ClaimClientsInput): Promise<ClaimClientsOutput> {
  const latencies: number[] = [];
  let conflicts = 0;
  await Promise.all(input.workers.map(async ({ token, taskIds }) => {
    for (const id of taskIds) {
      const t0 = performance.now();
      const claim = await post(input, token, `/v1/tasks/${id}/claim`);
      latencies.push(performance.now() - t0);
      if (claim.status !== 200) {
        conflicts++;
        continue;
      }
      const release = await post(input, token, `/v1/tasks/${id}/release`);
      if (release.status !== 200) throw new Error(`release answered ${release.status}`);
    }
  }));
  return { latencies, conflicts };
}

if (parentPort) {
  const port = parentPort;
  run(workerData as ClaimClientsInput).then(
    (output) => port.postMessage(output),
    (error: unknown) => port.postMessage({ latencies: [], conflicts: 0, error: error instanceof Error ? error.message : String(error) }),
  );
}

/**
 * DynamoDB Local: AWS's own jar, as shipped in the npm package amplify-dynamodb-simulator, run on
 * the machine's Java 17+. Started as a child process that dies with us: on stop, on our exit,
 * and on SIGINT/SIGTERM, so no Java process is left behind.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  /** Keep data in this folder; omitted means in memory. */
  readonly dataDir?: string;
  /**
   * Java heap. An in-memory table of a few hundred thousand items needs more than 1 GB once a
   * large scan runs.
   * @default '3g' (DYNAMODB_HEAP)
   */
  readonly heap?: string;
}

export class JavaMissingError extends Error {
  constructor(detail: string) {
    super(
      `DynamoDB Local needs Java 17 or newer (${detail}).\n` +
        'Install it with:  sudo apt-get install -y openjdk-17-jre-headless\n' +
        '(or run `npm run setup`, which installs it when it can).',
    );
    this.name = 'JavaMissingError';
  }
}

/** The Java major version on PATH, or undefined when there is none. */
export function javaVersion(): number | undefined {
  const out = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (out.error || out.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(out.stderr + out.stdout);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

export function assertJava(): void {
  const version = javaVersion();
  if (version === undefined) throw new JavaMissingError('no `java` on PATH');
  if (version < 17) throw new JavaMissingError(`found Java ${version}`);
}

export function emulatorDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const children = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Kills every DynamoDB Local we started when this process exits, however it exits. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });
}

/**
 * Exit hooks cannot run when this process is killed with SIGKILL; a detached shell watches our
 * pid and kills the Java process once we are gone, so it never outlives us.
 */
function watchParent(child: ChildProcess): void {
  if (!child.pid) return;
  const script = `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${child.pid} 2>/dev/null; do sleep 1; done; kill -9 ${child.pid} 2>/dev/null`;
  const watchdog = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  watchdog.unref();
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  assertJava();
  const port = options.port || (await freePort());
  const dir = emulatorDir();
  const storage = options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory'];
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = spawn(
    'java',
    [
      `-Xmx${options.heap ?? process.env.DYNAMODB_HEAP ?? '3g'}`,
      `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`,
      '-jar', path.join(dir, 'DynamoDBLocal.jar'),
      ...storage, '-sharedDb', '-disableTelemetry', '-port', String(port),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  installExitHook();
  watchParent(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => { children.delete(child); resolve(); }));
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilServing(endpoint, child, () => output);
  return {
    endpoint,
    port,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/**
 * How long Java may take to serve. It starts in 2–5 s on an idle machine, but a busy 2-core one
 * (a test run beside a build) has taken over 30 s: giving up then stops `npm start` for nothing.
 */
const START_DEADLINE_MS = 120_000;

async function waitUntilServing(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}):\n${output()}`);
    try {
      // Any HTTP answer means the server is up; it rejects this unsigned request with 400.
      await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`DynamoDB Local did not start within ${START_DEADLINE_MS / 1000} s:\n${output()}`);
}

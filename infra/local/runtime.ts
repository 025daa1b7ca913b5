/**
 * The whole local system minus the web server: handler settings pointed at DynamoDB Local, the
 * queue runner installed as the queue port, the schedule runner, and the local API. Used by
 * `npm start`, the end-to-end tests and the benchmarks, so all three run the same composition.
 */
import { setQueuePort } from '#functions/platform/queue.ts';
import { nowIso } from '#functions/platform/clock.ts';
import { setUserPoolPort, type PoolUser } from '#functions/platform/user-pool.ts';
import { setFilesPort } from '#functions/platform/files.ts';
import { LocalFilesPort } from '#functions/platform/files-local.ts';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getStaff, putStaff } from '#functions/stores/staff-store.ts';
import type { LocalUser } from '#shared/schemas/local.ts';
import { startApiServer, type ApiServer } from './api-server.ts';
import { pointHandlersAt } from './handler-env.ts';
import { createLocalIdentity, type LocalIdentity } from './identity.ts';
import { createQueueRunner, type QueueRunner, type QueueRunnerOptions } from './queue-runner.ts';
import { createScheduleRunner, type ScheduleRunner } from './schedule-runner.ts';

export interface LocalRuntimeOptions {
  /** DynamoDB Local's URL; the table must exist (bootstrap.ts ensureTable). */
  readonly endpoint: string;
  readonly tableName: string;
  /** 0 picks a free port. */
  readonly apiPort: number;
  readonly host?: string;
  readonly users: readonly LocalUser[];
  readonly allowedOrigins?: readonly string[];
  /** Where the token signing key persists; omitted means a new key each start. */
  readonly keyFile?: string;
  /** Where uploaded files (inspection photos) are written; omitted means a new temporary directory. */
  readonly filesDir?: string;
  /** Run schedules on their timers (npm start); tests fire them with runNow. */
  readonly runSchedules?: boolean;
  /** Queue runner settings beyond the catalogue's (tests scale its timeouts down). */
  readonly queueOptions?: Omit<QueueRunnerOptions, 'log'>;
  readonly log?: (line: string) => void;
}

export interface LocalRuntime {
  readonly api: ApiServer;
  /** Where uploaded files land. */
  readonly filesDir: string;
  readonly identity: LocalIdentity;
  readonly queues: QueueRunner;
  readonly schedules: ScheduleRunner;
  stop(): Promise<void>;
}

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  pointHandlersAt(options.endpoint, options.tableName);
  const queues = createQueueRunner({ ...options.queueOptions, log: options.log });
  setQueuePort(queues);
  queues.start();
  const schedules = createScheduleRunner({ log: options.log });
  if (options.runSchedules) schedules.start();
  // The users the local sign-in knows are the directory's people (as a Cognito pool's users would
  // be; a restart writes only entries missing or changed), and a staff member created through the
  // API is a user the local sign-in knows at once.
  await putStaff(options.users, nowIso(), LOCAL_DIRECTORY_ACTOR);
  const identity = await createLocalIdentity({ users: options.users, keyFile: options.keyFile, lookup: localUserOf });
  setUserPoolPort({ createUser: async (user) => identity.add(localUser(user)) });
  // Upload URLs are signed like presigned S3 URLs, with a key of this run's own.
  const files = { dir: options.filesDir ?? mkdtempSync(path.join(tmpdir(), 'cordon-files-')), secret: randomBytes(32).toString('hex') };
  const api = await startApiServer({
    port: options.apiPort,
    host: options.host,
    identity,
    files,
    allowedOrigins: options.allowedOrigins,
    log: options.log,
  });
  // A path on the API, not a URL: the web servers proxy the API's paths, so the app PUTs to its own origin (no CORS).
  setFilesPort(new LocalFilesPort('', files.secret));
  return {
    api,
    filesDir: files.dir,
    identity,
    queues,
    schedules,
    async stop() {
      await api.close();
      // A job still running may send messages: they must reach the queue runner before it drains.
      await schedules.stop();
      await queues.stop();
      setQueuePort(undefined);
      setUserPoolPort(undefined);
      setFilesPort(undefined);
    },
  };
}

/** Who wrote the directory entries of the local users, in their `createdBy`. */
const LOCAL_DIRECTORY_ACTOR = 'system:local';

const localUser = ({ username, name, role, jurisdiction }: PoolUser): LocalUser => ({ username, name, role, jurisdiction });

async function localUserOf(username: string): Promise<LocalUser | undefined> {
  const staff = await getStaff(username);
  return staff ? localUser(staff) : undefined;
}

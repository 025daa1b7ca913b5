/**
 * The whole local stack for the end-to-end tests, once per run: a fresh table on the run's
 * DynamoDB Local (from global-dynamodb.ts, which runs first), the demo city seeded into it, the
 * local runtime (API, queue and schedule runners) and the web app's production build served
 * by Vite's preview server with the API proxied, as `npm start` composes them.
 */
import type { TestProject } from 'vitest/node';
import { startWebServer } from '#infra/local/web-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The web app, e.g. http://localhost:41234. */
    webUrl: string;
    /** The local API the web app's server proxies to. */
    apiUrl: string;
    /** The stack's table, for a journey that runs a schedule's job itself (the runtime here fires none on timers). */
    tableName: string;
  }
}

/**
 * The runtime's modules, loaded with LOG_LEVEL=SILENT: the logger fixes its level when its module
 * loads, so the API this process serves stays quiet. LOG_LEVEL is then put back as it was, so the
 * test workers, started later from this process, do not inherit it (each project sets its own in
 * test/vitest.config.ts). Nothing imported statically above may load the logger.
 */
async function loadSilently() {
  const previous = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = 'SILENT';
  try {
    const [{ freshTable }, { seedCity }, { demoCity }, { startLocalRuntime }] = await Promise.all([
      import('./env.ts'),
      import('#infra/local/demo/seed.ts'),
      import('#infra/local/demo/users.ts'),
      import('#infra/local/runtime.ts'),
    ]);
    return { freshTable, seedCity, demoCity, startLocalRuntime };
  } finally {
    if (previous === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = previous;
  }
}

export default async function setup(project: TestProject) {
  const endpoint = project.getProvidedContext().dynamodbEndpoint;
  const { freshTable, seedCity, demoCity, startLocalRuntime } = await loadSilently();
  const tableName = await freshTable(endpoint);
  const city = demoCity();
  // Report windows that cover the whole China day, so the journeys of people under observation
  // (a resident reporting, a grid worker's today list) find a slot open whenever the suite runs.
  process.env.OBSERVATION_AM_WINDOW ??= '00:00-12:00';
  process.env.OBSERVATION_PM_WINDOW ??= '12:00-00:00';
  const runtime = await startLocalRuntime({ endpoint, tableName, apiPort: 0, users: city.users });
  try {
    await seedCity(city);
    const web = await startWebServer({ port: 0, apiUrl: runtime.api.url, mode: 'preview' });
    project.provide('webUrl', web.url);
    project.provide('apiUrl', runtime.api.url);
    project.provide('tableName', tableName);
    return async () => {
      await web.close();
      await runtime.stop();
    };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}

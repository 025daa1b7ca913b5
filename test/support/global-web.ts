/**
 * The whole local stack for the end-to-end tests, once per run: a fresh table on the run's
 * DynamoDB Local (from global-dynamodb.ts, which runs first), the demo city seeded into it, the
 * local runtime (API, queue and schedule runners) and the web app's production build served
 * by Vite's preview server with the API proxied, as `npm start` composes them.
 */
import { randomUUID } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { ensureTable } from '../../infra/local/bootstrap.ts';
import { seedCity } from '../../infra/local/demo/seed.ts';
import { demoCity } from '../../infra/local/demo/users.ts';
import { startLocalRuntime } from '../../infra/local/runtime.ts';
import { startWebServer } from '../../infra/local/web-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The web app, e.g. http://localhost:41234. */
    webUrl: string;
    /** The local API the web app's server proxies to. */
    apiUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const endpoint = project.getProvidedContext().dynamodbEndpoint;
  const tableName = `e2e-${randomUUID().slice(0, 8)}`;
  await ensureTable(endpoint, tableName);
  const city = demoCity();
  const runtime = await startLocalRuntime({ endpoint, tableName, apiPort: 0, users: city.users });
  try {
    await seedCity(city);
    const web = await startWebServer({ port: 0, apiUrl: runtime.api.url, mode: 'preview' });
    project.provide('webUrl', web.url);
    project.provide('apiUrl', runtime.api.url);
    return async () => {
      await web.close();
      await runtime.stop();
    };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}

/**
 * Test projects: unit (pure, fast), infra (the CDK app's templates and cdk-nag), integration
 * (handlers against DynamoDB Local through the local runtime), component (the web app's
 * components rendered in Debian's Chromium by vitest's browser mode), e2e (the web app in
 * Debian's Chromium against the whole local stack).
 */
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '#infra/local/setup.ts';

const root = new URL('..', import.meta.url).pathname;

export default defineConfig({
  test: {
    root,
    pool: 'forks',
    // Failure screenshots and other attachments go with the other test artifacts.
    attachmentsDir: 'test-results/attachments',
    projects: [
      {
        test: {
          name: 'unit',
          root,
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          root,
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-dynamodb.ts'],
          // Set in each worker before any module loads; the logger fixes its level when it loads.
          env: { LOG_LEVEL: 'SILENT' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'infra',
          root,
          include: ['test/infra/**/*.test.ts'],
          environment: 'node',
          // Asset bundling is skipped (test/infra/synth.ts); files share one worker's aws-cdk-lib
          // import and synthesised templates, which are read-only.
          isolate: false,
          testTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'component',
          root,
          expect: { poll: { timeout: 5_000 } },
          // A locator's action waits as long as the test has left: under a loaded CI machine (load
          // average 20+) a form of many steps took over the 15 s default and a click got 280 ms.
          testTimeout: 60_000,
          include: ['test/component/**/*.test.tsx'],
          setupFiles: ['test/component/setup.ts'],
          browser: {
            enabled: true,
            headless: true,
            // Debian's Chromium, as in the e2e tests: Playwright's own browser download cannot work here.
            provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS } }),
            instances: [{ browser: 'chromium', viewport: { width: 1024, height: 768 } }],
            screenshotDirectory: 'test-results/component',
          },
        },
      },
      {
        test: {
          name: 'e2e',
          root,
          // Conditions are polled, never slept for; a loaded CI machine may take seconds to meet them.
          expect: { poll: { timeout: 15_000 } },
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-dynamodb.ts', 'test/support/global-web.ts'],
          // Journeys of many pages: a loaded CI machine (load average 20+) took over 60 s for a
          // printed sheet of cards and an axe run of the board; conditions are still polled.
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

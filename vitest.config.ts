import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { answerLogVariable } from './local/answer-recorder.ts';
import { portalLogVariable } from './test/support/portal-process.ts';
import { testProofOfWorkEnvironment } from './test/support/proof-of-work.ts';

/**
 * Where a project's portals record their API answers and write their logs during this run (one
 * folder each per run and project); test/support/api-answers-global-setup.ts checks the answers
 * against the contract afterwards, test/support/portal-logs-global-setup.ts every log line.
 */
const answerLog = (project: string) => ({
  [answerLogVariable]: join(tmpdir(), `wuzhen-api-answers-${process.pid}-${project}`),
  [portalLogVariable]: join(tmpdir(), `wuzhen-portal-logs-${process.pid}-${project}`),
});

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // One DynamoDB Local for the run; each test file works in tables of its own.
          globalSetup: ['test/support/dynamodb-global-setup.ts'],
          // The handlers run in the test process: only their warnings and errors reach the output.
          env: { POWERTOOLS_LOG_LEVEL: 'WARN' },
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: [
            'test/support/site-build-global-setup.ts',
            'test/support/api-answers-global-setup.ts',
            'test/support/portal-logs-global-setup.ts',
          ],
          // Test portals solve the lowest difficulty; one e2e test starts a portal at the defaults.
          env: { ...answerLog('e2e'), ...testProofOfWorkEnvironment },
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          // The portal with the functions as they ship (`npm start -- --bundled`): a bundling mistake fails here.
          name: 'bundled',
          include: ['test/bundled/**/*.test.ts'],
          globalSetup: [
            'test/support/site-build-global-setup.ts',
            'test/support/api-answers-global-setup.ts',
            'test/support/portal-logs-global-setup.ts',
            // Last, so its teardown (removing the bundles) runs first, even when a check after it fails.
            'test/support/bundles-global-setup.ts',
          ],
          env: {
            ...answerLog('bundled'),
            ...testProofOfWorkEnvironment,
            // Inside the project, so the bundles' `@aws-sdk/*` imports resolve from node_modules.
            BUNDLES_DIR: join(import.meta.dirname, '.data', `bundles-test-${process.pid}`),
          },
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: [
            'test/support/site-build-global-setup.ts',
            'test/support/api-answers-global-setup.ts',
            'test/support/portal-logs-global-setup.ts',
            // One first start seeds the database every file's portal starts on (a copy of it).
            'test/support/seeded-database-global-setup.ts',
          ],
          env: { ...answerLog('browser'), ...testProofOfWorkEnvironment },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // A poll waits for the page, as a locator does; vitest's 1 s default fails under load
          // (a first Pagefind query compiling its WebAssembly on two busy cores took longer).
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});

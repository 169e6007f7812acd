import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPortal } from './portal-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A portal's database folder as its first start left it: tables made, content seeded. */
    seededDatabase: string;
  }
}

/**
 * Starts the portal once on an empty data folder (its first start: the tables are made and the
 * content seeded, some 6,300 venue and search-term items) and stops it. Each browser test file's
 * portal then starts on a copy of that database, as a restarted portal does (the content is upserted
 * again), instead of seeding it all once more: that seeding was most of a portal's start.
 */
export default async function seedDatabaseOnce(project: TestProject) {
  const dataDirectory = await mkdtemp(join(tmpdir(), 'wuzhen-seeded-'));
  const portal = await startPortal({ DATA_DIR: dataDirectory });
  const code = await portal.stop();
  if (code !== 0)
    throw new Error(`the portal seeding the test database exited (${code}):\n${portal.output()}`);
  project.provide('seededDatabase', join(dataDirectory, 'dynamodb'));
  return () => rm(dataDirectory, { recursive: true, force: true });
}

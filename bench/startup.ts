/**
 * How long `npm start` takes until the portal answers: spawn to the first 200 from /api/health and
 * from /, three warm starts (site already built) on a fresh data folder each, median printed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPortal } from '../test/support/portal-process.ts';

const runs = 3;
const results: Array<{ ready: number; health: number; home: number; stop: number }> = [];

for (let run = 0; run < runs; run += 1) {
  const dataDirectory = await mkdtemp(join(tmpdir(), 'bench-startup-'));
  const started = performance.now();
  const portal = await startPortal({ DATA_DIR: dataDirectory });
  const ready = performance.now() - started;
  const health = await fetch(new URL('/api/health', portal.url));
  const healthAt = performance.now() - started;
  const home = await fetch(new URL('/', portal.url));
  const homeAt = performance.now() - started;
  if (health.status !== 200 || home.status !== 200)
    throw new Error(`not healthy: ${health.status} ${home.status}`);
  const stopping = performance.now();
  await portal.stop();
  results.push({ ready, health: healthAt, home: homeAt, stop: performance.now() - stopping });
  await rm(dataDirectory, { recursive: true, force: true });
}

const median = (values: number[]) =>
  values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const row = (label: string, key: keyof (typeof results)[number]) =>
  console.log(
    `${label.padEnd(34)} ${median(results.map((result) => result[key]))
      .toFixed(0)
      .padStart(6)} ms`,
  );

console.log(`startup (warm build, fresh data), median of ${runs}:`);
row('spawn → listening', 'ready');
row('spawn → GET /api/health 200', 'health');
row('spawn → GET / 200', 'home');
row('SIGTERM → exited (JVM stopped)', 'stop');

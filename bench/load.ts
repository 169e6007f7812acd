/**
 * HTTP load with autocannon against the whole portal (`npm start`) on a fresh data folder, for a
 * fixed time at a few connection counts:
 * (a) GET /api/venues?near=…&radius=1000, the town guide's nearby search;
 * (b) POST /api/registrations, a unique e-mail and Idempotency-Key per request, into a category
 *     whose capacity is raised first so that every registration is confirmed; each with its own
 *     proof-of-work solution, solved before the rows at one low step (LOAD_SOLUTIONS of them).
 * Prints requests per second, latency p50/p99 and the answers by status. The local gateway lets
 * 8 requests per function run at once and queues others up to 600 ms, then answers 503 at once
 * (as a Lambda function's reserved concurrency would throttle): above 8 connections many answers
 * are fast 503s by design, and requests/s then counts them too.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { functionConcurrency } from '../local/api-gateway.ts';
import { signOrganizerToken } from '../local/organizer-tokens.ts';
import { type RunningPortal, startPortal } from '../test/support/portal-process.ts';
import { singleStepProofOfWorkEnvironment, solutionsFor } from '../test/support/proof-of-work.ts';
import { portalConsents } from '../test/support/registration-consents.ts';

const durationSeconds = Number(process.env.LOAD_SECONDS ?? 10);
const connectionCounts = [8, 32];
const nearbyPath = '/api/venues?near=30.7565,120.4880&radius=1000';
const category = 'speaker';

// autocannon ships no types: the little of its API used here.
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  method?: string;
  headers?: Record<string, string>;
  requests?: AutocannonRequest[];
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const header = `${'load'.padEnd(24)} ${'conns'.padStart(5)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'2xx'.padStart(7)} ${'503'.padStart(7)} ${'other'.padStart(7)}  errors`;

function line(label: string, connections: number, result: AutocannonResult) {
  let ok = 0;
  let throttled = 0;
  const other: string[] = [];
  let otherCount = 0;
  for (const [status, { count }] of Object.entries(result.statusCodeStats)) {
    if (status.startsWith('2')) ok += count;
    else if (status === '503') throttled += count;
    else {
      otherCount += count;
      other.push(`${status}×${count}`);
    }
  }
  console.log(
    [
      label.padEnd(24),
      `${connections}`.padStart(5),
      result.requests.average.toFixed(0).padStart(7),
      `${result.latency.p50}`.padStart(7),
      `${result.latency.p99}`.padStart(7),
      `${ok}`.padStart(7),
      `${throttled}`.padStart(7),
      `${otherCount}`.padStart(7),
      ` ${result.errors + result.timeouts}${other.length ? `  (other: ${other.join(', ')})` : ''}`,
    ].join(' '),
  );
}

const loadEmail = (number: number) => `load-${process.pid}-${number}@example.org`;
/** Solved before the registration rows, so they time registering, not solving (more than a row sends). */
let solutions = new Map<string, string>();
const solutionsNeeded = Number(process.env.LOAD_SOLUTIONS ?? 6000);

let registrationNumber = 0;
const registrationRequest: AutocannonRequest = {
  method: 'POST',
  path: '/api/registrations',
  setupRequest: (request) => {
    registrationNumber += 1;
    return {
      ...request,
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        category,
        name: 'Load Registrant',
        email: loadEmail(registrationNumber),
        altcha: solutions.get(loadEmail(registrationNumber)),
        country: 'CN',
        organization: 'Benchmark Lab',
        language: 'en',
        ...portalConsents,
      }),
    };
  },
};

const dataDirectory = await mkdtemp(join(tmpdir(), 'bench-load-'));
let portal: RunningPortal | undefined;
try {
  portal = await startPortal({ DATA_DIR: dataDirectory, ...singleStepProofOfWorkEnvironment });
  const token = await signOrganizerToken(dataDirectory, 'organizer');
  const raised = await fetch(new URL(`/api/admin/categories/${category}`, portal.url), {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ capacity: 100_000 }),
  });
  if (!raised.ok) throw new Error(`raising the capacity: ${raised.status} ${await raised.text()}`);
  // Loads each function's handler once, so the first second of a run is not a cold start.
  await (await fetch(new URL(nearbyPath, portal.url))).arrayBuffer();

  console.log(
    `load (autocannon, ${durationSeconds} s per row, fresh data; load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${availableParallelism()} cores)`,
  );
  console.log(
    `the local gateway runs ${functionConcurrency.maxConcurrent} requests per function at once, queues the rest up to ${functionConcurrency.maxWaitMs} ms, then answers 503 at once:`,
  );
  console.log('above that, fast 503s are by design (as a throttled Lambda function) and count in req/s.\n');
  console.log(header);
  for (const connections of connectionCounts) {
    const result = await autocannon({
      url: new URL(nearbyPath, portal.url).href,
      connections,
      duration: durationSeconds,
    });
    line('GET venues nearby', connections, result);
  }
  solutions = await solutionsFor(
    portal.url,
    Array.from({ length: solutionsNeeded }, (_, index) => loadEmail(index + 1)),
  );
  for (const connections of connectionCounts) {
    const result = await autocannon({
      url: portal.url,
      connections,
      duration: durationSeconds,
      requests: [registrationRequest],
    });
    line('POST registrations', connections, result);
  }
  console.log(
    `\n${registrationNumber} registration bodies built (a few are built for requests still unsent when a row ends), each with its own e-mail and Idempotency-Key.`,
  );
} finally {
  await portal?.stop();
  await rm(dataDirectory, { recursive: true, force: true });
}

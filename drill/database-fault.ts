/**
 * `npm run drill`: the database fault drill with its figures printed — registrations under load,
 * DynamoDB Local paused (SIGSTOP) and killed (SIGKILL), the portal restarted on the same data, every
 * unanswered request retried with its Idempotency-Key, then the whole table checked against the
 * invariants and the answers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAnsweredRegistrationsStored, runFaultDrill } from '../test/support/fault-drill.ts';
import { expectInvariants } from '../test/support/invariants.ts';

const dataDirectory = await mkdtemp(join(tmpdir(), 'portal-drill-'));
const concurrency = Number(process.env.DRILL_CONCURRENCY ?? 12);
try {
  const drill = await runFaultDrill({
    dataDirectory,
    concurrency,
    beforePauseMs: 3000,
    pauseMs: 3000,
    beforeKillMs: 3000,
    hangAfterMs: 5000,
    smallCapacity: 5,
    progress: (message) => console.log(message),
  });
  await drill.portal.stop();
  const unusual = drill.requests
    .flatMap((request) => request.attempts)
    .filter((attempt) => attempt.status === 'hang' || attempt.latencyMs > 1500);
  console.log('slow or hung attempts:', unusual.length, JSON.stringify(unusual.slice(0, 10)));
  const statuses = new Map<string, number>();
  for (const attempt of drill.requests.flatMap((request) => request.attempts)) {
    const key = `${attempt.phase} ${attempt.status}`;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
  }
  console.log('answers by phase and status:', Object.fromEntries(statuses));
  console.table(drill.figures);
  expectInvariants(drill.registrationItems);
  console.log('invariants hold over the whole registrations table');
  expectAnsweredRegistrationsStored(drill, concurrency);
  console.log(
    `stored registrations are those answered 201, but for ${drill.figures.answeredButNotStored} ` +
      `DynamoDB Local lost at the kill (at most ${concurrency} allowed)`,
  );
} finally {
  await rm(dataDirectory, { recursive: true, force: true });
}

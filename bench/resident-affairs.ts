/**
 * The staff queue of resident affairs (issue 15) on DynamoDB Local: 5,000 open requests and 1,000
 * closed ones, then p50 and p99 of the queue's first page and of the pages after it, read through
 * the sparse byStage index (never a Scan), from the store and through the staff function's handler
 * (GET /api/admin/affairs/queue: token check, validation, the page, its audit entry). Prints figures; exits 1 only when something is broken:
 * the queue does not hold exactly the open requests, longest-waiting first, or a Scan was sent.
 */
import { residentAffairsStaffRoutes } from '../functions/api/resident-affairs-staff.ts';
import { residentAffairsStaffContract } from '../functions/contract/resident-affairs-staff.ts';
import { defaultAuditRetentionDays } from '../functions/domain/audit.ts';
import { newId } from '../functions/domain/ids.ts';
import type { ServiceRequest } from '../functions/domain/resident-affairs/model.ts';
import { routeHandler } from '../functions/http/route-handler.ts';
import { DynamoDbAuditStore } from '../functions/store/dynamodb/audit-store.ts';
import { createDocumentClient, createDynamoDbClient } from '../functions/store/dynamodb/client.ts';
import { DynamoDbResidentAffairsStore } from '../functions/store/dynamodb/resident-affairs-store.ts';
import { ensureTables } from '../functions/store/dynamodb/table-setup.ts';
import { tableNamesFrom } from '../functions/store/tables.ts';
import { logger } from '../functions/telemetry/telemetry.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { withAuthorizerClaims } from '../local/gateway-event.ts';
import { apiEvent } from '../test/support/events.ts';
import { percentile, runConcurrently } from './support/load.ts';
import { tableLines } from './support/table.ts';

// One log line per request would bury the figures: only warnings and errors.
logger.setLogLevel('WARN');

const openRequests = 5_000;
const closedRequests = 1_000;
const pageSize = 50;
const firstPageReads = 200;
const concurrency = 8;

const ms = (value: number) => value.toFixed(1);

const database = await startDynamoDbLocal();
try {
  const settings = { endpoint: database.endpoint, region: 'us-east-1', requestTimeoutMs: 10_000 };
  const tableNames = tableNamesFrom({}, 'bench-affairs-');
  await ensureTables(createDynamoDbClient(settings), tableNames);
  const client = createDocumentClient(settings);
  const commandsSent = new Set<string>();
  client.middlewareStack.add(
    (next, context) => (args) => {
      commandsSent.add(context.commandName ?? '');
      return next(args);
    },
    { step: 'initialize', name: 'recordCommandNames' },
  );
  const store = new DynamoDbResidentAffairsStore(client, tableNames.residentAffairs, tableNames.audit);

  // Submitted a minute apart over the last weeks, in shuffled order, so the index does the sorting.
  const start = Date.parse('2026-11-01T00:00:00.000Z');
  const order = Array.from({ length: openRequests + closedRequests }, (_, index) => index).sort(
    () => Math.random() - 0.5,
  );
  const filled = await runConcurrently(order.length, concurrency, async (index) => {
    const minute = order[index] ?? 0;
    const id = newId();
    const request: ServiceRequest = {
      id,
      serviceCode: 'blocked-car',
      description: 'A car blocks the lane.',
      location: { lat: 30.7465, lon: 120.4877, precision: 'street' },
      photoKeys: [],
      state: 'submitted',
      submittedAt: new Date(start + minute * 60_000).toISOString(),
      followTokenHash: `hash-${id}`,
      locale: 'zh',
    };
    await store.create({
      request,
      firstEntry: { at: request.submittedAt, kind: 'state', state: 'submitted' },
    });
    if (minute % 6 === 5) {
      const at = new Date(start + (minute + 30) * 60_000).toISOString();
      await store.append({
        requestId: id,
        expectedState: 'submitted',
        entry: { at, kind: 'state', state: 'resolved' },
        change: { state: 'resolved', resolvedAt: at },
      });
    }
  });
  console.log(
    `${openRequests} open and ${closedRequests} closed requests written in ${(filled.wallMs / 1000).toFixed(1)} s`,
  );

  const firstPage: number[] = [];
  for (let read = 0; read < firstPageReads; read += 1) {
    const started = performance.now();
    await store.queuePage(pageSize);
    firstPage.push(performance.now() - started);
  }
  const laterPages: number[] = [];
  const queued: ServiceRequest[] = [];
  let cursor: string | undefined;
  do {
    const started = performance.now();
    const page = await store.queuePage(pageSize, cursor);
    if (cursor) laterPages.push(performance.now() - started);
    queued.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);

  const auditStore = new DynamoDbAuditStore(client, tableNames.audit);
  const handler = routeHandler(
    residentAffairsStaffContract,
    residentAffairsStaffRoutes({
      store,
      photoViewSecret: async () => 'bench-photo-view-secret',
      now: () => new Date(),
      targetMinutes: 30,
    }),
    {
      store: auditStore,
      addressKey: async () => 'bench-address-key',
      now: () => new Date(),
      retentionDays: defaultAuditRetentionDays,
    },
  );
  const queueRequest = (cursor?: string) => {
    const query = cursor ? `&cursor=${cursor}` : '';
    const event = apiEvent('GET', `/api/admin/affairs/queue?limit=${pageSize}${query}`);
    withAuthorizerClaims(event, { 'cognito:groups': ['resident-affairs'], sub: 'bench-staff' });
    return event;
  };
  const apiFirstPage: number[] = [];
  const apiLaterPages: number[] = [];
  let apiCursor: string | undefined;
  for (let read = 0; read < firstPageReads; read += 1) {
    const started = performance.now();
    const answer = await handler(queueRequest());
    apiFirstPage.push(performance.now() - started);
    if (answer.statusCode !== 200) throw new Error(`the queue answered ${answer.statusCode}`);
    if (read === 0) apiCursor = JSON.parse(String(answer.body)).nextCursor ?? undefined;
  }
  while (apiCursor) {
    const started = performance.now();
    const answer = await handler(queueRequest(apiCursor));
    apiLaterPages.push(performance.now() - started);
    if (answer.statusCode !== 200) throw new Error(`a later page answered ${answer.statusCode}`);
    apiCursor = JSON.parse(String(answer.body)).nextCursor ?? undefined;
  }
  client.destroy();

  const rows = [
    [`store, first page (${firstPageReads} reads)`, firstPage],
    [`store, each later page (${laterPages.length}, the whole queue)`, laterPages],
    [`API handler, first page (${firstPageReads} reads)`, apiFirstPage],
    [`API handler, each later page (${apiLaterPages.length})`, apiLaterPages],
  ] as const;
  console.log(`staff queue, ${pageSize} requests a page, ms`);
  for (const line of tableLines(
    ['read', 'p50', 'p99'],
    rows.map(([name, times]) => [name, ms(percentile(times, 50)), ms(percentile(times, 99))]),
  ))
    console.log(line);
  console.log(`commands sent: ${[...commandsSent].sort().join(', ')}`);

  const inOrder = queued.every(
    (request, index) => index === 0 || (queued[index - 1]?.submittedAt ?? '') < request.submittedAt,
  );
  const allOpen = queued.every((request) => request.state === 'submitted');
  if (queued.length !== openRequests || !inOrder || !allOpen || commandsSent.has('ScanCommand')) {
    console.error(
      `broken: the queue held ${queued.length} requests (expected ${openRequests}), in order: ${inOrder}, all open: ${allOpen}`,
    );
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await database.stop();
}

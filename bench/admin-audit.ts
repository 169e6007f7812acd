/**
 * What the audit trail costs the organizers' list: `GET /api/admin/registrations` (25 rows of 300
 * registrations) through the organizer routes over DynamoDB Local, with its audit entry written
 * before the answer, against the same route whose audit store writes nothing. One request at a
 * time, the two interleaved in rounds so that drift on a shared machine hits both alike.
 * Prints p50 and p90 of each; exits 1 only when something is broken (an answer other than 200,
 * or a number of entries other than one per audited request).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { organizerRoutes } from '../functions/api/organizer.ts';
import { defaultAuditRetentionDays } from '../functions/domain/audit.ts';
import type { RegistrationContext } from '../functions/domain/registration-context.ts';
import { register } from '../functions/domain/registrations.ts';
import { routeHandler } from '../functions/http/route-handler.ts';
import { contract } from '../functions/routes.ts';
import type { AuditStore } from '../functions/store/audit-store.ts';
import { DynamoDbAuditStore } from '../functions/store/dynamodb/audit-store.ts';
import { createDocumentClient, createDynamoDbClient } from '../functions/store/dynamodb/client.ts';
import { DynamoDbIdempotencyStore } from '../functions/store/dynamodb/idempotency-store.ts';
import { DynamoDbRegistrationStore } from '../functions/store/dynamodb/registration-store.ts';
import { ensureTables } from '../functions/store/dynamodb/table-setup.ts';
import { tableNamesFrom } from '../functions/store/tables.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { withAuthorizerClaims } from '../local/gateway-event.ts';
import { apiEvent } from '../test/support/events.ts';
import { consentsTo, testNoticeVersion } from '../test/support/registration-consents.ts';
import { percentile } from './support/load.ts';
import { tableLines } from './support/table.ts';

const registrations = 300;
const rounds = 10;
const requestsPerRound = 30;

const database = await startDynamoDbLocal();
try {
  const settings = { endpoint: database.endpoint, region: 'us-east-1', requestTimeoutMs: 10_000 };
  const tableNames = tableNamesFrom({}, 'bench-audit-');
  await ensureTables(createDynamoDbClient(settings), tableNames);
  const client = createDocumentClient(settings);
  const store = new DynamoDbRegistrationStore(client, tableNames.registrations, tableNames.audit);
  const edition = { id: '2027', name: { en: 'Bench', zh: '基准' }, noticeVersion: testNoticeVersion };
  await store.upsertEdition(edition, [
    { id: 'delegate', name: { en: 'Delegate', zh: '代表' }, capacity: 100_000, needsApproval: false },
  ]);
  const context: RegistrationContext = {
    store,
    idempotency: new DynamoDbIdempotencyStore(client, tableNames.registrations),
    edition,
    siteOrigin: 'https://portal.bench',
    now: () => new Date(),
  };
  for (let index = 0; index < registrations; index += 1) {
    const outcome = await register(context, {
      category: 'delegate',
      name: `Bench Person ${index}`,
      email: `bench.${index}@example.org`,
      country: index % 3 ? 'CN' : 'DE',
      language: 'en',
      needsVisaLetter: false,
      ...consentsTo(testNoticeVersion),
    });
    if (outcome.kind !== 'created') throw new Error(`registering ${index}: ${outcome.kind}`);
  }

  const trail = new DynamoDbAuditStore(client, tableNames.audit);
  /** The same route, its entry made but written nowhere: what the route costs without the audit write. */
  const nowhere: AuditStore = { append: async () => {}, list: trail.list.bind(trail) };
  const handlerWith = (auditStore: AuditStore) =>
    routeHandler(
      contract,
      organizerRoutes(async () => context, auditStore),
      {
        store: auditStore,
        addressKey: async () => 'bench-address-key',
        now: () => new Date(),
        retentionDays: defaultAuditRetentionDays,
      },
    );
  const variants = { 'with the audit write': handlerWith(trail), 'without it': handlerWith(nowhere) };
  const times: Record<keyof typeof variants, number[]> = { 'with the audit write': [], 'without it': [] };

  const request = (): APIGatewayProxyEventV2 => {
    const event = apiEvent('GET', '/api/admin/registrations?limit=25');
    withAuthorizerClaims(event, { 'cognito:groups': ['organizer'], sub: 'bench-organizer' });
    return event;
  };
  // A warm-up round for each, not counted.
  for (const handler of Object.values(variants)) {
    for (let index = 0; index < requestsPerRound; index += 1) await handler(request());
  }
  const before = await countEntries(trail);
  for (let round = 0; round < rounds; round += 1) {
    for (const name of Object.keys(variants) as Array<keyof typeof variants>) {
      const handler = variants[name];
      for (let index = 0; index < requestsPerRound; index += 1) {
        const started = performance.now();
        const answer = await handler(request());
        times[name].push(performance.now() - started);
        if (answer.statusCode !== 200) throw new Error(`${name}: answered ${answer.statusCode}`);
      }
    }
  }
  const written = (await countEntries(trail)) - before;
  if (written !== rounds * requestsPerRound) {
    throw new Error(`${rounds * requestsPerRound} audited requests wrote ${written} entries`);
  }
  client.destroy();

  const ms = (value: number) => value.toFixed(2);
  console.log(
    `GET /api/admin/registrations?limit=25 over ${registrations} registrations, DynamoDB Local, ` +
      `${rounds * requestsPerRound} requests each, one at a time, ms`,
  );
  const rows = Object.entries(times).map(([name, values]) => [
    name,
    ms(percentile(values, 50)),
    ms(percentile(values, 90)),
  ]);
  const cost = percentile(times['with the audit write'], 50) - percentile(times['without it'], 50);
  rows.push(['the audit write adds (p50)', ms(cost), '']);
  for (const line of tableLines(['route', 'p50', 'p90'], rows)) console.log(line);
  console.log(`${written} entries written, one per audited request`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await database.stop();
}

/** Every entry of the trail, counted page by page. */
async function countEntries(trail: AuditStore): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await trail.list({ limit: 100, cursor });
    count += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return count;
}

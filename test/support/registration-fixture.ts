import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Category } from '../../content/schemas/edition.ts';
import { badgeRoutes } from '../../functions/api/badges.ts';
import { checkinDeskRoutes } from '../../functions/api/checkin-desk.ts';
import { checkinRosterRoutes } from '../../functions/api/checkin-roster.ts';
import { messagesRoutes } from '../../functions/api/messages.ts';
import { organizerRoutes } from '../../functions/api/organizer.ts';
import { registrationEditRoutes } from '../../functions/api/registration-edits.ts';
import { registrationRoutes } from '../../functions/api/registrations.ts';
import type { RegistrationContext } from '../../functions/domain/registration-context.ts';
import { routeHandler } from '../../functions/http/route-handler.ts';
import { contract } from '../../functions/routes.ts';
import { DynamoDbAuditStore } from '../../functions/store/dynamodb/audit-store.ts';
import { DynamoDbCheckinScanStore } from '../../functions/store/dynamodb/checkin-scan-store.ts';
import { DynamoDbIdempotencyStore } from '../../functions/store/dynamodb/idempotency-store.ts';
import { DynamoDbRegistrationStore } from '../../functions/store/dynamodb/registration-store.ts';
import { functionConcurrency, throttled } from '../../local/api-gateway.ts';
import { concurrencyGate } from '../../local/concurrency-gate.ts';
import { withAuthorizerClaims } from '../../local/gateway-event.ts';
import { testSigningKey } from './checkin-signing.ts';
import { apiEvent } from './events.ts';
import { isolatedTables } from './isolated-tables.ts';
import {
  challengeQuery,
  solutionPayload,
  testProofOfWork,
  testProofOfWorkSettings,
} from './proof-of-work.ts';
import { consentsTo, testNoticeVersion } from './registration-consents.ts';
import { testStaffAudit } from './staff-audit.ts';

/** The check-in desks' routes on a test's tables, as wiring.ts builds them. */
export const testCheckinDeskRoutes = (
  tables: Pick<Awaited<ReturnType<typeof isolatedTables>>, 'documentClient' | 'tableNames'>,
  context: RegistrationContext,
) =>
  checkinDeskRoutes({
    contextFor: async () => context,
    scans: new DynamoDbCheckinScanStore(tables.documentClient, tables.tableNames.registrations),
    signingKey: testSigningKey,
  });

export const testEdition = {
  id: '2027',
  name: { en: 'Test edition', zh: '测试届次' },
  noticeVersion: testNoticeVersion,
};

export const category = (id: string, capacity: number, extra: Partial<Category> = {}): Category => ({
  id,
  name: { en: `Category ${id}`, zh: `类别 ${id}` },
  capacity,
  needsApproval: false,
  ...extra,
});

const maxSolveAttempts = 10;

/** A 400 whose only fault is a solution easier than the address now needs (see redeemSolution). */
const isTooEasy = (problem: { errors?: { path: string; message: string }[] } | undefined) =>
  problem?.errors?.length === 1 &&
  problem.errors[0]?.path === 'altcha' &&
  /easier/.test(problem.errors[0].message);

/** Isolated tables seeded with the given categories, and the API's handlers over them. */
export async function registrationFixture(
  categories: Category[],
  now: () => Date = () => new Date(),
  proofOfWorkSettings = testProofOfWorkSettings,
) {
  const tables = await isolatedTables();
  const store = new DynamoDbRegistrationStore(
    tables.documentClient,
    tables.tableNames.registrations,
    tables.tableNames.audit,
  );
  const staffAudit = testStaffAudit(tables.documentClient, tables.tableNames, now);
  await new DynamoDbRegistrationStore(tables.inspectionClient, tables.tableNames.registrations).upsertEdition(
    testEdition,
    categories,
  );
  const context: RegistrationContext = {
    store,
    idempotency: new DynamoDbIdempotencyStore(tables.documentClient, tables.tableNames.registrations),
    edition: testEdition,
    siteOrigin: 'https://portal.test',
    now,
  };
  const handler = routeHandler(
    contract,
    {
      ...registrationRoutes(
        async () => context,
        testProofOfWork(tables.documentClient, tables.tableNames.registrations, {
          settings: proofOfWorkSettings,
          now,
        }),
        testSigningKey,
      ),
      ...organizerRoutes(async () => context, staffAudit.store),
      ...testCheckinDeskRoutes(tables, context),
      ...checkinRosterRoutes(async () => context),
      ...messagesRoutes(async () => context),
      ...registrationEditRoutes(async () => context),
      ...badgeRoutes({ contextFor: async () => context, signingKey: testSigningKey }),
    },
    staffAudit,
  );
  // The same admission the local gateway applies, so concurrent tests meet the server's behaviour.
  const gate = concurrencyGate(functionConcurrency);
  const api = (event: APIGatewayProxyEventV2) => gate(() => handler(event), throttled);

  interface CallInit {
    body?: unknown;
    headers?: Record<string, string>;
    role?: 'organizer' | 'checkin';
    /** The address the request comes from. */
    client?: string;
    /**
     * A registration without an `altcha` field gets one solved from GET /api/challenge, as the
     * form does; false sends the body as it is.
     */
    solve?: boolean;
  }

  async function call(method: string, url: string, init: CallInit = {}) {
    const body = init.body as Record<string, unknown> | undefined;
    const solving =
      method === 'POST' &&
      url === '/api/registrations' &&
      init.solve !== false &&
      typeof body === 'object' &&
      body !== null &&
      !('altcha' in body);
    if (!solving) return send(method, url, init);
    // A burst from one address outgrows the difficulty of challenges fetched before it: ask again.
    for (let attempt = 1; ; attempt += 1) {
      const altcha = await solveFor(String(body.email ?? ''), init.client);
      const answer = await send(method, url, { ...init, body: { ...body, altcha } });
      if (!isTooEasy(answer.json) || attempt === maxSolveAttempts) return answer;
    }
  }

  /** The request as given, through the handlers. */
  async function send(method: string, url: string, init: CallInit) {
    const event: APIGatewayProxyEventV2 = apiEvent(method, url, {
      body:
        init.body === undefined
          ? undefined
          : typeof init.body === 'string'
            ? init.body
            : JSON.stringify(init.body),
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      ...(init.client ? { client: init.client } : {}),
    });
    if (init.role) withAuthorizerClaims(event, { 'cognito:groups': [init.role], sub: 'tester' });
    const response = await api(event);
    const text = typeof response.body === 'string' ? response.body : '';
    const isJson = /json/.test(String(response.headers?.['content-type'] ?? ''));
    return {
      status: response.statusCode,
      headers: response.headers ?? {},
      isBase64Encoded: response.isBase64Encoded === true,
      text,
      json: isJson && text ? JSON.parse(text) : undefined,
    };
  }

  /** A solution of a registration challenge for `email`, asked for from `client`, and the challenge's maxnumber. */
  async function solvedChallenge(email: string, client?: string) {
    const ask = () =>
      send('GET', `/api/challenge?${challengeQuery('registration', email)}`, client ? { client } : {});
    let answer = await ask();
    // Under load the gate turns requests away (503, retry-after) as in AWS: a patient client asks again.
    while (answer.status === 503) {
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
      answer = await ask();
    }
    if (answer.status !== 200)
      throw new Error(`GET /api/challenge answered ${answer.status}: ${answer.text}`);
    return { altcha: solutionPayload(answer.json), maxnumber: answer.json.maxnumber as number };
  }
  const solveFor = async (email: string, client?: string) => (await solvedChallenge(email, client)).altcha;

  /** Every item in the registrations table, for checks on what is stored. */
  async function items(): Promise<Array<Record<string, unknown>>> {
    const all: Array<Record<string, unknown>> = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await tables.inspectionClient.send(
        new ScanCommand({
          TableName: tables.tableNames.registrations,
          ExclusiveStartKey,
          ConsistentRead: true,
        }),
      );
      all.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return all;
  }

  async function outbox(registrationId: string) {
    const all = await items();
    return all
      .filter((item) => String(item.pk).startsWith('OUTBOX#'))
      .map((item) => item.message as { id: string; kind: string; registrationId: string; manageUrl?: string })
      .filter((message) => message.registrationId === registrationId)
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The store as a test reads it, with patient timeouts. */
  const inspect = new DynamoDbRegistrationStore(tables.inspectionClient, tables.tableNames.registrations);
  /** The audit trail as a test reads it, newest first. */
  const auditTrail = new DynamoDbAuditStore(tables.inspectionClient, tables.tableNames.audit);
  return {
    tables,
    store,
    inspect,
    auditTrail,
    context,
    call,
    solvedChallenge,
    items,
    outbox,
    dispose: tables.dispose,
  };
}

export const attendee = (overrides: Record<string, unknown> = {}) => ({
  category: 'delegate',
  name: 'Lin Test',
  email: `lin.${Math.random().toString(36).slice(2)}@example.org`,
  country: 'CN',
  language: 'en',
  ...consentsTo(testNoticeVersion),
  ...overrides,
});

/** The id and token in a manage URL's fragment. */
export function manageCredentials(manageUrl: string) {
  const [id = '', token = ''] = new URL(manageUrl).hash.slice(1).split('.');
  return { id, token, authorization: { authorization: `Bearer ${token}` } };
}

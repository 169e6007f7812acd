/**
 * Registration throughput and correctness under load, against the whole portal (`npm start`) on a
 * fresh data folder:
 * 1. registrations per second through POST /api/registrations, next to the same database requests
 *    sent straight to the same DynamoDB Local (the Idempotency-Key's hold, the category read and the
 *    six-item transaction that completes the hold): the ratio is what the API itself costs;
 * 2. 5,000 concurrent attempts at a capacity of 2,000: exactly 2,000 must be confirmed and 3,000
 *    waitlisted, by the answers, by the category counters and by the stored registrations.
 * Prints figures; exits 1 only when something is broken (a wrong count, an unexpected answer).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { idempotencyRecordId, requestHash, sealResponse } from '../functions/domain/idempotency.ts';
import { newId } from '../functions/domain/ids.ts';
import { messageFor } from '../functions/domain/registration-messages.ts';
import type { Registration } from '../functions/domain/registration-model.ts';
import { withRetries } from '../functions/domain/retry.ts';
import { idempotencyCompletionItem } from '../functions/store/dynamodb/idempotency-store.ts';
import { registrationKeys as keys, normalizeEmail } from '../functions/store/dynamodb/registration-keys.ts';
import {
  cancellationCodes,
  isRetryableCancellation,
} from '../functions/store/dynamodb/transaction-errors.ts';
import { tableNamesFrom } from '../functions/store/tables.ts';
import { signOrganizerToken } from '../local/organizer-tokens.ts';
import { type RunningPortal, startPortal } from '../test/support/portal-process.ts';
import { singleStepProofOfWorkEnvironment, solutionsFor } from '../test/support/proof-of-work.ts';
import { portalConsents } from '../test/support/registration-consents.ts';
import { type LoadResult, percentile, ratePerSecond, runConcurrently, sleep } from './support/load.ts';

// 600 rather than 2,000 per side: part 2 alone takes 2 to 2.5 minutes on 2 busy cores.
const throughput = { count: 600, concurrency: 32, warmUp: 60 };
const contention = { attempts: 5_000, capacity: 2_000, concurrency: 300 };
/** The API's ratio to raw transactions the project aims for. */
const ratioGoal = 0.7;
/**
 * A request still answered 503 after this many tries (well over a minute) counts as failed. At 300
 * in flight most tries are 503s, so a small limit would leave some attempts unregistered by chance.
 */
const maxTries = 100;

// `delegate` opens on 2027-06-01 (closed on the clock test portals start at, portalClockStart) and
// `media` needs approval; these two take registrations then and have no seat in use on fresh data.
const throughputCategory = 'speaker';
const contentionCategory = 'exhibitor';

const edition = '2027';
const table = tableNamesFrom({}).registrations;

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

// ---- output -------------------------------------------------------------------------------------

const row = (label: string, value: string, unit = '') =>
  console.log(`${label.padEnd(52)} ${value.padStart(15)}${unit ? ` ${unit}` : ''}`);
const whole = (value: number) => Math.round(value).toLocaleString('en-US');
const wholes = (...values: number[]) => values.map(whole).join(' / ');
const latencies = (result: LoadResult) =>
  wholes(percentile(result.latenciesMs, 50), percentile(result.latenciesMs, 99));

// Other work on a shared machine moves these figures a lot; the load average says how much.
const loadAverage = () => (loadavg()[0] ?? 0).toFixed(1);

const failures: string[] = [];
function check(ok: boolean, what: string) {
  if (!ok) failures.push(what);
}

// ---- the portal's API ---------------------------------------------------------------------------

interface Answers {
  confirmed: number;
  waitlisted: number;
  /** Every other final answer, by "status title", e.g. "409 Already Registered (retried)". */
  other: Map<string, number>;
  /** 503s that were sent again. */
  retries: number;
  /** Requests whose connection failed (no answer at all), sent again. */
  networkRetries: number;
  /** E-mails answered 409 Already Registered after a retry: perhaps their 503 did register them. */
  alreadyRegisteredOnRetry: string[];
}

const noAnswers = (): Answers => ({
  confirmed: 0,
  waitlisted: 0,
  other: new Map(),
  retries: 0,
  networkRetries: 0,
  alreadyRegisteredOnRetry: [],
});

/** Each e-mail's proof-of-work solution, solved before its load is timed (`registerMany`). */
const solutions = new Map<string, string>();

function registrationBody(category: string, email: string) {
  return JSON.stringify({
    altcha: solutions.get(email),
    category,
    name: 'Bench Registrant',
    email,
    country: 'CN',
    organization: 'Benchmark Lab',
    language: 'en',
    ...portalConsents,
  });
}

/** How long a 503 asks us to wait, with jitter so the retried requests do not all return at once. */
function retryDelayMs(response: Response): number {
  const seconds = Number(response.headers.get('retry-after') ?? 1);
  return (Number.isFinite(seconds) ? seconds : 1) * 1000 * (1 + Math.random() * 0.25);
}

/** The answer to one POST, or undefined when the connection failed before there was one. */
async function postRegistration(portal: RunningPortal, category: string, email: string, key: string) {
  try {
    return await fetch(new URL('/api/registrations', portal.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: registrationBody(category, email),
    });
  } catch (error) {
    // Mostly a keep-alive connection that the server closed just as it was reused: worth a retry.
    if (error instanceof TypeError && error.message === 'fetch failed') return undefined;
    throw error;
  }
}

/**
 * One registration as the registration page makes it: with one Idempotency-Key for all its tries,
 * retried after a 503, a 409 "in progress" (both carry retry-after) or a dropped connection, and
 * counted by its final answer. A 503 whose transaction committed after all is then answered by a
 * replay of the first answer; a retry answered 409 Already Registered would be a lost answer.
 */
async function register(portal: RunningPortal, answers: Answers, category: string, email: string) {
  const key = randomUUID();
  for (let tries = 1; ; tries += 1) {
    const response = await postRegistration(portal, category, email, key);
    if (!response && tries < maxTries) {
      answers.networkRetries += 1;
      continue;
    }
    if (response && (response.status === 503 || response.headers.has('retry-after')) && tries < maxTries) {
      answers.retries += 1;
      await response.body?.cancel();
      await sleep(retryDelayMs(response));
      continue;
    }
    const body = (await response?.json().catch(() => ({}))) as
      | { status?: string; title?: string }
      | undefined;
    if (response?.status === 201 && (body?.status === 'confirmed' || body?.status === 'waitlisted')) {
      answers[body.status] += 1;
      return;
    }
    if (tries > 1 && body?.title === 'Already Registered') answers.alreadyRegisteredOnRetry.push(email);
    const answer = response ? `${response.status} ${body?.title ?? body?.status ?? ''}` : 'no answer';
    const label = `${answer}${tries === maxTries ? ' (gave up)' : tries > 1 ? ' (retried)' : ''}`;
    answers.other.set(label, (answers.other.get(label) ?? 0) + 1);
    return;
  }
}

interface RegistrationLoad {
  category: string;
  count: number;
  concurrency: number;
  /** Makes each e-mail unique: `${emailPrefix}-${index}@example.org`. */
  emailPrefix: string;
}

async function registerMany(
  portal: RunningPortal,
  { category, count, concurrency, emailPrefix }: RegistrationLoad,
) {
  const answers = noAnswers();
  const email = (index: number) => `${emailPrefix}-${index}@example.org`;
  const solved = await solutionsFor(
    portal.url,
    Array.from({ length: count }, (_, index) => email(index)),
  );
  for (const [address, altcha] of solved) solutions.set(address, altcha);
  const load = await runConcurrently(count, concurrency, (index) =>
    register(portal, answers, category, email(index)),
  );
  return { answers, load };
}

async function adminRequest(
  portal: RunningPortal,
  token: string,
  method: string,
  path: string,
  body?: unknown,
) {
  const response = await fetch(new URL(path, portal.url), {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<unknown>;
}

const setCapacity = (portal: RunningPortal, token: string, category: string, capacity: number) =>
  adminRequest(portal, token, 'PUT', `/api/admin/categories/${category}`, { capacity });

interface CategoryFigures {
  capacity: number;
  confirmed: number;
  waitlisted: number;
}

async function categoryStats(portal: RunningPortal, token: string, category: string) {
  const stats = (await adminRequest(portal, token, 'GET', '/api/admin/stats')) as {
    categories: Record<string, CategoryFigures | undefined>;
  };
  const figures = stats.categories[category];
  if (!figures) throw new Error(`GET /api/admin/stats has no category ${category}`);
  return figures;
}

// ---- DynamoDB directly --------------------------------------------------------------------------

/**
 * The raw side writes under an edition of its own, so its items never show in the portal's lists,
 * statistics or outbox (the poller would try to mail them), yet land in the same indexes as the
 * portal's items and cost the same writes.
 */
const rawEdition = 'bench-raw';
const rawCategory = { id: 'raw', name: { en: 'Raw', zh: '原始' } };
const rawOutboxKey = 'BENCH-RAW';

/**
 * A client with the SDK's defaults, not the portal's 400 ms request timeout: the raw side is to show
 * what DynamoDB Local can do, and a transaction queued behind the others there for longer than
 * that still commits, so timing it out would only add waits and repeats to the figures.
 */
function directClient(endpoint: string): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** A category-like item whose counter the raw transactions increment, with room for all of them. */
async function createRawCategory(client: DynamoDBDocumentClient) {
  await client.send(
    new PutCommand({
      TableName: table,
      Item: {
        ...keys.category(rawEdition, rawCategory.id),
        id: rawCategory.id,
        edition: rawEdition,
        name: rawCategory.name,
        needsApproval: false,
        capacity: 1_000_000_000,
        confirmed: 0,
        waitlisted: 0,
        pending: 0,
        checkedIn: 0,
      },
    }),
  );
}

async function rawConfirmedCount(client: DynamoDBDocumentClient): Promise<number> {
  const { Item } = await client.send(
    new GetCommand({
      TableName: table,
      Key: keys.category(rawEdition, rawCategory.id),
      ConsistentRead: true,
    }),
  );
  return Number(Item?.confirmed);
}

/** Nine symbols like a check-in code's: the same size in the item and the key (no check symbol). */
const codeLike = () =>
  Array.from(randomBytes(9), (byte) => '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'.charAt(byte % 32)).join('');

/** What an Idempotency-Key costs the portal before the transaction: its hold, a conditional put. */
function rawIdempotencyHold(recordId: string, hash: string): PutCommand {
  const now = Date.now();
  return new PutCommand({
    TableName: table,
    Item: {
      ...keys.idempotency(recordId),
      state: 'in_progress',
      requestHash: hash,
      lockedUntil: now + 5_000,
      expiresAt: Math.floor(now / 1000) + 24 * 60 * 60,
    },
    ConditionExpression: 'attribute_not_exists(pk) OR (#state = :inProgress AND lockedUntil < :now)',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':inProgress': 'in_progress', ':now': now },
  });
}

interface RawIdempotency {
  key: string;
  recordId: string;
  requestHash: string;
}

/**
 * The six items the portal writes for a confirmed registration sent with an Idempotency-Key
 * (DynamoDbRegistrationStore.create): the registration, its e-mail and code claims, the category
 * counter under the open-seat condition, the outbox message, and the key's hold completed with the
 * sealed answer; same attributes, same conditions.
 */
function rawRegistrationItems(index: number, idempotency: RawIdempotency): TransactItem[] {
  const at = new Date().toISOString();
  const registration: Registration = {
    id: newId(),
    edition: rawEdition,
    category: rawCategory.id,
    status: 'confirmed',
    name: 'Bench Registrant',
    email: `raw-${index}@example.org`,
    country: 'CN',
    organization: 'Benchmark Lab',
    language: 'en',
    needsVisaLetter: false,
    code: codeLike(),
    createdAt: at,
    updatedAt: at,
  };
  const manageToken = randomBytes(32).toString('base64url');
  const message = messageFor('confirmed', registration, {
    category: rawCategory,
    edition: { id: registration.edition, name: rawCategory.name },
    at,
    manageUrl: `http://127.0.0.1:4321/registration/#${registration.id}.${manageToken}`,
  });
  const answer = { id: registration.id, code: registration.code, status: registration.status, manageToken };
  const claim = (key: Record<string, string>) => ({
    Put: {
      TableName: table,
      Item: { ...key, registrationId: registration.id },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });
  return [
    {
      Put: {
        TableName: table,
        Item: {
          ...keys.registration(registration.id),
          ...registration,
          manageTokenHash: randomBytes(32).toString('base64url'),
          editionKey: rawEdition,
          createdOrder: `${at}#${registration.id}`,
          searchText: `${registration.name} ${registration.email} ${registration.organization}`.toLowerCase(),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    claim(keys.email(rawEdition, registration.email)),
    claim(keys.code(registration.code)),
    {
      Update: {
        TableName: table,
        Key: keys.category(rawEdition, rawCategory.id),
        UpdateExpression: 'SET #counter = #counter + :one',
        ConditionExpression: 'attribute_exists(pk) AND #confirmed < #capacity AND #waitlisted = :zero',
        ExpressionAttributeNames: {
          '#counter': 'confirmed',
          '#confirmed': 'confirmed',
          '#capacity': 'capacity',
          '#waitlisted': 'waitlisted',
        },
        ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
      },
    },
    {
      Put: {
        TableName: table,
        Item: { ...keys.outbox(message.id), outboxKey: rawOutboxKey, outboxOrder: message.id, message },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    idempotencyCompletionItem(table, {
      recordId: idempotency.recordId,
      requestHash: idempotency.requestHash,
      sealedResponse: sealResponse(answer, idempotency.key, idempotency.recordId),
    }).item,
  ];
}

/**
 * Makes the database requests the portal makes for one registration with an Idempotency-Key: the
 * key's hold, then (retried exactly as the portal does, withRetries with jittered backoff, so both
 * sides pay for contention on the one counter item) the category read and the transaction.
 */
async function writeRawRegistration(
  client: DynamoDBDocumentClient,
  index: number,
  tally: { conflicts: number },
) {
  const key = randomUUID();
  const idempotency = {
    key,
    recordId: idempotencyRecordId(key, '127.0.0.1'),
    requestHash: requestHash(registrationBody(rawCategory.id, `raw-${index}@example.org`)),
  };
  await client.send(rawIdempotencyHold(idempotency.recordId, idempotency.requestHash));
  const items = rawRegistrationItems(index, idempotency);
  await withRetries(async (retry) => {
    await client.send(
      new GetCommand({
        TableName: table,
        Key: keys.category(rawEdition, rawCategory.id),
        ConsistentRead: true,
      }),
    );
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes || !isRetryableCancellation(codes)) throw error;
      tally.conflicts += 1;
      return retry;
    }
  });
}

async function writeRawMany(client: DynamoDBDocumentClient, count: number, firstIndex: number) {
  const tally = { conflicts: 0 };
  const load = await runConcurrently(count, throughput.concurrency, (index) =>
    writeRawRegistration(client, firstIndex + index, tally),
  );
  return { conflicts: tally.conflicts, load };
}

/** Statuses of the stored registrations of a category, read from the items, not the counters. */
async function storedStatuses(client: DynamoDBDocumentClient, category: string) {
  const counts = new Map<string, number>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'byEdition',
        KeyConditionExpression: 'editionKey = :edition',
        FilterExpression: 'category = :category',
        ProjectionExpression: '#status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':edition': edition, ':category': category },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const status = String(item.status);
      counts.set(status, (counts.get(status) ?? 0) + 1);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { confirmed: counts.get('confirmed') ?? 0, waitlisted: counts.get('waitlisted') ?? 0 };
}

/**
 * What became of the registrations whose client was told 409 Already Registered after a 503: each
 * was stored by the request that got the 503, so its answer, with the manage token, was lost.
 */
async function lostAnswers(client: DynamoDBDocumentClient, emails: readonly string[]) {
  const lost = { confirmed: 0, waitlisted: 0, count: emails.length };
  for (const email of emails) {
    const { Item: claim } = await client.send(
      new GetCommand({
        TableName: table,
        Key: keys.email(edition, normalizeEmail(email)),
        ConsistentRead: true,
      }),
    );
    const id = claim?.registrationId;
    if (typeof id !== 'string') continue;
    const { Item } = await client.send(
      new GetCommand({ TableName: table, Key: keys.registration(id), ConsistentRead: true }),
    );
    const status: unknown = Item?.status;
    if (status === 'confirmed' || status === 'waitlisted') lost[status] += 1;
  }
  return lost;
}

function printLostAnswers(lost: Awaited<ReturnType<typeof lostAnswers>>, indent: string) {
  if (!lost.count) return;
  row(`${indent}stored, yet answered 409 (lost answers)`, whole(lost.count));
  row(`${indent}  of which confirmed / waitlisted`, wholes(lost.confirmed, lost.waitlisted));
  failures.push(
    `${whole(lost.count)} registrations were stored although they were answered 503 ` +
      '(their retry got 409 Already Registered)',
  );
}

// ---- the two parts ------------------------------------------------------------------------------

function printRetries(answers: Answers, indent = '  ') {
  row(`${indent}503s retried`, whole(answers.retries));
  if (answers.networkRetries) row(`${indent}dropped connections retried`, whole(answers.networkRetries));
}

function printOtherAnswers(answers: Answers, label = 'answered') {
  for (const [answer, count] of answers.other) row(`${label} ${answer}`, whole(count));
}

async function apiVersusRaw(portal: RunningPortal, token: string, client: DynamoDBDocumentClient) {
  const { count, concurrency, warmUp } = throughput;
  await setCapacity(portal, token, throughputCategory, 100_000);
  await createRawCategory(client);

  // Both sides start warm: the JIT of DynamoDB Local and of the portal, sockets, the edition cache.
  const apiWarmUp = await registerMany(portal, {
    category: throughputCategory,
    count: warmUp,
    concurrency,
    emailPrefix: 'warm-up',
  });
  await writeRawMany(client, warmUp, 0);

  const api = await registerMany(portal, {
    category: throughputCategory,
    count,
    concurrency,
    emailPrefix: 'throughput',
  });
  const raw = await writeRawMany(client, count, warmUp);

  // Read back before printing: lost answers show as a gap between the answers and the counters.
  const expected = warmUp + count;
  const answeredConfirmed = apiWarmUp.answers.confirmed + api.answers.confirmed;
  const stats = await categoryStats(portal, token, throughputCategory);
  const rawConfirmed = await rawConfirmedCount(client);
  const lost = await lostAnswers(client, [
    ...apiWarmUp.answers.alreadyRegisteredOnRetry,
    ...api.answers.alreadyRegisteredOnRetry,
  ]);

  const apiRate = ratePerSecond(api.load);
  const rawRate = ratePerSecond(raw.load);
  console.log(
    `\nAPI vs the same DynamoDB requests sent directly: ${whole(count)} each, ${concurrency} in flight, after ${warmUp} warm-up each`,
  );
  row(`POST /api/registrations (${throughputCategory})`, whole(apiRate), 'registrations/s');
  row('  p50 / p99 latency', latencies(api.load), 'ms');
  printRetries(api.answers);
  printOtherAnswers(api.answers, '  answered');
  printOtherAnswers(apiWarmUp.answers, '  warm-up answered');
  row('  confirmed: answers / stats', wholes(answeredConfirmed, stats.confirmed), `(of ${whole(expected)})`);
  printLostAnswers(lost, '  ');
  row('raw: hold, category read, 6-item transaction', whole(rawRate), 'registrations/s');
  row('  p50 / p99 latency', latencies(raw.load), 'ms');
  row('  conflicts retried', whole(raw.conflicts));
  row('  counter', whole(rawConfirmed), `(of ${whole(expected)})`);
  row('API / raw', `${whole((apiRate / rawRate) * 100)} %`, `(goal ≥ ${ratioGoal * 100} %)`);

  // Every registration had a free seat, so anything but "confirmed" is a bug, not load.
  check(
    answeredConfirmed === expected,
    `API: ${whole(answeredConfirmed)} of ${whole(expected)} answered confirmed`,
  );
  check(stats.confirmed === expected, `API: stats count ${stats.confirmed} confirmed, expected ${expected}`);
  check(rawConfirmed === expected, `raw: counter at ${rawConfirmed}, expected ${expected}`);
}

async function capacityUnderContention(portal: RunningPortal, token: string, client: DynamoDBDocumentClient) {
  const { attempts, capacity, concurrency } = contention;
  await setCapacity(portal, token, contentionCategory, capacity);
  const { answers, load } = await registerMany(portal, {
    category: contentionCategory,
    count: attempts,
    concurrency,
    emailPrefix: 'contention',
  });
  const stats = await categoryStats(portal, token, contentionCategory);
  const stored = await storedStatuses(client, contentionCategory);
  const lost = await lostAnswers(client, answers.alreadyRegisteredOnRetry);

  console.log(
    `\n${whole(attempts)} attempts at capacity ${whole(capacity)} (${contentionCategory}), ${concurrency} in flight`,
  );
  row('wall time', (load.wallMs / 1000).toFixed(1), 's');
  row('registrations', whole(ratePerSecond(load)), '/s');
  row('p50 / p99 latency', latencies(load), 'ms');
  row('confirmed: answers / stats / stored', wholes(answers.confirmed, stats.confirmed, stored.confirmed));
  row(
    'waitlisted: answers / stats / stored',
    wholes(answers.waitlisted, stats.waitlisted, stored.waitlisted),
  );
  printRetries(answers, '');
  printOtherAnswers(answers);
  printLostAnswers(lost, '');

  const waitlisted = attempts - capacity;
  for (const [source, figures] of Object.entries({ answers, stats, stored })) {
    check(
      figures.confirmed === capacity && figures.waitlisted === waitlisted,
      `contention: ${source} count ${figures.confirmed} confirmed and ${figures.waitlisted} waitlisted, ` +
        `expected ${capacity} and ${waitlisted}`,
    );
  }
}

// ---- run ----------------------------------------------------------------------------------------

const dataDirectories: string[] = [];

/**
 * Starts the portal on a fresh data folder, a second time if the first start fails: on a busy
 * machine its seeding can outlast the 400 ms DynamoDB timeout, which is not what is measured here.
 */
async function startOnFreshData(): Promise<{ portal: RunningPortal; dataDirectory: string }> {
  for (let attempt = 1; ; attempt += 1) {
    const dataDirectory = await mkdtemp(join(tmpdir(), 'bench-registrations-'));
    dataDirectories.push(dataDirectory);
    try {
      return {
        portal: await startPortal({ DATA_DIR: dataDirectory, ...singleStepProofOfWorkEnvironment }),
        dataDirectory,
      };
    } catch (error) {
      if (attempt === 2) throw error;
      const lines = String(error).split('\n');
      const reason =
        lines
          .slice(1)
          .find((line) => /Error\b/.test(line))
          ?.trim() ?? lines[0];
      console.log(`portal did not start (${reason}); starting it again`);
    }
  }
}

let portal: RunningPortal | undefined;
let client: DynamoDBDocumentClient | undefined;
try {
  const started = performance.now();
  const fresh = await startOnFreshData();
  portal = fresh.portal;
  console.log(`registrations (fresh data, portal ready in ${whole((performance.now() - started) / 1000)} s)`);
  row(`load average before (1 min, ${availableParallelism()} cores)`, loadAverage());
  const token = await signOrganizerToken(fresh.dataDirectory, 'organizer');
  client = directClient(portal.databaseEndpoint);
  await apiVersusRaw(portal, token, client);
  await capacityUnderContention(portal, token, client);
} catch (error) {
  failures.push(String(error).split('\n')[0] ?? 'unknown error');
  console.error(error);
} finally {
  client?.destroy();
  await portal?.stop();
  for (const directory of dataDirectories) await rm(directory, { recursive: true, force: true });
}

row('load average after (1 min)', loadAverage());
for (const failure of failures) console.log(`FAILED: ${failure}`);
process.exitCode = failures.length ? 1 : 0;

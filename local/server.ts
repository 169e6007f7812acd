/**
 * `npm start`: the whole portal in one Node process. Pages come from the Astro node server,
 * /api/* from the Lambda handlers behind a local API Gateway, data from DynamoDB Local.
 */
import './terminal-logs.ts';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import compression from 'compression';
import { currentEdition, loadEditions } from '../content/load.ts';
import { applyRetention, shredReviews } from '../functions/domain/retention.ts';
import {
  registrationContexts,
  useClock,
  useMailCopies,
  venueDependencies,
} from '../functions/handlers/wiring.ts';
import { createEmlDirectoryTransport } from '../functions/mail/eml-directory-transport.ts';
import {
  createDocumentClient,
  dynamoDbSettingsFrom,
  localTimeouts,
} from '../functions/store/dynamodb/client.ts';
import { DynamoDbOutboxStore } from '../functions/store/dynamodb/outbox-store.ts';
import { tableNamesFrom } from '../functions/store/tables.ts';
import { securityHeaders } from '../site/security-headers.ts';
import { answerLogVariable, answerRecorder } from './answer-recorder.ts';
import { createApiGateway } from './api-gateway.ts';
import { bootstrapData } from './bootstrap-data.ts';
import { JavaMissingError, requireJava, startDynamoDbLocal } from './dynamodb-local.ts';
import { localClock } from './local-clock.ts';
import { localSecret } from './local-secret.ts';
import { organizerTokenVerifier } from './organizer-tokens.ts';
import { startOutboxPoller } from './outbox-poller.ts';
import { describeShredReport } from './retention-report.ts';
import { say } from './server-log.ts';
import { buildSite, isSiteBuildStale, siteEntry } from './site-build.ts';
import { isPlainSitePath } from './site-path.ts';

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? '127.0.0.1';
const dataDirectory = resolve(process.env.DATA_DIR ?? '.data');
const now = localClock(process.env);
useClock(now);

// Until the portal is up, a stop signal just exits: the 'exit' hook of startDynamoDbLocal then
// kills the JVM, which a signal's default action would leave running on its own.
const exitWhileStarting = () => process.exit(1);
process.once('SIGINT', exitWhileStarting);
process.once('SIGTERM', exitWhileStarting);

try {
  requireJava();
} catch (error) {
  if (!(error instanceof JavaMissingError)) throw error;
  console.error(error.message);
  process.exit(1);
}

if (await isSiteBuildStale()) {
  say('info', 'Building the site…');
  await buildSite();
}

const databaseDirectory = join(dataDirectory, 'dynamodb');
await mkdir(databaseDirectory, { recursive: true });
const database = await startDynamoDbLocal({ dataDirectory: databaseDirectory });

// The handlers read their configuration from the environment, as they do in Lambda.
process.env.DYNAMODB_ENDPOINT = database.endpoint;
process.env.DYNAMODB_REQUEST_TIMEOUT_MS ??= String(localTimeouts.requestTimeoutMs);
process.env.DYNAMODB_MAX_ATTEMPTS ??= String(localTimeouts.maxAttempts);
process.env.AWS_REGION ??= 'us-east-1';
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
process.env.AUDIT_ADDRESS_KEY ??= await localSecret(dataDirectory, 'audit/address-key');
process.env.PROOF_OF_WORK_SECRET ??= await localSecret(dataDirectory, 'auth/proof-of-work-secret');
const seeded = await bootstrapData(dynamoDbSettingsFrom(process.env), tableNamesFrom(process.env));

const { handler: site } = (await import(pathToFileURL(siteEntry).href)) as { handler: NodeHandler };
// The site's own 404 page, for paths that are no page of it although the file server would map them
// to one (see isPlainSitePath): answered, not redirected, so no Location is ever built from them.
const notFoundPage = await readFile(join(dirname(siteEntry), '../client/404.html'));
const notFound: NodeHandler = (_req, res) => {
  res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
  res.end(notFoundPage);
};
// Test runs name a folder: each answer is recorded there and checked against the contract afterwards.
const answerLog = process.env[answerLogVariable];
const api = createApiGateway(
  await organizerTokenVerifier(dataDirectory),
  answerLog ? answerRecorder(answerLog) : undefined,
);

const outboxDirectory = join(dataDirectory, 'outbox');
const mailClient = createDocumentClient(dynamoDbSettingsFrom(process.env));
const localMail = createEmlDirectoryTransport(outboxDirectory);
useMailCopies(localMail);
const outboxPoller = startOutboxPoller({
  transport: localMail,
  outbox: new DynamoDbOutboxStore(mailClient, tableNamesFrom(process.env).registrations),
  from: process.env.MAIL_FROM ?? 'WIC Wuzhen <registration@wuzhen-portal.invalid>',
  // Read when a message is sent: the origin is known only once the server listens (below).
  get siteOrigin() {
    return process.env.SITE_ORIGIN ?? '';
  },
  now,
});

// The headers CloudFront adds in AWS, on every answer as there (the API's too: nosniff and the CSP
// guard the ticket SVG). Locally organizers use `npm run token`; SIGN_IN_ORIGIN admits a hosted UI
// (a dev user pool's, or a test's stand-in) exactly as the CloudFront policy admits the stack's.
const headers = Object.entries(securityHeaders({ signInOrigin: process.env.SIGN_IN_ORIGIN }));

// CloudFront compresses the site's pages, stylesheets and scripts (brotli or gzip, as the browser
// asks) but not the API's answers, which it does not cache; the local server does the same, so
// Lighthouse sees what visitors get. Its types speak of Express, but it reads and patches only
// Node's own request and response.
const compress = compression() as unknown as (
  req: IncomingMessage,
  res: ServerResponse,
  next: () => void,
) => void;

let inFlight = 0;
const server = createServer((req, res) => {
  inFlight += 1;
  res.once('close', () => {
    inFlight -= 1;
  });
  for (const [name, value] of headers) res.setHeader(name, value);
  if (req.url === '/api' || req.url?.startsWith('/api/')) {
    api(req, res).catch((error: unknown) => {
      console.error('local gateway failed:', error instanceof Error ? error.name : error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/problem+json' });
      res.end();
    });
  } else {
    compress(req, res, () => (isPlainSitePath(req.url ?? '') ? site : notFound)(req, res));
  }
});

let stopping = false;
/** Stops taking connections; requests already in flight get up to `drainMs` to answer (503 if the database is gone). */
async function stop(exitCode: number, drainMs = 0) {
  if (stopping) return;
  stopping = true;
  outboxPoller.stop();
  server.close();
  const drainUntil = Date.now() + drainMs;
  while (inFlight > 0 && Date.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 20));
  server.closeAllConnections();
  await database.stop();
  process.exit(exitCode);
}

process.off('SIGINT', exitWhileStarting);
process.off('SIGTERM', exitWhileStarting);
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
void database.exited.then(() => {
  if (stopping) return;
  say('error', 'DynamoDB Local stopped unexpectedly; shutting down.');
  void stop(1, 2000);
});

/**
 * The retention rule on every start, by the local clock: editions past their period are anonymised
 * in the background (bounded batches; what remains waits for the next start or `npm run shred`).
 */
async function applyRetentionOnStart() {
  try {
    const editions = await loadEditions();
    const reports = await applyRetention(await registrationContexts()(), editions);
    for (const report of reports.filter(({ due, found }) => due && found > 0)) {
      say('info', `  retention: ${describeShredReport(report)}`);
    }
    const days = currentEdition(editions).personalDataRetentionDays;
    const reviews = await shredReviews(venueDependencies(), days);
    if (reviews.anonymised) {
      say(
        'info',
        `  retention: ${reviews.anonymised} reviews posted before ${reviews.postedBefore} anonymised`,
      );
    }
  } catch (error) {
    say('error', 'retention rule failed, will run at the next start', { error });
  }
}

server.listen(port, host, () => {
  const { port: actualPort } = server.address() as AddressInfo;
  // Links in messages (the manage link) point back to this server unless a deployment says otherwise.
  process.env.SITE_ORIGIN ??= `http://${host}:${actualPort}`;
  say('info', `Wuzhen portal: http://${host}:${actualPort}/`);
  say('info', `  data: ${databaseDirectory} (DynamoDB Local pid ${database.pid} at ${database.endpoint})`);
  say('info', `  content: ${seeded.venues} venues and ${seeded.categories} registration categories seeded`);
  say('info', `  mail: written as .eml files to ${outboxDirectory}`);
  void applyRetentionOnStart();
  say('info', '  organizer token: npm run token -- --role organizer');
  say('info', '  stop with Ctrl+C');
});

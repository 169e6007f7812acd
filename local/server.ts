/**
 * `npm start`: the whole portal in one Node process. Pages come from the Astro node server,
 * /api/* from the Lambda handlers behind a local API Gateway, data from DynamoDB Local.
 * `npm start -- --bundled` runs the functions as they ship instead: the esbuild bundles the stack
 * deploys, each in a worker of its own (local/bundled-functions.ts), the content seeded by the seed
 * bundle as the deployment's trigger invokes it, the outbox sent by the mailer bundle fed stream
 * records, through a local stand-in for SES.
 */
import './terminal-logs.ts';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import compression from 'compression';
import { currentEdition, loadEditions } from '../content/load.ts';
import { applyRetention, shredReviews } from '../functions/domain/retention.ts';
import {
  checkinSigningKeys,
  registrationContexts,
  useClock,
  useMailCopies,
  venueDependencies,
} from '../functions/handlers/wiring.ts';
import { createEmlDirectoryTransport } from '../functions/mail/eml-directory-transport.ts';
import {
  createDocumentClient,
  createDynamoDbClient,
  dynamoDbSettingsFrom,
  localTimeouts,
} from '../functions/store/dynamodb/client.ts';
import { DynamoDbOutboxStore } from '../functions/store/dynamodb/outbox-store.ts';
import { DynamoDbRegistrationStore } from '../functions/store/dynamodb/registration-store.ts';
import { tableNamesFrom } from '../functions/store/tables.ts';
import { siteCacheControl } from '../site/cache-control.ts';
import { securityHeaders } from '../site/security-headers.ts';
import { answerLogVariable, answerRecorder } from './answer-recorder.ts';
import { createApiGateway } from './api-gateway.ts';
import { bootstrapData, createMissingTables } from './bootstrap-data.ts';
import { bundledFunctions } from './bundled-functions.ts';
import { JavaMissingError, requireJava, startDynamoDbLocal } from './dynamodb-local.ts';
import { bundleDeployedFunctions, defaultBundlesDirectory } from './function-bundles.ts';
import { localClock } from './local-clock.ts';
import { localSecret } from './local-secret.ts';
import { organizerTokenVerifier } from './organizer-tokens.ts';
import { startOutboxPoller } from './outbox-poller.ts';
import { startOutboxStream } from './outbox-stream.ts';
import { describeShredReport } from './retention-report.ts';
import { say } from './server-log.ts';
import { startSesStandIn } from './ses-stand-in.ts';
import { buildSite, isSiteBuildStale, siteEntry } from './site-build.ts';
import { isPlainSitePath } from './site-path.ts';
import { triggerInvocationEvent } from './trigger-event.ts';

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? '127.0.0.1';
const dataDirectory = resolve(process.env.DATA_DIR ?? '.data');
const now = localClock(process.env);
useClock(now);
const bundled = process.argv.includes('--bundled');

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
process.env.PHOTO_VIEW_SECRET ??= await localSecret(dataDirectory, 'auth/photo-view-secret');
process.env.CHECKIN_SIGNING_SECRET ??= await localSecret(dataDirectory, 'auth/checkin-signing-secret');
// Photos as the S3 bucket keeps them in AWS: staged/ and requests/, one file per photo.
process.env.PHOTO_DIRECTORY ??= join(dataDirectory, 'uploads');
const defaultMailFrom = 'WIC Wuzhen <registration@wuzhen-portal.invalid>';
const outboxDirectory = join(dataDirectory, 'outbox');

// Prebuilt bundles (BUNDLES_DIR: the tests build them once per run), or bundled now.
const bundlesDirectory = process.env.BUNDLES_DIR ?? defaultBundlesDirectory;
if (bundled && !process.env.BUNDLES_DIR) {
  say('info', 'Bundling the functions…');
  await bundleDeployedFunctions(bundlesDirectory);
}
const sesStandIn = bundled ? await startSesStandIn(outboxDirectory) : undefined;
const functions = bundled
  ? bundledFunctions({
      bundlesDirectory,
      clockOffsetMs: now().getTime() - Date.now(),
      // The SDK clients of a function sign with the role's credentials in AWS; any will do locally.
      environment: {
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_EC2_METADATA_DISABLED: 'true',
        MAIL_FROM: process.env.MAIL_FROM ?? defaultMailFrom,
        ...(sesStandIn ? { AWS_ENDPOINT_URL_SESV2: sesStandIn.endpoint } : {}),
      },
    })
  : undefined;
const seeded = functions
  ? await createMissingTables(dynamoDbSettingsFrom(process.env), tableNamesFrom(process.env)).then(
      () => functions.invoke('seed', triggerInvocationEvent) as ReturnType<typeof bootstrapData>,
    )
  : await bootstrapData(dynamoDbSettingsFrom(process.env), tableNamesFrom(process.env));

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
  functions && ((fn, event) => functions.invoke(fn, event) as Promise<APIGatewayProxyResultV2>),
);

/** The outbox, sent as .eml files: by the mailer bundle on stream records, or by the same code from source. */
function startMail() {
  if (functions) {
    return startOutboxStream({
      client: createDynamoDbClient(dynamoDbSettingsFrom(process.env)),
      tableName: tableNamesFrom(process.env).registrations,
      region: process.env.AWS_REGION ?? 'us-east-1',
      deliver: (event) => functions.invoke('mailer', event),
    });
  }
  const localMail = createEmlDirectoryTransport(outboxDirectory);
  useMailCopies(localMail);
  return startOutboxPoller({
    transport: localMail,
    outbox: new DynamoDbOutboxStore(
      createDocumentClient(dynamoDbSettingsFrom(process.env)),
      tableNamesFrom(process.env).registrations,
    ),
    from: process.env.MAIL_FROM ?? defaultMailFrom,
    // Read when a message is sent: the origin is known only once the server listens (below).
    get siteOrigin() {
      return process.env.SITE_ORIGIN ?? '';
    },
    signingKey: checkinSigningKeys,
    async currentEdition() {
      const edition = await new DynamoDbRegistrationStore(
        createDocumentClient(dynamoDbSettingsFrom(process.env)),
        tableNamesFrom(process.env).registrations,
      ).currentEdition();
      if (!edition) throw new Error('no current edition: the content has not been seeded');
      return edition.id;
    },
    now,
  });
}

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
    // As CloudFront sends it (site/cache-control.ts); the static handler keeps a Cache-Control already set.
    res.setHeader('Cache-Control', siteCacheControl(new URL(req.url ?? '/', 'http://site').pathname));
    compress(req, res, () => (isPlainSitePath(req.url ?? '') ? site : notFound)(req, res));
  }
});

let outboxDelivery: ReturnType<typeof startMail> | undefined;
let stopping = false;
/** Stops taking connections; requests already in flight get up to `drainMs` to answer (503 if the database is gone). */
async function stop(exitCode: number, drainMs = 0) {
  if (stopping) return;
  stopping = true;
  outboxDelivery?.stop();
  sesStandIn?.stop();
  server.close();
  const drainUntil = Date.now() + drainMs;
  while (inFlight > 0 && Date.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 20));
  server.closeAllConnections();
  await functions?.stop();
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
  // The bundled functions take their environment when they start, so the mail starts once it is known.
  outboxDelivery = startMail();
  say('info', `Wuzhen portal: http://${host}:${actualPort}/`);
  if (bundled) say('info', `  functions: the bundles in ${bundlesDirectory}`);
  say('info', `  data: ${databaseDirectory} (DynamoDB Local pid ${database.pid} at ${database.endpoint})`);
  say('info', `  content: ${seeded.venues} venues and ${seeded.categories} registration categories seeded`);
  if (seeded.removedVenues > 0) {
    say(
      'info',
      `  removed: ${seeded.removedVenues} venues no longer in content, with their ${seeded.removedReviews} reviews`,
    );
  }
  say('info', `  mail: written as .eml files to ${outboxDirectory}`);
  void applyRetentionOnStart();
  say('info', '  organizer token: npm run token -- --role organizer (or checkin, resident-affairs)');
  say('info', '  stop with Ctrl+C');
});

/**
 * Creating a resident's request with one 1 MB photo (issue 15), through the residentAffairs
 * function's handler as API Gateway calls it, on DynamoDB Local and the filesystem photo store:
 * the upload (POST /api/resident-affairs/photos: check, strip, stage) then the request
 * (POST /api/open311/v2/requests.json with its media_ids and a proof-of-work solution: copy the
 * photo under the request, write it in one transaction, drop the staged copy). Prints p50 and p99
 * of each step and of both; exits 1 only when a request was not created or its photo not kept.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { residentAffairsRoutes } from '../functions/api/resident-affairs.ts';
import { open311Contract } from '../functions/contract/open311.ts';
import { residentAffairsContract } from '../functions/contract/resident-affairs.ts';
import { routeHandler } from '../functions/http/route-handler.ts';
import { createDocumentClient, createDynamoDbClient } from '../functions/store/dynamodb/client.ts';
import { DynamoDbIdempotencyStore } from '../functions/store/dynamodb/idempotency-store.ts';
import { DynamoDbRateLimiter } from '../functions/store/dynamodb/rate-limiter.ts';
import { DynamoDbResidentAffairsStore } from '../functions/store/dynamodb/resident-affairs-store.ts';
import { ensureTables } from '../functions/store/dynamodb/table-setup.ts';
import { createFilesystemPhotoStore } from '../functions/store/filesystem/photo-store.ts';
import { tableNamesFrom } from '../functions/store/tables.ts';
import { logger } from '../functions/telemetry/telemetry.ts';
import { matchRoute } from '../local/api-gateway.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { toApiGatewayEvent } from '../local/gateway-event.ts';
import { localSolution, testProofOfWork } from '../test/support/proof-of-work.ts';
import { percentile, runConcurrently } from './support/load.ts';
import { tableLines } from './support/table.ts';

// One log line per request would bury the figures: only warnings and errors.
logger.setLogLevel('WARN');

const requests = 200;
const concurrency = 4;
const photoBytes = 1024 * 1024;

/** A noisy photo (noise does not compress) re-encoded until it is about 1 MB, as a phone's might be. */
async function megabytePhoto(): Promise<Buffer> {
  let side = 1000;
  for (;;) {
    const bytes = await sharp({
      create: {
        width: side,
        height: Math.round(side * 0.75),
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 50 },
      },
    })
      .jpeg({ quality: 80 })
      .toBuffer();
    if (Math.abs(bytes.length - photoBytes) < photoBytes * 0.05) return bytes;
    side = Math.round(side * Math.sqrt(photoBytes / bytes.length));
  }
}

function event(method: string, url: string, body: Buffer | string, contentType: string, client: string) {
  const match = matchRoute(method, url);
  if (!match || !('route' in match)) throw new Error(`no route for ${method} ${url}`);
  return toApiGatewayEvent(
    {
      method,
      url,
      headers: { host: '127.0.0.1', 'content-type': contentType },
      body: Buffer.from(body),
      sourceIp: client,
      httpVersion: '1.1',
    },
    match.route,
  );
}

const ms = (value: number) => value.toFixed(1);

const database = await startDynamoDbLocal();
const photoDirectory = await mkdtemp(join(tmpdir(), 'bench-affairs-photos-'));
let broken = 0;
try {
  const settings = { endpoint: database.endpoint, region: 'us-east-1', requestTimeoutMs: 10_000 };
  const tableNames = tableNamesFrom({}, 'bench-affairs-create-');
  await ensureTables(createDynamoDbClient(settings), tableNames);
  const client = createDocumentClient(settings);
  const table = tableNames.residentAffairs;
  const handler = routeHandler(
    { ...open311Contract, ...residentAffairsContract },
    residentAffairsRoutes({
      store: new DynamoDbResidentAffairsStore(client, table),
      idempotency: new DynamoDbIdempotencyStore(client, table),
      rateLimiter: new DynamoDbRateLimiter(client, table),
      photos: createFilesystemPhotoStore({ directory: photoDirectory }),
      photoViewSecret: async () => 'bench photo view key',
      proofOfWork: testProofOfWork(client, table),
      findLandmark: async () => undefined,
      siteOrigin: 'http://127.0.0.1:4321',
      firstResponseTargetMinutes: 30,
      now: () => new Date(),
    }),
  );
  const photo = await megabytePhoto();
  const upload: number[] = [];
  const create: number[] = [];
  const run = await runConcurrently(requests, concurrency, async (index) => {
    // One address each, as residents are: the upload rate limit is per address.
    const address = `10.0.${Math.floor(index / 250)}.${index % 250}`;
    const altcha = localSolution({ purpose: 'resident-request' });
    let started = performance.now();
    const uploaded = await handler(
      event('POST', '/api/resident-affairs/photos', photo, 'image/jpeg', address),
    );
    upload.push(performance.now() - started);
    if (uploaded.statusCode !== 201)
      throw new Error(`upload answered ${uploaded.statusCode}: ${uploaded.body}`);
    const { upload_id } = JSON.parse(uploaded.body ?? '{}') as { upload_id: string };
    const body = JSON.stringify({
      service_code: 'blocked-vehicle',
      attribute: { blocking: 'lane' },
      lat: 30.7452,
      long: 120.4871,
      description: 'A van blocks the lane to the market.',
      media_ids: [upload_id],
      altcha,
    });
    started = performance.now();
    const created = await handler(
      event('POST', '/api/open311/v2/requests.json', body, 'application/json', address),
    );
    create.push(performance.now() - started);
    if (created.statusCode !== 201) throw new Error(`create answered ${created.statusCode}: ${created.body}`);
  });
  const kept = await readdir(join(photoDirectory, 'requests'));
  const staged = await readdir(join(photoDirectory, 'staged')).catch(() => []);
  if (kept.length !== requests || staged.length !== 0) {
    broken += 1;
    console.error(
      `expected ${requests} requests' photos and none staged, found ${kept.length} and ${staged.length}`,
    );
  }
  const both = run.latenciesMs;
  console.log(
    `${requests} requests, each with one ${(photo.length / 1024 / 1024).toFixed(2)} MB JPEG, ${concurrency} at a time, through the handler (DynamoDB Local, photos on disk):`,
  );
  console.log(
    tableLines(
      ['step', 'p50 ms', 'p99 ms'],
      [
        ['upload (check, strip, stage)', ms(percentile(upload, 50)), ms(percentile(upload, 99))],
        ['POST requests.json (attach, write)', ms(percentile(create, 50)), ms(percentile(create, 99))],
        ['both', ms(percentile(both, 50)), ms(percentile(both, 99))],
      ],
    ).join('\n'),
  );
} finally {
  await database.stop();
  await rm(photoDirectory, { recursive: true, force: true });
}
process.exit(broken ? 1 : 0);

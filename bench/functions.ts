/**
 * What each Lambda function costs to ship and to start: bundled with esbuild exactly as the CDK
 * stack bundles it (infra/function-bundling.ts), then
 * - its size: the bundle, gzipped, the deployment zip (bundle and source map, as the CDK CLI zips
 *   an asset folder: deflate level 6 plus zip headers) and the source map on its own;
 * - its cold start on this machine's Node 24: in a fresh process, `await import()` of the bundle (the
 *   module scope: SDK clients are created, nothing is sent), the same with --enable-source-maps, and
 *   two handler calls with an event answered without the database (a 404 route, a 400 body or an
 *   empty stream batch). The children get fake credentials and a DynamoDB endpoint on a closed port
 *   (127.0.0.1:9), so nothing leaves the machine;
 * - its first call that reaches the database: in other fresh processes, a read each API function
 *   serves, against an in-memory DynamoDB Local whose tables this benchmark creates and seeds with
 *   content/ as `npm start` does;
 * - each function against the issue 13 budgets: at most 250 KB (KB = 1,024 bytes) in index.mjs, and
 *   an import at most 1.2 times the health function's in the same run.
 * Median of 5 fresh processes per function, after one warm-up process that is not counted; the runs
 * take the functions in turn, so that other load on the machine weighs on each alike.
 * The bundles stay in .data/bench-functions/ (git-ignored): under the project root, so that their
 * `@aws-sdk/*` imports, which the Lambda runtime provides, resolve from node_modules.
 */
import { spawnSync } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { version as esbuildVersion } from 'esbuild';
import { apiFunctions } from '../functions/routes.ts';
import { dynamoDbSettingsFrom } from '../functions/store/dynamodb/client.ts';
import { tableNamesFrom } from '../functions/store/tables.ts';
import { bootstrapData } from '../local/bootstrap-data.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { bundleFunction, deployedFunctions } from '../local/function-bundles.ts';
import { type MatchedRoute, toApiGatewayEvent, withAuthorizerClaims } from '../local/gateway-event.ts';
import { tableLines } from './support/table.ts';

const root = join(import.meta.dirname, '..');
const outRoot = join(root, '.data', 'bench-functions');
const runner = join(import.meta.dirname, 'support', 'function-init.ts');
const runs = 5;

function apiEvent(
  method: string,
  path: string,
  route: MatchedRoute,
  body?: unknown,
  claims?: Record<string, unknown>,
) {
  const event = toApiGatewayEvent(
    {
      method,
      url: path,
      headers: {
        host: 'bench.example.org',
        'user-agent': 'bench',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
      sourceIp: '192.0.2.1',
      httpVersion: '1.1',
    },
    route,
  );
  if (claims) withAuthorizerClaims(event, claims);
  return event;
}

const organizerClaims = { sub: 'bench', 'cognito:groups': ['organizer'] };

const unknownRoute = () =>
  apiEvent('GET', '/api/no-such-route', { routeKey: 'GET /api/no-such-route', pathParameters: {} });

/** Events each function answers from its own code, never reaching DynamoDB or SES. */
const events: Record<string, unknown> = {
  health: unknownRoute(),
  venues: apiEvent(
    'POST',
    '/api/venues/bench/reviews',
    { routeKey: 'POST /api/venues/{id}/reviews', pathParameters: { id: 'bench' } },
    {},
  ),
  registrations: apiEvent(
    'POST',
    '/api/registrations',
    { routeKey: 'POST /api/registrations', pathParameters: {} },
    {},
  ),
  organizer: apiEvent(
    'PUT',
    '/api/admin/categories/bench',
    { routeKey: 'PUT /api/admin/categories/{id}', pathParameters: { id: 'bench' } },
    { capacity: -1 },
    organizerClaims,
  ),
  mailer: { Records: [] },
};
/** An API function added later still answers an unknown route without the database; a seed is import only. */
const eventFor = (name: string) => events[name] ?? (name in apiFunctions ? unknownRoute() : undefined);

/**
 * A read each API function serves from the seeded tables. The mailer's first database call follows
 * a message sent through SES, and the seed reads its content beside its bundle: neither has one here.
 */
const databaseEvents: Record<string, unknown> = {
  health: apiEvent('GET', '/api/health', { routeKey: 'GET /api/health', pathParameters: {} }),
  venues: apiEvent('GET', '/api/venues?category=restaurant&openNow=true', {
    routeKey: 'GET /api/venues',
    pathParameters: {},
  }),
  registrations: apiEvent('GET', '/api/categories', { routeKey: 'GET /api/categories', pathParameters: {} }),
  organizer: apiEvent(
    'GET',
    '/api/admin/stats',
    { routeKey: 'GET /api/admin/stats', pathParameters: {} },
    undefined,
    organizerClaims,
  ),
};

/** Issue 13's budgets for every serving function: bytes loaded, and import time relative to health's. */
const budgets = { bundleBytes: 250 * 1024, importOfHealth: 1.2 };

const childEnv = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'x',
  AWS_SECRET_ACCESS_KEY: 'x',
  AWS_EC2_METADATA_DISABLED: 'true',
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
  MAIL_FROM: 'Bench <bench@example.org>',
  SITE_ORIGIN: 'https://bench.example.org',
};

interface Timings {
  importMs: number;
  firstCallMs?: number;
  secondCallMs?: number;
  answer?: string;
}

function measure(
  bundle: string,
  event: unknown,
  nodeOptions: string[],
  env: Record<string, string> = childEnv,
): Timings & { processMs: number } {
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [...nodeOptions, runner, bundle, event === undefined ? '-' : JSON.stringify(event)],
    { env, encoding: 'utf8', timeout: 30_000 },
  );
  const processMs = performance.now() - started;
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !last.startsWith('{')) {
    throw new Error(`${relative(root, bundle)}: the child failed (${child.status})\n${child.stderr}`);
  }
  return { ...(JSON.parse(last) as Timings), processMs };
}

/** Bytes of a file as yazl (the CDK CLI's zip) stores it: local header, central entry, deflate level 6. */
const zipEntryBytes = (name: string, data: Buffer) =>
  30 + 46 + 2 * Buffer.byteLength(name) + deflateRawSync(data, { level: 6 }).length;

/** The largest contributors to a bundle: npm packages by name, the project's own files together. */
function contributors(inputs: Record<string, { bytesInOutput: number }>): string {
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const inPackage = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
    const owner = inPackage ?? 'project code';
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + bytesInOutput);
  }
  return [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([owner, bytes]) => `${owner} ${(bytes / 1024).toFixed(0)} KB`)
    .join(', ');
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const ms = (values: Array<number | undefined>) => {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length ? median(known).toFixed(1) : '—';
};

await rm(outRoot, { recursive: true, force: true });

const database = await startDynamoDbLocal();
const databaseEnv = {
  ...childEnv,
  DYNAMODB_ENDPOINT: database.endpoint,
  // Patient attempts: the figure is the first call's, not DynamoDB Local's slowest answer under load.
  DYNAMODB_REQUEST_TIMEOUT_MS: '10000',
  DYNAMODB_MAX_ATTEMPTS: '1',
  AUDIT_ADDRESS_KEY: 'bench-audit-address-key',
};
await bootstrapData(dynamoDbSettingsFrom(databaseEnv), tableNamesFrom(databaseEnv));
interface Built {
  name: string;
  outfile: string;
  code: Buffer;
  map: Buffer;
  zipBytes: number;
}
const built: Built[] = [];
const made: string[] = [];
for (const [name, entry] of Object.entries(deployedFunctions)) {
  const { outfile, metafile } = await bundleFunction(outRoot, name, entry);
  const outdir = join(outRoot, name);
  // The whole folder, as the CDK CLI zips it: the lazy imports and their package.json included.
  let zipBytes = 22;
  // The seed's folder holds its content folders too (bundledContentFolders): every file, at any depth.
  for (const entry of await readdir(outdir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    zipBytes += zipEntryBytes(relative(outdir, file), await readFile(file));
  }
  const output = metafile.outputs[relative(process.cwd(), outfile)];
  made.push(`${name.padEnd(14)} ${output ? contributors(output.inputs) : '(no metafile entry)'}`);
  built.push({
    name,
    outfile,
    code: await readFile(outfile),
    map: await readFile(`${outfile}.map`),
    zipBytes,
  });
}

// Run by run, each function in turn, so that whatever else loads the machine weighs on every
// function alike: the import budget compares them with each other.
const plain = new Map(built.map(({ name }) => [name, [] as Array<Timings & { processMs: number }>]));
const withMaps = new Map(built.map(({ name }) => [name, [] as number[]]));
const withDatabase = new Map(built.map(({ name }) => [name, [] as Array<Timings & { processMs: number }>]));
for (const { name, outfile } of built) {
  measure(outfile, eventFor(name), []);
  if (databaseEvents[name]) measure(outfile, databaseEvents[name], [], databaseEnv);
}
for (let run = 0; run < runs; run += 1) {
  for (const { name, outfile } of built) {
    plain.get(name)?.push(measure(outfile, eventFor(name), []));
    withMaps.get(name)?.push(measure(outfile, undefined, ['--enable-source-maps']).importMs);
    const databaseEvent = databaseEvents[name];
    if (databaseEvent) withDatabase.get(name)?.push(measure(outfile, databaseEvent, [], databaseEnv));
  }
}

const rows = built.map(({ name, code, map, zipBytes }) => {
  const calls = plain.get(name) ?? [];
  const databaseCalls = withDatabase.get(name) ?? [];
  return [
    name,
    `${code.length}`,
    `${gzipSync(code, { level: 9 }).length}`,
    `${zipBytes}`,
    `${map.length}`,
    ms(calls.map((timing) => timing.importMs)),
    ms(withMaps.get(name) ?? []),
    ms(calls.map((timing) => timing.firstCallMs)),
    ms(calls.map((timing) => timing.secondCallMs)),
    ms(databaseCalls.map((timing) => timing.firstCallMs)),
    ms(calls.map((timing) => timing.processMs)),
    [calls[0]?.answer ?? 'import only', databaseCalls[0]?.answer].filter(Boolean).join(' / '),
  ];
});
await database.stop();

const header = [
  'function',
  'bundle B',
  'gzip B',
  'zip B',
  'map B',
  'import ms',
  '+maps ms',
  '1st call ms',
  '2nd call ms',
  '1st DB ms',
  'process ms',
  'answer',
];

console.log(
  `Lambda functions (esbuild ${esbuildVersion}, infra/function-bundling.ts; Node ${process.versions.node} ` +
    `${process.arch}), median of ${runs} fresh processes:`,
);
for (const line of tableLines(header, rows)) console.log(line);
console.log(`
bundle B    index.mjs as deployed (minified ESM; @aws-sdk/* left to the runtime)
gzip B      index.mjs gzipped (level 9)
zip B       the deployment zip: the bundle folder (index.mjs, the lazy imports, their maps), deflate level 6
            as the CDK CLI zips assets
map B       index.mjs.map alone (counted in zip B, never loaded unless --enable-source-maps)
import ms   await import() of the bundle in a fresh process: module scope, SDK clients created, no network
+maps ms    the same import with node --enable-source-maps
1st call ms the first handler call (an event answered without the database: see "answer")
2nd call ms the same call again, warm
1st DB ms   in other fresh processes, the first call of a read on DynamoDB Local (in memory, seeded):
            GET /api/health, /api/venues?category=restaurant&openNow=true, /api/categories, /api/admin/stats
process ms  spawn to exit of the whole child process, Node's own start included
answer      status of the first call: health 404 (unknown route), venues/registrations/organizer 400
            (invalid body), mailer void (an empty stream batch); "import only" where no such event exists;
            then that of the database call
This machine is not Lambda: below 1,769 MB a function gets a fraction of a vCPU, so absolute times
there are higher; compare the functions with each other and runs of this benchmark over time.`);

const importMedian = (name: string) => median((plain.get(name) ?? []).map((timing) => timing.importMs));
const budgetRows = built.map(({ name, code }) => {
  const ratio = importMedian(name) / importMedian('health');
  const within = code.length <= budgets.bundleBytes && ratio <= budgets.importOfHealth;
  return [name, `${(code.length / 1024).toFixed(0)} KB`, `${ratio.toFixed(2)} x`, within ? 'within' : 'OVER'];
});
console.log(
  `\nBudgets (issue 13): bundle <= ${budgets.bundleBytes / 1024} KB, import <= ${budgets.importOfHealth} x health's:`,
);
for (const line of tableLines(['function', 'bundle', 'import / health', 'budget'], budgetRows))
  console.log(line);

console.log('largest parts of each bundle (bytes in the minified output):');
for (const each of made) console.log(`  ${each}`);
console.log(`bundles: ${relative(root, outRoot)}/<function>/`);

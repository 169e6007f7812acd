/**
 * Requests generated from the OpenAPI document itself (test/support/schema-arbitrary.ts), valid and
 * deliberately invalid, at every route of a running portal (admin routes with an organizer token):
 * never a 5xx; a valid one never gets a 400 (only a declared answer: 2xx, or 404, 409, 422 where the
 * route says so); an invalid one gets a 400 problem whose `errors` name the field that was broken;
 * nothing is stored unless the answer is 2xx.
 *
 * Values the API gives out are taken from its answers, as the document says: a field with
 * `x-values-from` gets one the named operation listed, and a parameter a `links` entry fills from an
 * answer (the page cursor) is sent only by following that link from the answer just received. A parameter
 * with `x-requires` is sent only beside the ones it needs. A field with `x-proof-of-work` gets a solved
 * challenge (test/support/proof-of-work.ts). Every answer is also checked against the contract by
 * the e2e project's recorder (test/support/api-answers-global-setup.ts).
 *
 * Runs are bounded (a fixed number per route). The seed is printed; replay a failure with
 * GENERATED_REQUESTS_SEED=<seed> (fast-check's report also gives the path of the shrunk case).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../functions/contract/openapi.ts';
import { apiRoutes, routeKey } from '../../functions/routes.ts';
import { signOrganizerToken } from '../../local/organizer-tokens.ts';
import { type RunningPortal, startPortal } from '../support/portal-process.ts';
import { fetchSolution } from '../support/proof-of-work.ts';
import {
  type Breakage,
  brokenObject,
  type JsonSchema,
  type Listed,
  resolver,
  type ValuesFrom,
  validValue,
} from '../support/schema-arbitrary.ts';
import { snapshotTables } from '../support/table-scan.ts';

const validRuns = 12;
const invalidRuns = 20;
const seed = Number(process.env.GENERATED_REQUESTS_SEED ?? Math.floor(Math.random() * 2 ** 31));

const document = openApiDocument();
const resolve = resolver(document);

let dataDirectory: string;
let portal: RunningPortal;
let organizer: string;
let residentAffairs: string;

beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'portal-generated-'));
  portal = await startPortal({ DATA_DIR: dataDirectory });
  organizer = await signOrganizerToken(dataDirectory, 'organizer');
  residentAffairs = await signOrganizerToken(dataDirectory, 'resident-affairs');
  await fetchListedValues();
  console.log(`generated requests: seed ${seed} (replay with GENERATED_REQUESTS_SEED=${seed})`);
});

afterAll(async () => {
  await portal?.stop();
  await rm(dataDirectory, { recursive: true, force: true });
});

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  /** OpenAPI keeps a parameter's description here, beside its schema, not in it. */
  description?: string;
  'x-requires'?: string[];
  schema: JsonSchema;
}

/** An OpenAPI link: each parameter of the next request, as a runtime expression. */
interface Link {
  operationId: string;
  parameters: Record<string, string>;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  /** JSON (and sometimes the same fields form-encoded), or raw bytes of some media types (a photo). */
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  security?: Record<string, unknown>[];
  tags?: string[];
  responses: Record<string, { links?: Record<string, Link> }>;
}

/** The JSON body's schema, when the operation takes one. */
const jsonBody = (operation: Operation) => operation.requestBody?.content['application/json']?.schema;

/**
 * A raw body the operation takes instead (a photo's bytes): its type, and valid bytes of it, a
 * fixture photo (the only values the route can call valid are real photos).
 */
function mediaBody(operation: Operation): { type: string; bytes: Buffer } | undefined {
  const types = Object.keys(operation.requestBody?.content ?? {});
  if (!types.length || types.includes('application/json')) return undefined;
  if (!types.includes('image/jpeg')) throw new Error(`no valid body of ${types.join(', ')} to send`);
  return {
    type: 'image/jpeg',
    bytes: readFileSync(join(import.meta.dirname, '../fixtures/photos/gps-exif.jpg')),
  };
}

const operations = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(
  ([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
);

/** Every `x-values-from` in the document, with the values its operation listed (filled before the tests). */
const listedValues = new Map<string, unknown[]>();
const listed: Listed = (from) => listedValues.get(JSON.stringify(from)) ?? [];

function valuesFromIn(schema: unknown): ValuesFrom[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const own = (schema as JsonSchema)['x-values-from'];
  return [...(own ? [own] : []), ...Object.values(schema).flatMap(valuesFromIn)];
}

async function fetchListedValues() {
  for (const from of valuesFromIn(document.paths)) {
    const source = operations.find(({ operation }) => operation.operationId === from.operationId);
    if (!source || source.path.includes('{')) throw new Error(`cannot list values from ${from.operationId}`);
    const response = await fetch(new URL(source.path, portal.url), { method: source.method.toUpperCase() });
    const listedAt = pointer(await response.json(), from.items) as Record<string, unknown>;
    const items = Array.isArray(listedAt) ? listedAt : [listedAt];
    listedValues.set(
      JSON.stringify(from),
      items.map((item: Record<string, unknown>) => item[from.field]),
    );
  }
}

/** RFC 6901, as far as the document's links use it. */
const pointer = (value: unknown, path: string): unknown =>
  path
    .split('/')
    .slice(1)
    .reduce<unknown>((inner, token) => (inner as Record<string, unknown> | null)?.[token], value);

/** Parameters a link fills from an answer: only the API's own values are valid there. */
const givenOut = (operation: Operation) =>
  new Set(
    Object.values(operation.responses).flatMap(({ links }) =>
      Object.values(links ?? {}).flatMap((link) =>
        Object.entries(link.parameters)
          .filter(([, expression]) => expression.startsWith('$response.'))
          .map(([name]) => name),
      ),
    ),
  );

/**
 * A valid request carries a real proof-of-work solution where a body field says `x-proof-of-work`:
 * solved, as clients do, from the challenge operation it names, for the body's e-mail address.
 */
async function withSolutions(operation: Operation, request: GeneratedRequest): Promise<GeneratedRequest> {
  const schema = jsonBody(operation);
  const properties = (schema && resolve(schema).properties) ?? {};
  const body = request.body as Record<string, unknown> | undefined;
  if (!body) return request;
  const solved = { ...body };
  for (const [field, property] of Object.entries(properties)) {
    const proof = (property as JsonSchema)['x-proof-of-work'];
    if (proof) solved[field] = await fetchSolution(portal.url, proof.purpose, String(body.email ?? ''));
  }
  return { ...request, body: solved };
}

type Part = 'path' | 'query' | 'header' | 'body';

interface GeneratedRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  body?: unknown;
  breakage?: Breakage & { part: Part };
}

/**
 * The parameters of one location as an object schema, so one converter serves them and bodies;
 * `x-requires` becomes the object's dependentRequired. For valid requests the parameters a link
 * fills from an answer are left out: those come from following the link.
 */
function parameterObject(
  operation: Operation,
  location: Parameter['in'],
  { linked = true }: { linked?: boolean } = {},
): JsonSchema | undefined {
  const skipped = linked ? new Set<string>() : givenOut(operation);
  const parameters = (operation.parameters ?? []).filter(
    (parameter) => parameter.in === location && !skipped.has(parameter.name),
  );
  if (!parameters.length) return undefined;
  const dependencies = parameters.flatMap((parameter) =>
    parameter['x-requires'] ? [[parameter.name, parameter['x-requires']] as const] : [],
  );
  return {
    type: 'object',
    properties: Object.fromEntries(
      // The text policy is named in the description, which the converter reads from the schema.
      parameters.map(({ name, description, schema }) => [
        name,
        headerSafe(location, { ...(description ? { description } : {}), ...schema }),
      ]),
    ),
    required: parameters.filter(({ required }) => required).map(({ name }) => name),
    ...(dependencies.length ? { dependentRequired: Object.fromEntries(dependencies) } : {}),
  };
}

/** A header value must be visible ASCII (fetch refuses the rest before sending): a pattern says so. */
const headerSafe = (location: Parameter['in'], schema: JsonSchema): JsonSchema =>
  location === 'header' && !schema.pattern
    ? { ...schema, pattern: `^[!-~]{${schema.minLength ?? 0},${Math.min(schema.maxLength ?? 60, 60)}}$` }
    : schema;

function validRequest(operation: Operation): fc.Arbitrary<GeneratedRequest> {
  const part = (location: Parameter['in']) => {
    const schema = parameterObject(operation, location, { linked: false });
    return (schema ? validValue(schema, resolve, listed) : fc.constant({})) as fc.Arbitrary<
      Record<string, unknown>
    >;
  };
  const body = jsonBody(operation);
  const media = mediaBody(operation);
  return fc.record({
    path: part('path'),
    query: part('query'),
    header: part('header'),
    body: body ? validValue(body, resolve, listed) : fc.constant(media),
  });
}

/** Pages a client follows from one answer, at most: enough to show a cursor works, few enough to stay quick. */
const pagesFollowed = 3;

/**
 * The next request an answer's links lead to on the same operation (the next page), with every
 * parameter resolved; undefined when there is none (a null nextCursor ends paging).
 */
function nextRequest(operation: Operation, request: GeneratedRequest, answer: Answer) {
  const links = operation.responses[String(answer.status)]?.links ?? {};
  const link = Object.values(links).find(({ operationId }) => operationId === operation.operationId);
  if (!link) return undefined;
  const body = JSON.parse(answer.body) as unknown;
  const next: GeneratedRequest = { path: {}, query: {}, header: request.header };
  for (const [name, expression] of Object.entries(link.parameters)) {
    const [, source, location = '', field = ''] =
      /^\$(request|response)\.(path|query|body)[.#](.+)$/.exec(expression) ?? [];
    const value =
      source === 'response' ? pointer(body, field) : request[location as 'path' | 'query']?.[field];
    if (source === 'response' && (value === null || value === undefined)) return undefined;
    const part = (operation.parameters ?? []).find((parameter) => parameter.name === name)?.in;
    if (value !== undefined && (part === 'path' || part === 'query')) next[part][name] = value;
  }
  return next;
}

/**
 * The request with nothing optional, first among the valid ones where the operation needs nothing:
 * random filters seldom leave more than a page, the bare search does, so the next-page link is followed.
 */
const bareRequest = (operation: Operation): [GeneratedRequest][] =>
  operation.requestBody || operation.parameters?.some(({ required }) => required)
    ? []
    : [[{ path: {}, query: {}, header: {} }]];

/** One part of a valid request broken in one field. Path parameters are never left out (another route would answer). */
function invalidRequest(operation: Operation): fc.Arbitrary<GeneratedRequest> | undefined {
  const valid = validRequest(operation);
  const broken: fc.Arbitrary<GeneratedRequest>[] = [];
  for (const location of ['path', 'query', 'header'] as const) {
    const schema = parameterObject(operation, location);
    if (!schema) continue;
    const breakable = location === 'path' ? { ...schema, required: [] } : schema;
    broken.push(
      fc
        .tuple(valid, brokenObject(breakable, resolve, 'text', { unknownFields: false, listed }))
        .map(([request, { value, breakage }]) => ({
          ...request,
          [location]: value,
          breakage: { ...breakage, part: location },
        })),
    );
  }
  const body = jsonBody(operation);
  if (body) {
    broken.push(
      fc
        .tuple(valid, brokenObject(body, resolve, 'json', { listed }))
        .map(([request, { value, breakage }]) => ({
          ...request,
          body: value,
          breakage: { ...breakage, part: 'body' },
        })),
    );
  }
  return broken.length ? fc.oneof(...broken) : undefined;
}

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

async function send(method: string, template: string, request: GeneratedRequest, operation: Operation) {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String(request.path[name])),
  );
  const query = new URLSearchParams(
    Object.entries(request.query).map(([name, value]) => [name, String(value)]),
  );
  const headers: Record<string, string> = Object.fromEntries(
    Object.entries(request.header).map(([name, value]) => [name, String(value)]),
  );
  if (operation.security?.some((scheme) => 'organizerToken' in scheme)) {
    const staff = operation.tags?.includes('resident-affairs-staff') ? residentAffairs : organizer;
    headers.authorization = `Bearer ${staff}`;
  }
  const media = mediaBody(operation);
  if (request.body !== undefined) headers['content-type'] = media ? media.type : 'application/json';
  const response = await fetch(new URL(`${path}${query.size ? `?${query}` : ''}`, portal.url), {
    method,
    headers,
    body:
      request.body === undefined
        ? undefined
        : media
          ? new Uint8Array(media.bytes)
          : JSON.stringify(request.body),
    signal: AbortSignal.timeout(15_000),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
  } satisfies Answer;
}

/** Mail: the outbox poller marks messages sent on its own schedule, not a request. */
const mail = ['OUTBOX#'];
/**
 * What a refused registration of a taken address (409 already-registered) leaves by design: a
 * notice to the address's holder with the marker that keeps it to one a day, and the spent
 * solution with the counts that price the next probe (docs/registration.md, docs/abuse.md). The
 * registration scenarios and the proof-of-work tests assert them.
 */
const probeTraces = [...mail, 'ONCE#', 'CHALLENGE#', 'RATE#'];

/**
 * What requests stored, but for the items of the kinds given, and apart from it how many audit
 * entries there are: a staff request that reaches its route appends one whatever it answers
 * (docs/audit.md).
 */
async function storedData(except: readonly string[] = mail) {
  const { audit = [], ...tables } = await snapshotTables(portal.databaseEndpoint);
  const data = Object.fromEntries(
    Object.entries(tables).map(([table, items]) => [
      table,
      items.filter((item) => !except.some((prefix) => item.includes(`"pk":"${prefix}`))),
    ]),
  );
  return { data, auditEntries: audit.length };
}

const isAlreadyRegistered = (answer: Answer) =>
  answer.status === 409 && answer.body.includes('problems/already-registered');

const sent = { valid: 0, 'valid next page': 0, invalid: 0 };
const outcomes: Record<string, Record<string, number>> = {};

function tally(key: string, kind: keyof typeof sent, status: number) {
  sent[kind] += 1;
  const label = `${kind} ${status}`;
  outcomes[key] = { ...outcomes[key], [label]: (outcomes[key]?.[label] ?? 0) + 1 };
}

const describeRequest = (request: GeneratedRequest, answer: Answer) =>
  `${JSON.stringify(request).slice(0, 300)} → ${answer.status} ${answer.body.slice(0, 300)}`;

describe('requests generated from the OpenAPI document', () => {
  for (const route of apiRoutes) {
    const key = routeKey(route);
    const operation = (document.paths as Record<string, Record<string, Operation>>)[route.path]?.[
      route.method.toLowerCase()
    ] as Operation;
    const reads = route.method === 'GET';
    const audited = route.declaration.audit !== undefined;
    // A route declared with several actions (bulk decisions) writes one entry per registration it names.
    const entriesOf = (request: GeneratedRequest) =>
      Array.isArray(route.declaration.audit) ? ((request.body as { ids: unknown[] }).ids ?? []).length : 1;

    it(`${key}: valid ones get a declared answer, never a 400 or 5xx, and nothing is stored unless it is 2xx${audited ? ' (but one audit entry each)' : ''}`, async () => {
      let before = await storedData();
      const auditEntriesBefore = before.auditEntries;
      let entries = 0;
      const declared = Object.keys(operation.responses).filter((status) => status !== '400');
      await fc.assert(
        fc.asyncProperty(validRequest(operation), async (generated) => {
          // Then the next pages, as a client follows the answer's link: the cursor is the API's own.
          let request: GeneratedRequest | undefined = generated;
          for (let page = 0; request && page < pagesFollowed; page += 1) {
            const answer = await send(
              route.method,
              route.path,
              await withSolutions(operation, request),
              operation,
            );
            entries += entriesOf(request);
            tally(key, page ? 'valid next page' : 'valid', answer.status);
            expect(declared, describeRequest(request, answer)).toContain(String(answer.status));
            expect(answer.status, describeRequest(request, answer)).toBeLessThan(500);
            if (!reads) {
              const after = await storedData();
              if (isAlreadyRegistered(answer)) {
                const [was, is] = [before.data, after.data].map((data) =>
                  Object.values(data).map((items) =>
                    items.filter((item) => !probeTraces.some((prefix) => item.includes(`"pk":"${prefix}`))),
                  ),
                );
                expect(is, describeRequest(request, answer)).toEqual(was);
              } else if (answer.status >= 300) {
                expect(after.data, describeRequest(request, answer)).toEqual(before.data);
              }
              before = after;
            }
            request = answer.status === 200 ? nextRequest(operation, request, answer) : undefined;
          }
        }),
        { numRuns: validRuns, seed, endOnFailure: true, examples: bareRequest(operation) },
      );
      const after = await storedData();
      // Reading stores nothing, whatever the answer.
      if (reads) expect(after.data).toEqual(before.data);
      expect(after.auditEntries - auditEntriesBefore, 'audit entries').toBe(audited ? entries : 0);
    });

    const invalid = invalidRequest(operation);
    // A route that takes nothing (no parameters, no body) cannot be sent an invalid request.
    if (!invalid) continue;
    it(`${key}: invalid ones get a 400 naming the broken field, and store nothing`, async () => {
      const before = await storedData();
      await fc.assert(
        fc.asyncProperty(invalid, async (request) => {
          const breakage = request.breakage as NonNullable<GeneratedRequest['breakage']>;
          const answer = await send(route.method, route.path, request, operation);
          tally(key, 'invalid', answer.status);
          const context = `${breakage.how} in ${breakage.part} ${breakage.field}: ${describeRequest(request, answer)}`;
          expect(answer.status, context).toBe(400);
          expect(answer.contentType, context).toMatch(/^application\/problem\+json/);
          const problem = JSON.parse(answer.body) as { errors?: { path: string }[] };
          expect(problem.errors?.map((error) => error.path) ?? [], context).toContain(breakage.field);
        }),
        { numRuns: invalidRuns, seed, endOnFailure: true },
      );
      expect(await storedData()).toEqual(before);
    });
  }

  afterAll(() => {
    console.log(
      `generated requests sent: ${sent.valid} valid, ${sent['valid next page']} valid next pages (followed links), ${sent.invalid} invalid (seed ${seed})\n${Object.entries(
        outcomes,
      )
        .map(([key, counts]) => `  ${key}: ${JSON.stringify(counts)}`)
        .join('\n')}`,
    );
  });
});

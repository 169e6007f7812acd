/**
 * Requests generated from the OpenAPI document itself (test/support/schema-arbitrary.ts), valid and
 * deliberately invalid, at every route of a running portal (admin routes with an organizer token):
 * never a 5xx; an invalid one gets a 400 problem whose `errors` name the field that was broken;
 * nothing is stored unless the answer is 2xx. Every answer is also checked against the contract by
 * the e2e project's recorder (test/support/api-answers-global-setup.ts).
 *
 * Runs are bounded (a fixed number per route). The seed is printed; replay a failure with
 * GENERATED_REQUESTS_SEED=<seed> (fast-check's report also gives the path of the shrunk case).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../functions/contract/openapi.ts';
import { apiRoutes, routeKey } from '../../functions/routes.ts';
import { signOrganizerToken } from '../../local/organizer-tokens.ts';
import { type RunningPortal, startPortal } from '../support/portal-process.ts';
import {
  type Breakage,
  brokenObject,
  type JsonSchema,
  resolver,
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

beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'portal-generated-'));
  portal = await startPortal({ DATA_DIR: dataDirectory });
  organizer = await signOrganizerToken(dataDirectory, 'organizer');
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
  schema: JsonSchema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
  security?: Record<string, unknown>[];
}

type Part = 'path' | 'query' | 'header' | 'body';

interface GeneratedRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  body?: unknown;
  breakage?: Breakage & { part: Part };
}

/** The parameters of one location as an object schema, so one converter serves them and bodies. */
function parameterObject(operation: Operation, location: Parameter['in']): JsonSchema | undefined {
  const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in === location);
  if (!parameters.length) return undefined;
  return {
    type: 'object',
    properties: Object.fromEntries(
      parameters.map(({ name, schema }) => [name, headerSafe(location, schema)]),
    ),
    required: parameters.filter(({ required }) => required).map(({ name }) => name),
  };
}

/** A header value must be visible ASCII (fetch refuses the rest before sending): a pattern says so. */
const headerSafe = (location: Parameter['in'], schema: JsonSchema): JsonSchema =>
  location === 'header' && !schema.pattern
    ? { ...schema, pattern: `^[!-~]{${schema.minLength ?? 0},${Math.min(schema.maxLength ?? 60, 60)}}$` }
    : schema;

function validRequest(operation: Operation): fc.Arbitrary<GeneratedRequest> {
  const part = (location: Parameter['in']) => {
    const schema = parameterObject(operation, location);
    return (schema ? validValue(schema, resolve) : fc.constant({})) as fc.Arbitrary<Record<string, unknown>>;
  };
  const body = operation.requestBody?.content['application/json'].schema;
  return fc.record({
    path: part('path'),
    query: part('query'),
    header: part('header'),
    body: body ? validValue(body, resolve) : fc.constant(undefined),
  });
}

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
        .tuple(valid, brokenObject(breakable, resolve, 'text', { unknownFields: false }))
        .map(([request, { value, breakage }]) => ({
          ...request,
          [location]: value,
          breakage: { ...breakage, part: location },
        })),
    );
  }
  const body = operation.requestBody?.content['application/json'].schema;
  if (body) {
    broken.push(
      fc.tuple(valid, brokenObject(body, resolve, 'json')).map(([request, { value, breakage }]) => ({
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
  if (operation.security?.some((scheme) => 'organizerToken' in scheme))
    headers.authorization = `Bearer ${organizer}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(`${path}${query.size ? `?${query}` : ''}`, portal.url), {
    method,
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    signal: AbortSignal.timeout(15_000),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
  } satisfies Answer;
}

/** The outbox poller marks messages sent on its own schedule: not something a request stored. */
async function storedData() {
  const tables = await snapshotTables(portal.databaseEndpoint);
  return Object.fromEntries(
    Object.entries(tables).map(([table, items]) => [
      table,
      items.filter((item) => !item.includes('"pk":"OUTBOX#')),
    ]),
  );
}

const sent = { valid: 0, invalid: 0 };
const outcomes: Record<string, Record<string, number>> = {};

function tally(key: string, kind: 'valid' | 'invalid', status: number) {
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

    it(`${key}: valid ones never get a 5xx, and nothing is stored unless the answer is 2xx`, async () => {
      let before = await storedData();
      await fc.assert(
        fc.asyncProperty(validRequest(operation), async (request) => {
          const answer = await send(route.method, route.path, request, operation);
          tally(key, 'valid', answer.status);
          expect(answer.status, describeRequest(request, answer)).toBeLessThan(500);
          if (reads) return;
          const after = await storedData();
          if (answer.status >= 300) expect(after, describeRequest(request, answer)).toEqual(before);
          before = after;
        }),
        { numRuns: validRuns, seed, endOnFailure: true },
      );
      // Reading stores nothing, whatever the answer.
      if (reads) expect(await storedData()).toEqual(before);
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
      `generated requests sent: ${sent.valid} valid, ${sent.invalid} invalid (seed ${seed})\n${Object.entries(
        outcomes,
      )
        .map(([key, counts]) => `  ${key}: ${JSON.stringify(counts)}`)
        .join('\n')}`,
    );
  });
});

import * as z from 'zod/mini';
import { answersOf, contract, type RouteKey } from '../routes.ts';
import { dependentRequired } from './dependencies.ts';
import { type ProblemKind, problemDocument, problemKinds, problemType } from './problems.ts';
import { type Answer, headerName, type RouteDeclaration, type Security, type Tag } from './route.ts';

/**
 * The OpenAPI 3.1 document, generated from the route table with zod's own `z.toJSONSchema`: OpenAPI
 * 3.1 schemas are JSON Schema 2020-12, zod's default target, so no generator sits in between.
 * Requests are described as clients write them (`io: 'input'`: "limit" a string that becomes a
 * number, fields with defaults optional), answers as the API sends them (`io: 'output'`).
 * Schemas with a metadata `id` become shared components.
 */

type JsonSchema = Record<string, unknown>;

const tags: Record<Tag, string> = {
  health: 'Whether the API can serve.',
  reference: 'This description of the API.',
  venues: 'The town guide: hotels, restaurants, sights and services in Wuzhen.',
  reviews: 'Visitors’ reviews of venues.',
  registration: 'Registering for the conference, and managing one’s registration with its manage token.',
  organizer: 'The organizers’ desk: approvals, capacity, lists and figures (JWT with the organizer role).',
  'check-in': 'Checking attendees in at the entrance (JWT with the organizer or checkin role).',
  'resident-affairs':
    'Residents asking the township for help: Open311 GeoReport v2 under /api/open311/v2/ (jurisdiction_id "wuzhen").',
  'resident-affairs-staff':
    "The township's resident-affairs desk: the queue of residents' requests, notes, assignment, status (JWT with the resident-affairs role).",
};

const securitySchemes: Record<Security, JsonSchema> = {
  organizerToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An ID token of the organizers’ user pool, checked by the gateway’s JWT authorizer; the cognito:groups claim gives the roles (organizer, checkin, resident-affairs).',
  },
  manageToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'The manage token returned when registering (and in the first e-mail’s link). Only its hash is stored; a missing or wrong token answers 404, like a missing registration.',
  },
  followToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'The follow token POST /api/open311/v2/requests.json answered (follow_token, and in the fragment of follow_url). Only its hash is stored; a missing or wrong token answers 404, like a missing request.',
  },
};

class SchemaComponents {
  readonly schemas: Record<string, JsonSchema> = {};

  /** The JSON Schema of a zod schema, its `id`-named parts moved into components and referenced. */
  convert(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
    const {
      $defs,
      $schema: _,
      ...converted
    } = z.toJSONSchema(schema, {
      io,
      target: 'draft-2020-12',
      unrepresentable: 'throw',
    }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    for (const [id, definition] of Object.entries($defs ?? {})) this.add(id, relinked(definition));
    const id = z.globalRegistry.get(schema)?.id;
    if (id && !$defs?.[id]) {
      this.add(id, relinked(converted));
      return { $ref: `#/components/schemas/${id}` };
    }
    return relinked(converted);
  }

  private add(id: string, definition: JsonSchema) {
    const earlier = this.schemas[id];
    if (earlier && JSON.stringify(earlier) !== JSON.stringify(definition)) {
      throw new Error(`The schema ${id} differs between requests and answers; give each its own id.`);
    }
    this.schemas[id] = definition;
  }
}

/** zod refers to extracted schemas as `#/$defs/<id>`; in OpenAPI they live under components. */
const relinked = (schema: JsonSchema): JsonSchema =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/'));

const operationId = (key: string) => {
  const [method = '', path = ''] = key.split(' ');
  const words = path.split(/[^A-Za-z0-9]+/).filter((word) => word && word !== 'api');
  return method.toLowerCase() + words.map((word) => word[0]?.toUpperCase() + word.slice(1)).join('');
};

function parameters(declaration: RouteDeclaration, components: SchemaComponents) {
  const list: JsonSchema[] = [];
  const add = (location: 'path' | 'query' | 'header', object: z.ZodMiniObject | undefined) => {
    const requires = object ? dependentRequired(object, z.globalRegistry) : {};
    for (const [name, schema] of Object.entries(object?.shape ?? {}) as [string, z.ZodMiniType][]) {
      // OpenAPI describes the Authorization header through security schemes, never as a parameter.
      if (location === 'header' && name === 'authorization') continue;
      const { description, ...json } = components.convert(schema, 'input');
      list.push({
        name: location === 'header' ? headerName(name) : name,
        in: location,
        required: location === 'path' || !schema.safeParse(undefined).success,
        ...(description ? { description } : {}),
        ...(requires[name] ? { 'x-requires': requires[name] } : {}),
        schema: json,
      });
    }
  };
  add('path', declaration.pathParameters);
  add('query', declaration.query);
  add('header', declaration.headers);
  return list;
}

/**
 * A paged route's next page, as an OpenAPI link: the cursor from the answer, every other parameter
 * as the request had it. Clients (and the generated-request test) take cursors only from here.
 */
function nextPageLink(key: RouteKey, declaration: RouteDeclaration) {
  const query = Object.keys(declaration.query?.shape ?? {});
  if (!query.includes('cursor')) return undefined;
  const parameters = Object.fromEntries([
    ...Object.keys(declaration.pathParameters?.shape ?? {}).map((name) => [name, `$request.path.${name}`]),
    ...query.map((name) =>
      name === 'cursor' ? [name, '$response.body#/nextCursor'] : [name, `$request.query.${name}`],
    ),
  ]);
  return {
    nextPage: {
      operationId: operationId(key),
      description: 'The next page, while nextCursor is not null.',
      parameters,
    },
  };
}

function problemContent(kinds: readonly ProblemKind[], description: string) {
  const [first = 'internal-error'] = kinds;
  return {
    schema: {
      allOf: [
        { $ref: '#/components/schemas/Problem' },
        { properties: { type: { enum: kinds.map(problemType) } } },
      ],
    },
    example: {
      type: problemType(first),
      title: problemKinds[first].title,
      status: problemKinds[first].status,
      detail: description,
    },
  };
}

function response(answer: Answer, components: SchemaComponents, links?: Record<string, unknown>) {
  const content: Record<string, unknown> = {};
  if (answer.json) {
    content['application/json'] = {
      schema: components.convert(answer.json, 'output'),
      ...(answer.example === undefined ? {} : { example: answer.example }),
    };
  }
  for (const type of answer.media ? [answer.media.type].flat() : []) {
    content[type] = { schema: { type: 'string', description: answer.media?.description } };
  }
  if (answer.problems?.length) {
    content['application/problem+json'] = problemContent(answer.problems, answer.description);
  }
  const headers = Object.entries(answer.headers ?? {}).map(([name, header]) => [
    headerName(name),
    { description: header.description, schema: components.convert(header.schema, 'output') },
  ]);
  return {
    description: answer.description,
    ...(headers.length ? { headers: Object.fromEntries(headers) } : {}),
    ...(Object.keys(content).length ? { content } : {}),
    ...(links ? { links } : {}),
  };
}

/**
 * A JSON body (and the same fields form-encoded, where the route reads forms: nested objects as
 * `name[key]=value`, lists as repeated fields), or raw bytes of the declared types.
 */
function requestBody(body: NonNullable<RouteDeclaration['body']>, components: SchemaComponents) {
  if ('types' in body) {
    return {
      required: true,
      description: `At most ${body.maxBytes} bytes: ${body.description}`,
      content: Object.fromEntries(body.types.map((type) => [type, { schema: { contentMediaType: type } }])),
    };
  }
  const schema = components.convert(body.schema, 'input');
  const nested = Object.entries(z.toJSONSchema(body.schema, { io: 'input' }).properties ?? {})
    .filter(([, property]) => typeof property === 'object' && property.type === 'object')
    .map(([name]) => [name, { style: 'deepObject', explode: true }]);
  return {
    required: true,
    description: `At most ${body.maxBytes} bytes of JSON${body.form ? ', or the same fields form-encoded' : ''}.`,
    content: {
      'application/json': { schema, example: body.example },
      ...(body.form
        ? {
            'application/x-www-form-urlencoded': {
              schema,
              ...(nested.length ? { encoding: Object.fromEntries(nested) } : {}),
            },
          }
        : {}),
    },
  };
}

function operation(key: RouteKey, components: SchemaComponents) {
  const declaration: RouteDeclaration = contract[key];
  const description = declaration.cacheControl
    ? `${declaration.description}\n\nCache-Control: ${declaration.cacheControl}.`
    : declaration.description;
  const list = parameters(declaration, components);
  return {
    operationId: operationId(key),
    summary: declaration.summary,
    description,
    tags: [...declaration.tags],
    ...(declaration.security ? { security: [{ [declaration.security]: [] }] } : {}),
    ...(list.length ? { parameters: list } : {}),
    ...(declaration.body ? { requestBody: requestBody(declaration.body, components) } : {}),
    responses: Object.fromEntries(
      Object.entries(answersOf(key)).map(([status, answer]) => [
        status,
        response(answer, components, status === '200' ? nextPageLink(key, declaration) : undefined),
      ]),
    ),
  };
}

function buildDocument() {
  const components = new SchemaComponents();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const key of Object.keys(contract) as RouteKey[]) {
    const [method = '', path = ''] = key.split(' ');
    paths[path] = { ...paths[path], [method.toLowerCase()]: operation(key, components) };
  }
  const problem = components.convert(problemDocument, 'output');
  return {
    openapi: '3.1.1',
    info: {
      title: 'World Internet Conference Wuzhen portal API',
      version: '1.0.0',
      summary: 'Town guide, registration, and the organizers’ desk.',
      description:
        'Every route, what it accepts and every answer it can give, generated from the route table in functions/routes.ts. Problems are RFC 9457 documents (application/problem+json) whose `type` names their kind. Requests to a path no route has answer 404 (not-found) and a known path with another method 405 (method-not-allowed), with an Allow header.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/', description: 'The portal’s own origin: the API is under /api/ beside the site.' }],
    tags: Object.entries(tags).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: { ...components.schemas, Problem: problem },
      securitySchemes,
    },
  };
}

let document: ReturnType<typeof buildDocument> | undefined;

/** Built once per process: the route table does not change while it runs. */
export function openApiDocument() {
  document ??= buildDocument();
  return document;
}

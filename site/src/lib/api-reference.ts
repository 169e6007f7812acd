import { openApiDocument } from '../../../functions/contract/openapi.ts';
import { problemKinds, problemTypePrefix } from '../../../functions/contract/problems.ts';

/**
 * The developer reference's view of the OpenAPI document (functions/contract/openapi.ts), read at
 * build time: the same document /api/openapi.json serves, turned into rows a page can show.
 */

type Json = Record<string, unknown>;

export type ApiDocument = ReturnType<typeof openApiDocument>;

const document = openApiDocument();
const schemas: Record<string, Json> = document.components.schemas;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** The component a `$ref` names, and its name. */
function resolved(schema: Json): { schema: Json; name?: string } {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return { schema };
  const name = ref.slice(ref.lastIndexOf('/') + 1);
  return { schema: schemas[name] ?? {}, name };
}

/** A limit on a value, as a key of the page's strings (developers.limit.*) and its values. */
export type Limit = [
  key:
    | 'length'
    | 'minLength'
    | 'maxLength'
    | 'range'
    | 'minimum'
    | 'maximum'
    | 'items'
    | 'format'
    | 'pattern'
    | 'oneOf'
    | 'const'
    | 'default',
  values: Record<string, string | number>,
];

export interface FieldRow {
  /** Dotted from the top: `items[].name`. */
  name: string;
  type: string;
  required: boolean;
  limits: Limit[];
  description?: string;
}

const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function limitsOf(schema: Json): Limit[] {
  const limits: Limit[] = [];
  const { minLength, maxLength, minimum, maximum, maxItems, format, pattern } = schema;
  if (typeof minLength === 'number' && typeof maxLength === 'number') {
    limits.push(['length', { min: minLength, max: maxLength }]);
  } else if (typeof maxLength === 'number') limits.push(['maxLength', { max: maxLength }]);
  else if (typeof minLength === 'number') limits.push(['minLength', { min: minLength }]);
  if (typeof minimum === 'number' && typeof maximum === 'number') {
    limits.push(['range', { min: minimum, max: maximum }]);
  } else if (typeof minimum === 'number') limits.push(['minimum', { min: minimum }]);
  else if (typeof maximum === 'number') limits.push(['maximum', { max: maximum }]);
  if (typeof maxItems === 'number') limits.push(['items', { max: maxItems }]);
  if (typeof format === 'string') limits.push(['format', { format }]);
  // A format says what its long pattern spells out (the date-time one is 300 characters).
  else if (typeof pattern === 'string') limits.push(['pattern', { pattern }]);
  if (Array.isArray(schema.enum)) limits.push(['oneOf', { values: schema.enum.map(shown).join(', ') }]);
  if ('const' in schema) limits.push(['const', { value: shown(schema.const) }]);
  if ('default' in schema) limits.push(['default', { value: shown(schema.default) }]);
  return limits;
}

/** The type in a few words: `string`, `integer or null`, `array of Review`, `map of string to integer`. */
export function typeOf(input: Json): string {
  const { schema, name } = resolved(input);
  if (name) return name;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) return alternatives.filter(isObject).map(typeOf).join(' or ');
  if (Array.isArray(schema.type)) return schema.type.join(' or ');
  if (schema.type === 'array' && isObject(schema.items)) return `array of ${typeOf(schema.items)}`;
  if (schema.type === 'object' && isObject(schema.additionalProperties)) {
    return `map of string to ${typeOf(schema.additionalProperties)}`;
  }
  if (Array.isArray(schema.allOf)) return schema.allOf.filter(isObject).map(typeOf).join(' and ');
  return typeof schema.type === 'string' ? schema.type : 'any';
}

/** What an object (or an array of objects) holds inside, or undefined for a plain value. */
function innerObject(schema: Json): { object: Json; suffix: string } | undefined {
  const direct = resolved(schema).schema;
  if (isObject(direct.properties)) return { object: direct, suffix: '' };
  if (direct.type === 'array' && isObject(direct.items)) {
    const items = resolved(direct.items).schema;
    if (isObject(items.properties)) return { object: items, suffix: '[]' };
  }
  if (isObject(direct.additionalProperties)) {
    const values = resolved(direct.additionalProperties).schema;
    if (isObject(values.properties)) return { object: values, suffix: '{}' };
  }
  return undefined;
}

/**
 * One row per field of an object schema, nested fields after their parent with dotted names, so a
 * reader sees every field a body can hold without following references.
 */
export function fieldRows(schema: Json, prefix = '', seen: ReadonlySet<Json> = new Set()): FieldRow[] {
  const inner = innerObject(schema);
  if (!inner || seen.has(inner.object)) return [];
  const properties = inner.object.properties as Record<string, Json>;
  const required = new Set(Array.isArray(inner.object.required) ? inner.object.required : []);
  const within = new Set([...seen, inner.object]);
  return Object.entries(properties).flatMap(([field, property]) => {
    const name = `${prefix}${inner.suffix}${prefix || inner.suffix ? '.' : ''}${field}`;
    const { schema: plain } = resolved(property);
    const description = typeof property.description === 'string' ? property.description : plain.description;
    return [
      {
        name,
        type: typeOf(property),
        required: required.has(field),
        limits: limitsOf(plain),
        ...(typeof description === 'string' ? { description } : {}),
      },
      ...fieldRows(property, name, within),
    ];
  });
}

export interface ParameterRow extends FieldRow {
  in: 'path' | 'query' | 'header';
}

export interface AnswerView {
  status: string;
  description: string;
  /** The JSON body's type and fields, when the answer has one. */
  json?: { type: string; fields: FieldRow[]; example?: unknown };
  /** Another media type the answer carries (the SVG ticket, the CSV export). */
  media?: { type: string; description: string };
  problems: ProblemKindName[];
  headers: { name: string; description: string }[];
}

export type ProblemKindName = keyof typeof problemKinds;

export interface RouteView {
  /** An anchor for the route: `get-api-venues-id`. */
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  tags: string[];
  security?: string;
  parameters: ParameterRow[];
  body?: { description: string; type: string; fields: FieldRow[]; example: unknown };
  answers: AnswerView[];
}

const problemKindsIn = (content: Json | undefined): ProblemKindName[] => {
  const allOf = isObject(content?.schema) ? content.schema.allOf : undefined;
  const restriction = Array.isArray(allOf)
    ? allOf.find((part) => isObject(part) && !('$ref' in part))
    : undefined;
  const types =
    isObject(restriction) && isObject(restriction.properties) ? restriction.properties.type : undefined;
  const kinds = isObject(types) && Array.isArray(types.enum) ? types.enum : [];
  return kinds.map((type) => String(type).slice(problemTypePrefix.length) as ProblemKindName);
};

function answerView(status: string, response: Json): AnswerView {
  const content = (response.content ?? {}) as Record<string, Json>;
  const json = content['application/json'];
  const media = Object.entries(content).find(([type]) => !type.endsWith('json'));
  const mediaSchema = media && isObject(media[1].schema) ? media[1].schema : {};
  return {
    status,
    description: String(response.description ?? ''),
    ...(json && isObject(json.schema)
      ? {
          json: {
            type: typeOf(json.schema),
            fields: fieldRows(json.schema),
            ...('example' in json ? { example: json.example } : {}),
          },
        }
      : {}),
    ...(media ? { media: { type: media[0], description: String(mediaSchema.description ?? '') } } : {}),
    problems: problemKindsIn(content['application/problem+json']),
    headers: Object.entries((response.headers ?? {}) as Record<string, Json>).map(([name, header]) => ({
      name,
      description: String(header.description ?? ''),
    })),
  };
}

function routeView(method: string, path: string, operation: Json): RouteView {
  const parameters = (Array.isArray(operation.parameters) ? operation.parameters : []) as Json[];
  const body = isObject(operation.requestBody) ? operation.requestBody : undefined;
  const bodyContent = body && isObject(body.content) ? (body.content['application/json'] as Json) : undefined;
  const security =
    Array.isArray(operation.security) && isObject(operation.security[0]) ? operation.security[0] : {};
  const [scheme] = Object.keys(security);
  return {
    id: `${method}${path}`
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/-$/, '')
      .toLowerCase(),
    method: method.toUpperCase(),
    path,
    summary: String(operation.summary ?? ''),
    description: String(operation.description ?? ''),
    tags: (operation.tags ?? []) as string[],
    ...(scheme ? { security: scheme } : {}),
    parameters: parameters.map((parameter) => {
      const schema = isObject(parameter.schema) ? parameter.schema : {};
      return {
        name: String(parameter.name),
        in: parameter.in as ParameterRow['in'],
        type: typeOf(schema),
        required: parameter.required === true,
        limits: limitsOf(schema),
        ...(typeof parameter.description === 'string' ? { description: parameter.description } : {}),
      };
    }),
    ...(body && bodyContent && isObject(bodyContent.schema)
      ? {
          body: {
            description: String(body.description ?? ''),
            type: typeOf(bodyContent.schema),
            fields: fieldRows(bodyContent.schema),
            example: bodyContent.example,
          },
        }
      : {}),
    answers: Object.entries((operation.responses ?? {}) as Record<string, Json>).map(([status, response]) =>
      answerView(status, response),
    ),
  };
}

/** Every route, grouped by its first tag in the order the document lists its tags. */
export function routesByTag(): { tag: string; description: string; routes: RouteView[] }[] {
  const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => routeView(method, path, operation as Json)),
  );
  return document.tags.map(({ name, description }) => ({
    tag: name,
    description,
    routes: routes.filter((route) => route.tags[0] === name),
  }));
}

export const securitySchemes = Object.entries(document.components.securitySchemes).map(([name, scheme]) => ({
  name,
  description: String(scheme.description ?? ''),
  kind: [scheme.type, scheme.scheme, scheme.bearerFormat].filter(Boolean).join(' · '),
}));

/** Every problem kind: its anchor on the page, status and title. */
export const problemTypes = (Object.keys(problemKinds) as ProblemKindName[]).map((kind) => ({
  kind,
  anchor: `problem-${kind}`,
  ...problemKinds[kind],
}));

export const apiInfo = document.info;
export { problemTypePrefix };

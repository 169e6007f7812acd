import fc from 'fast-check';

/**
 * fast-check arbitraries from the JSON Schema subset the OpenAPI document uses (functions/contract/
 * openapi.ts writes it with zod's z.toJSONSchema): type, enum, const, minLength, maxLength, pattern,
 * format (date-time, email, uri), minimum, maximum, properties, required, additionalProperties (a
 * boolean, or the schema of a record's values with propertyNames), items, minItems, maxItems, anyOf,
 * default, example, description, dependentRequired, and $ref to the document's components, plus
 * `x-values-from` (a value one of the API's answers lists, looked up through `Listed`). Anything
 * else throws, so a new keyword in the document shows here first instead of being generated wrongly.
 */
export interface JsonSchema {
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  default?: unknown;
  example?: unknown;
  examples?: unknown[];
  description?: string;
  dependentRequired?: Record<string, string[]>;
  'x-values-from'?: ValuesFrom;
  /** A proof-of-work solution: generated as any string, replaced by a solved one in valid requests. */
  'x-proof-of-work'?: { operationId: string; purpose: 'registration' | 'review' | 'resident-request' };
  $ref?: string;
}

/**
 * Where the document says a value comes from: the `field` of each entry of `items` in an operation's
 * answer (or of the one object `items` points at, when a value is given out once, like the notice version).
 */
export interface ValuesFrom {
  operationId: string;
  items: string;
  field: string;
}

/** The values an answer listed, read when a value is generated (the answers come from a running API). */
export type Listed = (from: ValuesFrom) => readonly unknown[];

const nothingListed: Listed = (from) => {
  throw new Error(`no values listed for ${JSON.stringify(from)}`);
};

const knownKeywords = new Set([
  'type',
  'enum',
  'const',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minItems',
  'maxItems',
  'anyOf',
  'default',
  'example',
  'examples',
  'description',
  'dependentRequired',
  'x-values-from',
  'x-proof-of-work',
  '$ref',
]);

/** Free text under the contract's text policy: the document says so in the field's description. */
export const textPolicyOf = (schema: JsonSchema) =>
  schema.description?.startsWith('Plain text')
    ? { multiline: schema.description.includes('line breaks allowed') }
    : undefined;

/** Resolves `#/components/schemas/…` references against the document. */
export function resolver(document: { components?: { schemas?: Record<string, unknown> } }) {
  return function resolve(schema: JsonSchema): JsonSchema {
    if (!schema.$ref) return schema;
    const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1];
    const target = name ? document.components?.schemas?.[name] : undefined;
    if (!target) throw new Error(`cannot resolve ${schema.$ref}`);
    return resolve(target as JsonSchema);
  };
}

export type Resolve = (schema: JsonSchema) => JsonSchema;

/** Long enough to reach the limits the document declares, short enough to keep requests small. */
const longest = 60;
/** Characters that draw something, Latin and Chinese, for text the policy accepts. */
const visible = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789一二三乌镇会议互联网',
);

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? longest, Math.max(min, longest));
  const fits = (text: string) => text.length >= min && text.length <= (schema.maxLength ?? Infinity);
  // A pattern is the sharper statement: zod writes one beside `format` (its e-mail and date-time
  // rules are stricter than the formats' own), and a generator for the format alone would go past it.
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  if (schema.format === 'date-time') {
    return fc
      .date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2035-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString());
  }
  if (schema.format === 'email') return fc.emailAddress().filter(fits);
  if (schema.format === 'uri') return fc.webUrl().filter(fits);
  if (schema.format) throw new Error(`no generator for format ${schema.format}`);
  if (textPolicyOf(schema)) {
    return fc.string({ unit: visible, minLength: Math.max(1, min), maxLength: Math.max(1, max) });
  }
  return fc.string({ minLength: min, maxLength: max });
}

/** Values the schema accepts; a declared example is drawn now and then, so real ids come up. */
export function validValue(
  schema: JsonSchema,
  resolve: Resolve,
  listed: Listed = nothingListed,
): fc.Arbitrary<unknown> {
  const resolved = resolve(schema);
  for (const keyword of Object.keys(resolved)) {
    if (!knownKeywords.has(keyword)) throw new Error(`no generator for the keyword ${keyword}`);
  }
  const from = resolved['x-values-from'];
  // Only what the answer lists is valid; which of them is picked when the value is generated.
  if (from) return fc.nat().map((index) => pick(listed(from), index, from));
  const generated = generatedValue(resolved, resolve, listed);
  const examples = [
    ...(resolved.example === undefined ? [] : [resolved.example]),
    ...(resolved.examples ?? []),
  ];
  return examples.length
    ? fc.oneof({ arbitrary: fc.constantFrom(...examples), weight: 1 }, { arbitrary: generated, weight: 2 })
    : generated;
}

function pick(values: readonly unknown[], index: number, from: ValuesFrom) {
  if (!values.length) throw new Error(`${from.operationId} listed no values at ${from.items}`);
  return values[index % values.length];
}

function generatedValue(schema: JsonSchema, resolve: Resolve, listed: Listed): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((each) => validValue(each, resolve, listed)));
  switch (schema.type) {
    case 'array':
      return fc.array(validValue(schema.items ?? {}, resolve, listed), {
        minLength: schema.minItems ?? 0,
        maxLength: schema.maxItems ?? 5,
      });
    case 'string':
      return validString(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'object': {
      const properties = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([name, property]) => [
          name,
          validValue(property, resolve, listed),
        ]),
      );
      const values = schema.additionalProperties;
      const record =
        typeof values === 'object'
          ? fc.dictionary(
              validValue(schema.propertyNames ?? { type: 'string' }, resolve, listed) as fc.Arbitrary<string>,
              validValue(values, resolve, listed),
              { maxKeys: 3 },
            )
          : fc.record(properties, { requiredKeys: schema.required ?? [] });
      const dependencies = Object.entries(schema.dependentRequired ?? {});
      if (!dependencies.length) return record;
      // A field sent without the fields it needs is invalid: those are added from a full record.
      return fc.tuple(record, fc.record(properties)).map(([value, full]) => {
        const completed: Record<string, unknown> = { ...value };
        for (const [field, needs] of dependencies) {
          if (completed[field] === undefined) continue;
          for (const other of needs) completed[other] ??= full[other];
        }
        return completed;
      });
    }
    default:
      throw new Error(`no generator for ${JSON.stringify(schema)}`);
  }
}

/** How a valid value was broken, and which field a 400 must then name. */
export interface Breakage {
  field: string;
  how:
    | 'wrong type'
    | 'wrong format'
    | 'out of bounds'
    | 'forbidden character'
    | 'unknown field'
    | 'missing required field'
    | 'missing dependency';
}

/** Characters the text policy refuses; a lone surrogate only where JSON carries it (a query string cannot). */
const forbidden = (multiline: boolean, inJson: boolean) => [
  '\u0000',
  '\u0007',
  '\u202e',
  '\u2066',
  ...(multiline ? [] : ['\n', '\r']),
  ...(inJson ? ['\ud800'] : []),
];

/**
 * Ways to make one value of the schema invalid: a value of another type, one past a bound, a
 * character the text policy refuses. `wire` is 'json' for bodies and 'text' for query, path and
 * header values (everything is a string there, so "wrong type" means unparsable).
 */
export function invalidValues(
  schema: JsonSchema,
  resolve: Resolve,
  wire: 'json' | 'text',
): { value: unknown; how: Breakage['how'] }[] {
  const resolved = resolve(schema);
  const values: { value: unknown; how: Breakage['how'] }[] = [];
  const wrongType = (value: unknown) => values.push({ value, how: 'wrong type' });
  const outOfBounds = (value: unknown) => values.push({ value, how: 'out of bounds' });
  const onWire = (number: number) => (wire === 'json' ? number : String(number));
  const type = resolved.type ?? (resolved.enum ? typeof resolved.enum[0] : undefined);
  if (wire === 'json') wrongType(type === 'string' ? 42 : type === 'object' ? 'not an object' : 'x');
  else if (type === 'integer' || type === 'number') wrongType('abc');
  else if (type === 'boolean' || resolved.enum || resolved.const !== undefined) wrongType('not-one-of-them');
  if (resolved.maximum !== undefined) outOfBounds(onWire(resolved.maximum + 1));
  if (resolved.minimum !== undefined) outOfBounds(onWire(resolved.minimum - 1));
  if (resolved.type === 'integer') outOfBounds(onWire(1.5));
  if (resolved.maxLength !== undefined) outOfBounds('a'.repeat(resolved.maxLength + 1));
  if (resolved.minLength && wire === 'json') outOfBounds('a'.repeat(resolved.minLength - 1));
  if (resolved.pattern && !new RegExp(resolved.pattern).test('!?'))
    values.push({ value: '!?', how: 'wrong format' });
  const policy = textPolicyOf(resolved);
  if (policy) {
    for (const character of forbidden(policy.multiline, wire === 'json')) {
      values.push({ value: `ok${character}ok`, how: 'forbidden character' });
    }
    values.push({ value: '\u200b\u3164', how: 'forbidden character' });
  }
  return values;
}

/** An object (a body, or a set of parameters) with exactly one field broken, and which one. */
export function brokenObject(
  schema: JsonSchema,
  resolve: Resolve,
  wire: 'json' | 'text',
  { unknownFields = true, listed = nothingListed }: { unknownFields?: boolean; listed?: Listed } = {},
): fc.Arbitrary<{ value: Record<string, unknown>; breakage: Breakage }> {
  const resolved = resolve(schema);
  const valid = validValue(resolved, resolve, listed) as fc.Arbitrary<Record<string, unknown>>;
  const breakages: fc.Arbitrary<{ value: Record<string, unknown>; breakage: Breakage }>[] = [];
  for (const [field, property] of Object.entries(resolved.properties ?? {})) {
    const replacements = invalidValues(property, resolve, wire);
    if (replacements.length) {
      breakages.push(
        fc.tuple(valid, fc.constantFrom(...replacements)).map(([value, { value: replacement, how }]) => ({
          value: { ...value, [field]: replacement },
          breakage: { field, how },
        })),
      );
    }
  }
  for (const field of resolved.required ?? []) {
    breakages.push(
      valid.map((value) => {
        const { [field]: _, ...rest } = value;
        return { value: rest, breakage: { field, how: 'missing required field' as const } };
      }),
    );
  }
  // The refusal names the field that was sent without what it needs.
  for (const [field, needs] of Object.entries(resolved.dependentRequired ?? {})) {
    const property = resolved.properties?.[field];
    if (!property) continue;
    breakages.push(
      fc
        .tuple(valid, validValue(property, resolve, listed), fc.constantFrom(...needs))
        .map(([value, present, missing]) => {
          const { [missing]: _, ...rest } = value;
          return {
            value: { ...rest, [field]: present },
            breakage: { field, how: 'missing dependency' as const },
          };
        }),
    );
  }
  if (unknownFields && resolved.additionalProperties === false) {
    breakages.push(
      valid.map((value) => ({
        value: { ...value, unexpectedField: 1 },
        breakage: { field: 'unexpectedField', how: 'unknown field' as const },
      })),
    );
  }
  return fc.oneof(...breakages);
}

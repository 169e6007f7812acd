import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textPolicyProblem } from '../../functions/contract/text.ts';
import {
  brokenObject,
  invalidValues,
  type JsonSchema,
  resolver,
  textPolicyOf,
  validValue,
} from '../support/schema-arbitrary.ts';

const document = {
  components: { schemas: { Status: { type: 'string', enum: ['confirmed', 'waitlisted'] } } },
};
const resolve = resolver(document);

const body: JsonSchema = {
  type: 'object',
  properties: {
    rating: { type: 'integer', minimum: 1, maximum: 5 },
    comment: {
      type: 'string',
      minLength: 1,
      maxLength: 20,
      description: 'Plain text, line breaks allowed: …',
    },
    author: { type: 'string', minLength: 1, maxLength: 8, description: 'Plain text on one line: …' },
    id: { type: 'string', pattern: '^[0-9A-HJKMNP-TV-Z]{26}$', example: '01JD3Z6Q8N4X2V7B5C9K1M0PRS' },
    at: { type: 'string', format: 'date-time' },
    // zod writes its stricter e-mail rule as a pattern beside the format: generated values keep both.
    email: {
      type: 'string',
      maxLength: 254,
      format: 'email',
      pattern:
        "^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$",
    },
    status: { $ref: '#/components/schemas/Status' },
    consent: { type: 'boolean', const: true },
    visa: { default: false, type: 'boolean' },
  },
  required: ['rating', 'comment', 'author', 'consent'],
  additionalProperties: false,
};

const ajv = new Ajv2020({ strict: false });
addFormats(ajv);
// The e-mail rule that counts is zod's pattern, which is looser than ajv-formats' (it allows a
// hyphen at the end of a domain label): the generator follows the pattern, so the test does too.
ajv.addFormat('email', true);
const accepts = ajv.compile({
  ...body,
  properties: { ...body.properties, status: document.components.schemas.Status },
});

describe('arbitraries from the document’s JSON schemas', () => {
  it('generates only values the schema accepts', () => {
    fc.assert(
      fc.property(validValue(body, resolve), (value) => {
        expect(accepts(value), JSON.stringify(accepts.errors)).toBe(true);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('reads the text policy from the field’s description', () => {
    expect(textPolicyOf({ type: 'string', description: 'Plain text on one line: …' })).toEqual({
      multiline: false,
    });
    expect(textPolicyOf({ type: 'string', description: 'Plain text, line breaks allowed: …' })).toEqual({
      multiline: true,
    });
    expect(textPolicyOf({ type: 'string' })).toBeUndefined();
  });

  it('breaks exactly one field, and the schema refuses every broken object (or the policy would)', () => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(brokenObject(body, resolve, 'json'), ({ value, breakage }) => {
        kinds.add(breakage.how);
        // The text policy is not JSON Schema: the server's own check refuses those, the schema the rest.
        if (breakage.how === 'forbidden character') {
          const multiline = textPolicyOf(body.properties?.[breakage.field] ?? {})?.multiline;
          expect(textPolicyProblem(String(value[breakage.field]), { multiline })).toBeDefined();
        } else {
          expect(accepts(value), `${breakage.how} ${breakage.field}`).toBe(false);
          const path = accepts.errors?.map((error) => `${error.instancePath}${JSON.stringify(error.params)}`);
          expect(path?.join(' '), breakage.how).toContain(breakage.field);
        }
      }),
      { numRuns: 400, seed: 12 },
    );
    expect([...kinds].sort()).toEqual([
      'forbidden character',
      'missing required field',
      'out of bounds',
      'unknown field',
      'wrong format',
      'wrong type',
    ]);
  });

  it('sends no lone surrogate in a query string (it would arrive as U+FFFD) and no line break where lines are allowed', () => {
    const text = (wire: 'json' | 'text', description: string) =>
      invalidValues({ type: 'string', description }, resolve, wire).map(({ value }) => String(value));
    expect(text('json', 'Plain text on one line').some((value) => value.includes('\ud800'))).toBe(true);
    expect(text('text', 'Plain text on one line').some((value) => value.includes('\ud800'))).toBe(false);
    expect(text('json', 'Plain text, line breaks allowed').some((value) => value.includes('\n'))).toBe(false);
  });

  it('sends a field only beside the fields it needs, and a listed value only from its list', () => {
    const query: JsonSchema = {
      type: 'object',
      properties: {
        near: { type: 'string', pattern: '^\\d,\\d$' },
        radius: { type: 'integer', minimum: 1, maximum: 9 },
        category: {
          type: 'string',
          pattern: '^[a-z]{2,8}$',
          'x-values-from': { operationId: 'getCategories', items: '/items', field: 'id' },
        },
      },
      required: ['category'],
      dependentRequired: { radius: ['near'] },
      additionalProperties: false,
    };
    const listed = () => ['delegate', 'media'];
    const acceptsQuery = ajv.compile(query);
    let withRadius = 0;
    fc.assert(
      fc.property(validValue(query, resolve, listed) as fc.Arbitrary<Record<string, unknown>>, (value) => {
        expect(acceptsQuery(value), JSON.stringify(acceptsQuery.errors)).toBe(true);
        expect(listed()).toContain(value.category);
        if (value.radius !== undefined) withRadius += 1;
      }),
      { numRuns: 100, seed: 13 },
    );
    expect(withRadius).toBeGreaterThan(0);
    const broken = fc.sample(brokenObject(query, resolve, 'text', { listed }), { numRuns: 200, seed: 14 });
    const missing = broken.filter(({ breakage }) => breakage.how === 'missing dependency');
    expect(missing.length).toBeGreaterThan(0);
    for (const { value, breakage } of missing) {
      expect(breakage.field).toBe('radius');
      expect(acceptsQuery(value)).toBe(false);
    }
    expect(() => fc.sample(validValue(query, resolve), 1)).toThrow(/no values listed/);
  });

  it('throws on a keyword it does not know, instead of generating wrongly', () => {
    expect(() => validValue({ type: 'string', oneOf: [] } as JsonSchema, resolve)).toThrow(/oneOf/);
  });
});

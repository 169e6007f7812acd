import { Validator } from '@seriousme/openapi-schema-validator';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../functions/contract/openapi.ts';
import { problemKinds, problemType } from '../../functions/contract/problems.ts';
import {
  answerSchemas,
  answersOf,
  apiRoutes,
  contract,
  type RouteKey,
  routeKey,
} from '../../functions/routes.ts';

const document = openApiDocument();
const routeKeys = Object.keys(contract) as RouteKey[];

describe('the OpenAPI document', () => {
  it('is the committed one: a change to the contract shows in review as a change to docs/openapi.json', async () => {
    await expect(`${JSON.stringify(document, null, 2)}\n`).toMatchFileSnapshot('../../docs/openapi.json');
  });

  it('passes an independent OpenAPI 3.1 validator', async () => {
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('gives openapi-typescript what it needs to generate types', async () => {
    const types = astToString(await openapiTS(structuredClone(document) as never));
    expect(types).toContain('"/api/registrations/{id}/ticket.svg"');
    expect(types).toContain(
      'RegistrationStatus: "confirmed" | "waitlisted" | "pending_approval" | "rejected" | "cancelled"',
    );
  });

  it('describes every route of the table, each with every answer it can give', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(apiRoutes.map(routeKey).sort());
    for (const key of routeKeys) {
      const [method = '', path = ''] = key.split(' ');
      const operation = document.paths[path]?.[method.toLowerCase()] as {
        responses: Record<string, unknown>;
      };
      expect(Object.keys(operation.responses), key).toEqual(Object.keys(answersOf(key)));
      expect(Object.keys(operation.responses), key).toEqual(expect.arrayContaining(['413', '500', '503']));
    }
  });

  it('declares the gateway’s 401 and the role check’s 403 on every route behind the authorizer, and only there', () => {
    for (const route of apiRoutes) {
      const statuses = Object.keys(answersOf(routeKey(route) as RouteKey));
      expect(statuses.includes('401') && statuses.includes('403'), routeKey(route)).toBe(
        route.authorized === true,
      );
      expect(route.path.startsWith('/api/admin/'), routeKey(route)).toBe(route.authorized === true);
    }
  });

  it('names the security scheme each protected route needs', () => {
    for (const key of routeKeys) {
      const [method = '', path = ''] = key.split(' ');
      const operation = document.paths[path]?.[method.toLowerCase()] as { security?: unknown };
      const expected = path.startsWith('/api/admin/')
        ? [{ organizerToken: [] }]
        : path.startsWith('/api/registrations/')
          ? [{ manageToken: [] }]
          : path.startsWith('/api/resident-affairs/follow')
            ? [{ followToken: [] }]
            : undefined;
      expect(operation.security, key).toEqual(expected);
    }
  });

  it('has examples that the contract’s own schemas accept', () => {
    for (const key of routeKeys) {
      const declaration = contract[key];
      if ('body' in declaration && 'schema' in declaration.body) {
        expect(declaration.body.schema.safeParse(declaration.body.example).error, key).toBeUndefined();
      }
      for (const [status, answer] of Object.entries(answersOf(key))) {
        if (answer.example === undefined) continue;
        expect(
          answerSchemas(key, Number(status))?.json?.safeParse(answer.example).error,
          `${key} ${status}`,
        ).toBeUndefined();
      }
    }
  });
});

describe('answer schemas by route and status', () => {
  it('give the problem schema of exactly the kinds a status can carry', () => {
    const conflict = answerSchemas('POST /api/registrations', 409)?.problem;
    const problem = (kind: keyof typeof problemKinds) => ({
      type: problemType(kind),
      title: problemKinds[kind].title,
      status: problemKinds[kind].status,
      detail: 'x',
      requestId: 'r',
    });
    expect(conflict?.safeParse(problem('already-registered')).success).toBe(true);
    expect(conflict?.safeParse(problem('conflict')).success).toBe(false);
    expect(answerSchemas('GET /api/health', 404)).toBeUndefined();
    expect(answerSchemas('GET /api/registrations/{id}/ticket.svg', 200)?.media).toBe('image/svg+xml');
  });

  it('use one type URI per problem kind', () => {
    const types = Object.keys(problemKinds).map((kind) => problemType(kind as keyof typeof problemKinds));
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) expect(URL.canParse(type), type).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { healthContract } from '../../functions/contract/health.ts';
import { json } from '../../functions/http/response.ts';
import { routeHandler } from '../../functions/http/route-handler.ts';
import { apiFunctions } from '../../functions/routes.ts';

describe("the route handler and its function's own declarations", () => {
  it('refuses to serve a route whose declaration it was not given', () => {
    expect(() =>
      routeHandler(healthContract, { 'GET /api/openapi.json': async () => json(200, {}) }),
    ).toThrow('GET /api/openapi.json is served without its declaration');
  });

  // Each entry point's routes must all be there (the Routes type says so) and each with its
  // declaration (else loading it throws, above): so it was given exactly its own part of the contract.
  it.each(Object.entries(apiFunctions))(
    'the %s function loads with a declaration for each route',
    async (_, entry) => {
      const { handler } = (await import(`../../${entry}`)) as { handler: unknown };
      expect(handler).toBeTypeOf('function');
    },
  );
});

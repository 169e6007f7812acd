import { describe, expect, it } from 'vitest';
import { healthRoutes } from '../../functions/api/health.ts';
import { healthContract } from '../../functions/contract/health.ts';
import { referenceContract } from '../../functions/contract/reference.ts';
import { routeHandler } from '../../functions/http/route-handler.ts';
import { matchRoute } from '../../local/api-gateway.ts';
import { apiEvent } from '../support/events.ts';

/** What the health function declares (functions/handlers/http/health.ts). */
const healthFunctionContract = { ...healthContract, ...referenceContract };
const answering = routeHandler(healthFunctionContract, healthRoutes({ dynamodb: async () => {} }));
const failing = routeHandler(
  healthFunctionContract,
  healthRoutes({
    dynamodb: async () => {
      throw new Error('connection refused');
    },
  }),
);

describe('HEAD /api/health', () => {
  it('is a route of the contract, so API Gateway routes it as the local gateway does', () => {
    expect(matchRoute('HEAD', '/api/health')).toMatchObject({
      route: { routeKey: 'HEAD /api/health' },
      function: 'health',
    });
  });

  it("answers the GET's status and caching headers without a body or its content type", async () => {
    const get = await answering(apiEvent('GET', '/api/health'));
    const head = await answering(apiEvent('HEAD', '/api/health'));
    expect(get).toMatchObject({ statusCode: 200, headers: { 'cache-control': 'no-store' } });
    expect(get.headers).toHaveProperty('content-type');
    expect(head).toMatchObject({ statusCode: 200, headers: { 'cache-control': 'no-store' }, body: '' });
    expect(head.headers).not.toHaveProperty('content-type');

    const failed = await failing(apiEvent('HEAD', '/api/health'));
    expect(failed).toMatchObject({
      statusCode: 503,
      headers: { 'cache-control': 'no-store', 'retry-after': '1' },
      body: '',
    });
    expect(failed.headers).not.toHaveProperty('content-type');
  });
});

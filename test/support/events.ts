import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { matchRoute } from '../../local/api-gateway.ts';
import { toApiGatewayEvent } from '../../local/gateway-event.ts';

/**
 * The event API Gateway would send for a request, built by the same adapter the local server uses.
 * `client` is the address the request comes from (CloudFront-Viewer-Address is built from it).
 */
export function apiEvent(
  method: string,
  url: string,
  init: { body?: string; headers?: Record<string, string>; client?: string } = {},
) {
  const match = matchRoute(method, url.split('?')[0] ?? url);
  if (!match || !('route' in match)) throw new Error(`no route for ${method} ${url}`);
  return toApiGatewayEvent(
    {
      method,
      url,
      headers: { host: '127.0.0.1', ...init.headers },
      body: Buffer.from(init.body ?? ''),
      sourceIp: init.client ?? '127.0.0.1',
      httpVersion: '1.1',
    },
    match.route,
  ) satisfies APIGatewayProxyEventV2;
}

import { referenceContract } from '../contract/reference.ts';
import { checkHealth, type Probe } from '../domain/health.ts';
import { json } from '../http/response.ts';
import type { Routes } from '../http/route-handler.ts';

/** The whole answer, 503 included, must come back within a second: load balancers give up soon after. */
const deadlineMs = 900;

/** The health check, and the API's own description: both public, neither reads a table. */
export function healthRoutes(probes: Record<string, Probe>): Routes<'health'> {
  const health = async () => {
    const report = await checkHealth(probes, deadlineMs);
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (report.status === 'ok') return json(200, report, headers);
    return json(503, report, { ...headers, 'retry-after': '1' });
  };
  return {
    'GET /api/health': health,
    // The GET's status and caching headers, without the report (nor its content type).
    'HEAD /api/health': async () => {
      const { statusCode, headers = {} } = await health();
      const { 'content-type': _, ...rest } = headers;
      return { statusCode, headers: rest, body: '' };
    },
    'GET /api/openapi.json': async () => {
      // A lazy import: health checks, the hot path, never generate the document.
      const { openApiDocument } = await import('#openapi-document');
      return json(200, openApiDocument(), {
        'cache-control': referenceContract['GET /api/openapi.json'].cacheControl,
      });
    },
  };
}

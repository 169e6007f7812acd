import { checkHealth, type Probe } from '../domain/health.ts';
import { json } from '../http/response.ts';
import type { Route } from '../http/route-handler.ts';

/** The whole answer, 503 included, must come back within a second: load balancers give up soon after. */
const deadlineMs = 900;

export function healthRoutes(probes: Record<string, Probe>): Record<string, Route> {
  return {
    'GET /api/health': async () => {
      const report = await checkHealth(probes, deadlineMs);
      const headers: Record<string, string> = { 'cache-control': 'no-store' };
      if (report.status === 'ok') return json(200, report, headers);
      return json(503, report, { ...headers, 'retry-after': '1' });
    },
  };
}

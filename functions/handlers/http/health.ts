import { healthRoutes } from '../../api/health.ts';
import { healthContract } from '../../contract/health.ts';
import { referenceContract } from '../../contract/reference.ts';
import { routeHandler } from '../../http/route-handler.ts';
import { healthProbes } from '../wiring.ts';

export const handler = routeHandler(
  { ...healthContract, ...referenceContract },
  healthRoutes(healthProbes()),
);

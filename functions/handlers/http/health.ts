import { healthRoutes } from '../../api/health.ts';
import { routeHandler } from '../../http/route-handler.ts';
import { healthProbes } from '../wiring.ts';

export const handler = routeHandler(healthRoutes(healthProbes()));

import { venueRoutes } from '../../api/venues.ts';
import { venuesContract } from '../../contract/venues.ts';
import { routeHandler } from '../../http/route-handler.ts';
import { staffAuditDependencies, venueDependencies } from '../wiring.ts';

export const handler = routeHandler(
  venuesContract,
  venueRoutes(venueDependencies()),
  staffAuditDependencies(),
);

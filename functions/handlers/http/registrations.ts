import { registrationRoutes } from '../../api/registrations.ts';
import { routeHandler } from '../../http/route-handler.ts';
import { proofOfWork, registrationContexts } from '../wiring.ts';

export const handler = routeHandler(registrationRoutes(registrationContexts(), proofOfWork('registrations')));

import { registrationRoutes } from '../../api/registrations.ts';
import { routeHandler } from '../../http/route-handler.ts';
import { registrationContexts } from '../wiring.ts';

export const handler = routeHandler(registrationRoutes(registrationContexts()));

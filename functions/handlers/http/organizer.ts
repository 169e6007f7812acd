import { organizerRoutes } from '../../api/organizer.ts';
import { routeHandler } from '../../http/route-handler.ts';
import { registrationContexts } from '../wiring.ts';

export const handler = routeHandler(organizerRoutes(registrationContexts()));

import { residentAffairsRoutes } from '../../api/resident-affairs.ts';
import { open311Contract } from '../../contract/open311.ts';
import { routeHandler } from '../../http/route-handler.ts';

export const handler = routeHandler(open311Contract, residentAffairsRoutes());

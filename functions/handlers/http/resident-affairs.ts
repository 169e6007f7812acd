import { residentAffairsRoutes } from '../../api/resident-affairs.ts';
import { open311Contract } from '../../contract/open311.ts';
import { residentAffairsContract } from '../../contract/resident-affairs.ts';
import { routeHandler } from '../../http/route-handler.ts';
import { residentAffairsDependencies } from '../wiring.ts';

export const handler = routeHandler(
  { ...open311Contract, ...residentAffairsContract },
  residentAffairsRoutes(residentAffairsDependencies()),
);

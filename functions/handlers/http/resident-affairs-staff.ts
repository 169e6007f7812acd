import { residentAffairsStaffRoutes } from '../../api/resident-affairs-staff.ts';
import { residentAffairsStaffContract } from '../../contract/resident-affairs-staff.ts';
import { routeHandler } from '../../http/route-handler.ts';
import { residentAffairsStaffDependencies, staffAuditDependencies } from '../wiring.ts';

export const handler = routeHandler(
  residentAffairsStaffContract,
  residentAffairsStaffRoutes(residentAffairsStaffDependencies()),
  staffAuditDependencies(),
);

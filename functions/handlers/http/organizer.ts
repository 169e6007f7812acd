import { organizerRoutes } from '../../api/organizer.ts';
import { organizerContract } from '../../contract/organizer.ts';
import { routeHandler } from '../../http/route-handler.ts';
import { registrationContexts, staffAuditDependencies } from '../wiring.ts';

const staffAudit = staffAuditDependencies();

export const handler = routeHandler(
  organizerContract,
  organizerRoutes(registrationContexts(), staffAudit.store),
  staffAudit,
);

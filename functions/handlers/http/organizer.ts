import { checkinDeskRoutes } from '../../api/checkin-desk.ts';
import { organizerRoutes } from '../../api/organizer.ts';
import { checkinDeskContract } from '../../contract/checkin-desk.ts';
import { organizerContract } from '../../contract/organizer.ts';
import { routeHandler } from '../../http/route-handler.ts';
import { checkinDeskDependencies, registrationContexts, staffAuditDependencies } from '../wiring.ts';

const staffAudit = staffAuditDependencies();
const contextFor = registrationContexts();

export const handler = routeHandler(
  { ...organizerContract, ...checkinDeskContract },
  {
    ...organizerRoutes(contextFor, staffAudit.store),
    ...checkinDeskRoutes(checkinDeskDependencies(contextFor)),
  },
  staffAudit,
);

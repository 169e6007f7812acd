import { badgeRoutes } from '../../api/badges.ts';
import { checkinDeskRoutes } from '../../api/checkin-desk.ts';
import { checkinRosterRoutes } from '../../api/checkin-roster.ts';
import { messagesRoutes } from '../../api/messages.ts';
import { organizerRoutes } from '../../api/organizer.ts';
import { registrationEditRoutes } from '../../api/registration-edits.ts';
import { badgesContract } from '../../contract/badges.ts';
import { checkinDeskContract } from '../../contract/checkin-desk.ts';
import { checkinRosterContract } from '../../contract/checkin-roster.ts';
import { messagesContract } from '../../contract/messages.ts';
import { organizerContract } from '../../contract/organizer.ts';
import { registrationEditsContract } from '../../contract/registration-edits.ts';
import { routeHandler } from '../../http/route-handler.ts';
import {
  checkinDeskDependencies,
  checkinSigningKeys,
  registrationContexts,
  staffAuditDependencies,
} from '../wiring.ts';

const staffAudit = staffAuditDependencies();
const contextFor = registrationContexts();

export const handler = routeHandler(
  {
    ...organizerContract,
    ...checkinDeskContract,
    ...checkinRosterContract,
    ...registrationEditsContract,
    ...badgesContract,
    ...messagesContract,
  },
  {
    ...organizerRoutes(contextFor, staffAudit.store),
    ...checkinDeskRoutes(checkinDeskDependencies(contextFor)),
    ...checkinRosterRoutes(contextFor),
    ...messagesRoutes(contextFor),
    ...registrationEditRoutes(contextFor),
    ...badgeRoutes({ contextFor, signingKey: checkinSigningKeys }),
  },
  staffAudit,
);

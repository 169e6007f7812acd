import { registrationRoutes } from '../../api/registrations.ts';
import { proofOfWorkContract } from '../../contract/proof-of-work.ts';
import { registrationsContract } from '../../contract/registrations.ts';
import { routeHandler } from '../../http/route-handler.ts';
import { checkinSigningKeys, proofOfWork, registrationContexts } from '../wiring.ts';

export const handler = routeHandler(
  { ...registrationsContract, ...proofOfWorkContract },
  registrationRoutes(registrationContexts(), proofOfWork('registrations'), checkinSigningKeys),
);

import { issueChallenge, type ProofOfWork, type Refusal, refusalMessages } from '../domain/challenges.ts';
import { clientAddress } from '../http/request-info.ts';
import { invalid, json } from '../http/response.ts';
import type { Route } from '../http/route-handler.ts';
import { countRefusedChallenge } from '../telemetry/business-metrics.ts';

/** GET /api/challenge: a fresh challenge each time, so never cached. */
export const challengeRoute =
  (proofOfWorkFor: () => Promise<ProofOfWork>): Route<'GET /api/challenge'> =>
  async ({ query: { purpose, domain } }, event) => {
    const challenge = await issueChallenge(
      await proofOfWorkFor(),
      { purpose, ...(purpose === 'registration' && domain ? { domain } : {}) },
      clientAddress(event),
    );
    return json(200, challenge, { 'cache-control': 'no-store' });
  };

/** A refused solution: counted, and answered 400 naming the `altcha` field, as for any field at fault. */
export function refusedSolution(reason: Refusal) {
  countRefusedChallenge(reason);
  return invalid('The proof-of-work solution was not accepted.', [
    { path: 'altcha', message: refusalMessages[reason] },
  ]);
}

import type { RateLimiter } from '../store/rate-limiter.ts';
import type { UsedChallengeStore } from '../store/used-challenge-store.ts';
import {
  type Challenge,
  type ChallengeBinding,
  checkSolution,
  createChallenge,
  maxnumberFor,
  type ProofOfWorkSettings,
  type SolutionCheck,
} from './proof-of-work.ts';

/** What a function needs to issue challenges or accept solutions. */
export interface ProofOfWork {
  secret: string;
  settings: ProofOfWorkSettings;
  /** Registrations per client address and e-mail domain, in the settings' window. */
  rateLimiter: RateLimiter;
  /** Solutions already accepted. */
  usedChallenges: UsedChallengeStore;
  now: () => Date;
}

/** The counters of a registration's client address and e-mail domain. */
const counterKeys = (clientAddress: string, domain: string | undefined) => [
  `registrations:address:${clientAddress}`,
  ...(domain ? [`registrations:domain:${domain}`] : []),
];

/**
 * The difficulty a registration from this address with this e-mail domain needs now: the step of
 * the next registration, counted by whichever of the two has registered more in the window.
 * Reviews keep the first step: their own rate limit (five per ten minutes) already bounds them.
 */
async function requiredMaxnumber(deps: ProofOfWork, binding: ChallengeBinding, clientAddress: string) {
  if (binding.purpose !== 'registration') return maxnumberFor(1, deps.settings);
  const { windowSeconds } = deps.settings;
  const now = deps.now();
  const counts = await Promise.all(
    counterKeys(clientAddress, binding.domain).map((key) => deps.rateLimiter.recent(key, windowSeconds, now)),
  );
  return maxnumberFor(Math.max(...counts) + 1, deps.settings);
}

/**
 * A challenge as hard as the client's recent registrations make it: a busy address or domain
 * waits longer, nobody is refused. Issuing writes nothing; registrations are counted when made.
 */
export async function issueChallenge(
  deps: ProofOfWork,
  binding: ChallengeBinding,
  clientAddress: string,
): Promise<Challenge> {
  const maxnumber = await requiredMaxnumber(deps, binding, clientAddress);
  return createChallenge(deps.secret, binding, {
    maxnumber,
    now: deps.now(),
    expiresInSeconds: deps.settings.expiresInSeconds,
  });
}

export type Refusal = Extract<SolutionCheck, { ok: false }>['reason'] | 'too-easy' | 'reused';

/** A solution claimed for one request; `settleSolution` says how that request ended. */
export interface AcceptedSolution {
  challenge: string;
  binding: ChallengeBinding;
  clientAddress: string;
  /** The same request again (an Idempotency-Key retry): its first attempt already settled. */
  retry: boolean;
}

/**
 * Claims a solution for one request: checked, claimed with a conditional write (so a solution is
 * accepted once, however many requests race with it), and held to the difficulty the client needs
 * now (challenges fetched in a batch before registering in a burst are too easy by the time they
 * are sent). A refused solution leaves nothing stored.
 */
export async function redeemSolution(
  deps: ProofOfWork,
  payload: string,
  binding: ChallengeBinding,
  clientAddress: string,
  retryKey?: string,
): Promise<{ ok: true; accepted: AcceptedSolution } | { ok: false; reason: Refusal }> {
  const check = checkSolution(deps.secret, payload, binding, deps.now());
  if (!check.ok) return check;
  // One round trip for both: the claim and the counters the difficulty is read from.
  const [claim, required] = await Promise.all([
    deps.usedChallenges.claim(check.challenge, check.expiresAt, retryKey),
    requiredMaxnumber(deps, binding, clientAddress),
  ]);
  if (claim === 'used') return { ok: false, reason: 'reused' };
  const accepted = { challenge: check.challenge, binding, clientAddress, retry: claim === 'retry' };
  if (!accepted.retry && check.maxnumber < required) {
    await deps.usedChallenges.release(check.challenge);
    return { ok: false, reason: 'too-easy' };
  }
  return { ok: true, accepted };
}

/**
 * How a request that carried a solution ended. `spent`: it registered, posted, or learned that an
 * address is registered (409 already-registered): the solution stays used and a registration's
 * address and domain are counted, so probing which addresses are registered costs as much work as
 * registering. `refused`: anything else (category closed, review limit) frees the claim, so such a
 * refusal leaves nothing stored and the same solution may carry the corrected request.
 */
export type Settlement = 'spent' | 'refused';

export async function settleSolution(deps: ProofOfWork, accepted: AcceptedSolution, settlement: Settlement) {
  if (accepted.retry) return;
  if (settlement === 'refused') return deps.usedChallenges.release(accepted.challenge);
  if (accepted.binding.purpose !== 'registration') return;
  const now = deps.now();
  await Promise.all(
    counterKeys(accepted.clientAddress, accepted.binding.domain).map((key) =>
      deps.rateLimiter.count(key, deps.settings.windowSeconds, now),
    ),
  );
}

/** Why a solution was refused, for the 400 answer that names the `altcha` field. */
export const refusalMessages: Record<Refusal, string> = {
  malformed: 'is not a solution payload (base64 JSON of algorithm, challenge, number, salt, signature)',
  forged: 'does not solve a challenge this server signed',
  expired: 'solves a challenge that has expired; ask GET /api/challenge for a new one',
  'other-purpose': 'solves a challenge issued for another purpose or e-mail domain',
  'too-easy': 'solves a challenge easier than this client now needs; ask GET /api/challenge for a new one',
  reused: 'solves a challenge that has been used already; each solution is accepted once',
};

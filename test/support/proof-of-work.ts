/**
 * The project's own proof-of-work client for Node: tests, benchmarks and fixtures solve the API's
 * ALTCHA challenges through it, as a browser's form does through site/src/scripts/proof-of-work.ts.
 */
import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ProofOfWork } from '../../functions/domain/challenges.ts';
import {
  type Challenge,
  type ChallengeBinding,
  createChallenge,
  defaultProofOfWorkSettings,
  emailDomain,
  type ProofOfWorkSettings,
} from '../../functions/domain/proof-of-work.ts';
import { DynamoDbRateLimiter } from '../../functions/store/dynamodb/rate-limiter.ts';
import { DynamoDbUsedChallengeStore } from '../../functions/store/dynamodb/used-challenge-store.ts';

/** Difficulty for tests: the default steps at the same counts, with a thousandth of the work. */
export const testProofOfWorkSettings: ProofOfWorkSettings = {
  ...defaultProofOfWorkSettings,
  steps: defaultProofOfWorkSettings.steps.map(({ after, maxnumber }) => ({
    after,
    maxnumber: maxnumber / 1000,
  })),
};

/** The environment that gives a test portal the test difficulty (PROOF_OF_WORK). */
export const testProofOfWorkEnvironment = { PROOF_OF_WORK: JSON.stringify(testProofOfWorkSettings) };

/**
 * One low step, for runs about something else (the fault drill, throughput benchmarks): a burst
 * from one address never outgrows its challenges, and a solution costs a few dozen hashes.
 */
export const singleStepProofOfWorkEnvironment = {
  PROOF_OF_WORK: JSON.stringify({
    windowSeconds: 3600,
    expiresInSeconds: 600,
    steps: [{ after: 0, maxnumber: 50 }],
  }),
};

export const testSecret = 'a proof-of-work key for tests only';

/** Proof of work over a test's own tables, as functions/handlers/wiring.ts builds it in a function. */
export function testProofOfWork(
  client: DynamoDBDocumentClient,
  tableName: string,
  { settings = testProofOfWorkSettings, now = () => new Date() } = {},
): () => Promise<ProofOfWork> {
  const deps: ProofOfWork = {
    secret: testSecret,
    settings,
    rateLimiter: new DynamoDbRateLimiter(client, tableName),
    usedChallenges: new DynamoDbUsedChallengeStore(client, tableName),
    now,
  };
  return async () => deps;
}

/** The number that solves `challenge`, found as any ALTCHA client does: trying 0, 1, 2, … up to maxnumber. */
export function solveChallenge({ challenge, salt, maxnumber }: Challenge): number {
  for (let number = 0; number <= maxnumber; number += 1) {
    if (
      createHash('sha256')
        .update(salt + number)
        .digest('hex') === challenge
    )
      return number;
  }
  throw new Error('the challenge has no solution up to its maxnumber');
}

/** The `altcha` field for a solved challenge: base64 JSON, as the ALTCHA widget sends it. */
export function solutionPayload(challenge: Challenge): string {
  const started = performance.now();
  const number = solveChallenge(challenge);
  const { algorithm, salt, signature } = challenge;
  const took = Math.round(performance.now() - started);
  return Buffer.from(
    JSON.stringify({ algorithm, challenge: challenge.challenge, number, salt, signature, took }),
  ).toString('base64');
}

/** A solution made without a server, for routes tested with the test key (`testSecret`). */
export function localSolution(
  binding: ChallengeBinding,
  { maxnumber = 50, now = new Date(), expiresInSeconds = 600, secret = testSecret } = {},
): string {
  return solutionPayload(createChallenge(secret, binding, { maxnumber, now, expiresInSeconds }));
}

/**
 * The query of GET /api/challenge for a registration with `email` (its domain, when it has one the
 * API would take: a test of a bad address still gets a challenge), or for a review.
 */
export function challengeQuery(purpose: ChallengeBinding['purpose'], email?: string) {
  const domain = email?.includes('@') ? emailDomain(email) : '';
  const bound = purpose === 'registration' && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain);
  return new URLSearchParams({ purpose, ...(bound ? { domain } : {}) });
}

/** Asks a running portal for a challenge and solves it: the `altcha` field of one request. */
export async function fetchSolution(
  portalUrl: string,
  purpose: ChallengeBinding['purpose'],
  email?: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const challenge = await fetchChallenge(portalUrl, purpose, email, headers);
  return solutionPayload(challenge);
}

export async function fetchChallenge(
  portalUrl: string,
  purpose: ChallengeBinding['purpose'],
  email?: string,
  headers: Record<string, string> = {},
): Promise<Challenge> {
  const response = await fetch(new URL(`/api/challenge?${challengeQuery(purpose, email)}`, portalUrl), {
    headers,
  });
  if (response.status !== 200) throw new Error(`GET /api/challenge answered ${response.status}`);
  return (await response.json()) as Challenge;
}

/**
 * Solutions for many registrations, solved before a measurement so it times only the registering
 * (`concurrency` challenges asked for at once): e-mail address → `altcha` field.
 */
export async function solutionsFor(portalUrl: string, emails: readonly string[], concurrency = 16) {
  const solutions = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < emails.length) {
      const email = emails[next++] as string;
      solutions.set(email, await fetchSolution(portalUrl, 'registration', email));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return solutions;
}

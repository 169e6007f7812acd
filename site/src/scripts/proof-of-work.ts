import { type AnswerBody, callApi, type Problem } from './api.ts';

type Challenge = AnswerBody<'GET /api/challenge', 200>;
type Purpose = 'registration' | 'review' | 'resident-request';

/** Digests started together before the page gets the main thread back: a few milliseconds of work. */
const batchSize = 1000;

const hexBytes = (hex: string) =>
  Uint8Array.from(hex.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));

function sameBytes(digest: ArrayBuffer, expected: Uint8Array): boolean {
  const actual = new Uint8Array(digest);
  for (let i = 0; i < expected.length; i += 1) if (actual[i] !== expected[i]) return false;
  return true;
}

/**
 * The number that solves an ALTCHA challenge: SHA-256(salt + n) for n = 0, 1, 2, … until it is the
 * challenge, with Web Crypto. Each batch awaits its digests and then a macrotask, so input, painting
 * and the progress text go on while it works. `progress` gets the share of maxnumber tried (0 to 1).
 */
export async function solveChallenge(
  { challenge, salt, maxnumber }: Challenge,
  progress: (tried: number) => void = () => {},
): Promise<number | undefined> {
  const expected = hexBytes(challenge);
  const encoder = new TextEncoder();
  for (let start = 0; start <= maxnumber; start += batchSize) {
    const end = Math.min(start + batchSize - 1, maxnumber);
    const numbers = Array.from({ length: end - start + 1 }, (_, i) => start + i);
    const digests = await Promise.all(
      numbers.map((number) => crypto.subtle.digest('SHA-256', encoder.encode(salt + number))),
    );
    const found = digests.findIndex((digest) => sameBytes(digest, expected));
    if (found >= 0) return numbers[found];
    progress((end + 1) / (maxnumber + 1));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return undefined;
}

export type Solution =
  | { ok: true; altcha: string }
  | { ok: false; status: number; problem: Problem; later: boolean; retryAfterSeconds?: number };

/**
 * Asks the API for a challenge and solves it: the `altcha` field of one request, base64 JSON as the
 * ALTCHA widget sends it. A registration's challenge is bound to the domain of its e-mail address.
 */
export async function solveFor(
  purpose: Purpose,
  email: string | undefined,
  progress: (tried: number) => void,
): Promise<Solution> {
  const domain =
    purpose === 'registration' ? email?.slice(email.lastIndexOf('@') + 1).toLowerCase() : undefined;
  const answer = await callApi('GET /api/challenge', {
    query: { purpose, ...(domain && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) ? { domain } : {}) },
  });
  if (!answer.ok) return answer;
  const started = performance.now();
  const number = await solveChallenge(answer.data, progress);
  if (number === undefined) return { ok: false, status: 0, problem: { status: 0 }, later: false };
  const { algorithm, challenge, salt, signature } = answer.data;
  const took = Math.round(performance.now() - started);
  return { ok: true, altcha: btoa(JSON.stringify({ algorithm, challenge, number, salt, signature, took })) };
}

/** A refusal that a new challenge answers: the solution was too easy for this address by the time it was sent, or expired. */
export const wantsNewChallenge = (status: number, problem: Problem) =>
  status === 400 &&
  problem.errors?.length === 1 &&
  problem.errors[0]?.path === 'altcha' &&
  /easier|expired/.test(problem.errors[0].message);

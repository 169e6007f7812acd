import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';

/**
 * Proof of work over ALTCHA's open protocol (https://altcha.org/docs/), so the ALTCHA widget and
 * `altcha-lib` clients work unchanged. The server picks a secret number n ≤ maxnumber and sends
 * challenge = hex(SHA-256(salt + n)) with signature = hex(HMAC-SHA-256(secret, challenge)); the
 * client tries numbers until one hashes to the challenge and sends back base64(JSON) of
 * {algorithm, challenge, number, salt, signature}. Checking costs one hash and one HMAC.
 *
 * The salt carries what the challenge is bound to, as altcha-lib writes it: `<random>?expires=
 * <unix seconds>&purpose=<purpose>&maxnumber=<difficulty>&domain=<e-mail domain>&`. The closing `&` keeps a client from
 * moving digits of the number into the salt (salt + number is one string to the hash, so
 * "…expires=17" + 99 and "…expires=1799" + "" would otherwise hash alike and stretch the expiry).
 */
export const proofOfWorkPurposes = ['registration', 'review', 'resident-request'] as const;
export type ProofOfWorkPurpose = (typeof proofOfWorkPurposes)[number];

export const proofOfWorkAlgorithm = 'SHA-256';

/** One step of difficulty: from `after` recent challenges on, the secret number is drawn below `maxnumber`. */
const difficultyStep = z.object({
  after: z.number().check(z.int(), z.gte(0)),
  maxnumber: z.number().check(z.int(), z.gte(1)),
});

export const proofOfWorkSettings = z.object({
  /** How far back "recent" reaches: the window the per-address and per-domain counters run in. */
  windowSeconds: z.number().check(z.int(), z.gte(1)),
  /** How long a challenge may be solved and redeemed. */
  expiresInSeconds: z.number().check(z.int(), z.gte(10)),
  /** Ascending by `after`; the first must start at 0. */
  steps: z.array(difficultyStep).check(
    z.minLength(1),
    z.refine((steps) => steps[0]?.after === 0, 'the first step starts at after: 0'),
    z.refine(
      (steps) => steps.every((step, i) => i === 0 || step.after > (steps[i - 1]?.after ?? 0)),
      'steps ascend by after',
    ),
  ),
});

export type ProofOfWorkSettings = z.infer<typeof proofOfWorkSettings>;

/**
 * The defaults, for a conference whose delegations share hotel addresses: a person registering
 * alone solves about 25,000 hashes (well under a second on a phone); the 40th registration from one
 * address in an hour costs about 10 times that, and from the 100th on each costs about 2.5 million
 * hashes (seconds per registration), which prices a flood without refusing anyone.
 */
export const defaultProofOfWorkSettings: ProofOfWorkSettings = {
  windowSeconds: 3600,
  expiresInSeconds: 600,
  steps: [
    { after: 0, maxnumber: 50_000 },
    { after: 10, maxnumber: 200_000 },
    { after: 30, maxnumber: 500_000 },
    { after: 100, maxnumber: 5_000_000 },
  ],
};

/** The settings of a deployment: PROOF_OF_WORK (JSON of ProofOfWorkSettings), else the defaults. */
export function proofOfWorkSettingsFrom(env: Record<string, string | undefined>): ProofOfWorkSettings {
  const configured = env.PROOF_OF_WORK?.trim();
  return configured ? proofOfWorkSettings.parse(JSON.parse(configured)) : defaultProofOfWorkSettings;
}

/** The maxnumber for a client that has asked for `recent` challenges in the window (this one included). */
export function maxnumberFor(recent: number, settings: ProofOfWorkSettings): number {
  let maxnumber = settings.steps[0]?.maxnumber ?? 1;
  for (const step of settings.steps) if (recent > step.after) maxnumber = step.maxnumber;
  return maxnumber;
}

export interface ChallengeBinding {
  purpose: ProofOfWorkPurpose;
  /** The e-mail domain a registration will be made with (lower case); reviews have none. */
  domain?: string;
}

export interface Challenge {
  algorithm: typeof proofOfWorkAlgorithm;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmacHex = (secret: string, text: string) =>
  createHmac('sha256', secret).update(text, 'utf8').digest('hex');

export function createChallenge(
  secret: string,
  binding: ChallengeBinding,
  { maxnumber, now, expiresInSeconds }: { maxnumber: number; now: Date; expiresInSeconds: number },
): Challenge {
  const expires = Math.floor(now.getTime() / 1000) + expiresInSeconds;
  const parameters = new URLSearchParams({
    expires: String(expires),
    purpose: binding.purpose,
    maxnumber: String(maxnumber),
  });
  if (binding.domain) parameters.set('domain', binding.domain);
  const salt = `${randomBytes(12).toString('hex')}?${parameters}&`;
  const number = randomIntBelow(maxnumber + 1);
  const challenge = sha256Hex(salt + number);
  return {
    algorithm: proofOfWorkAlgorithm,
    challenge,
    maxnumber,
    salt,
    signature: hmacHex(secret, challenge),
  };
}

function randomIntBelow(bound: number): number {
  return randomBytes(6).readUIntBE(0, 6) % bound;
}

/** The widget's payload, decoded: what a solution must look like before anything is computed. */
const solutionPayload = z.object({
  algorithm: z.literal(proofOfWorkAlgorithm),
  challenge: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  number: z.number().check(z.int(), z.gte(0), z.lte(Number.MAX_SAFE_INTEGER)),
  salt: z.string().check(z.maxLength(300)),
  signature: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  took: z.optional(z.number()),
});

export type SolutionCheck =
  | { ok: true; challenge: string; expiresAt: number; maxnumber: number }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'other-purpose' };

/** Whether `payload` (base64 JSON, as the widget sends it) solves a challenge this server signed for `binding`. */
export function checkSolution(
  secret: string,
  payload: string,
  binding: ChallengeBinding,
  now: Date,
): SolutionCheck {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = solutionPayload.safeParse(decoded);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const { challenge, number, salt, signature } = parsed.data;
  const expected = Buffer.from(hmacHex(secret, challenge), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return { ok: false, reason: 'forged' };
  if (sha256Hex(salt + number) !== challenge) return { ok: false, reason: 'forged' };
  const query = /^[0-9a-f]+\?(.*)&$/.exec(salt)?.[1];
  if (query === undefined) return { ok: false, reason: 'malformed' };
  const parameters = new URLSearchParams(query);
  const expiresAt = Number(parameters.get('expires'));
  const maxnumber = Number(parameters.get('maxnumber'));
  if (!Number.isSafeInteger(expiresAt) || !Number.isSafeInteger(maxnumber))
    return { ok: false, reason: 'malformed' };
  if (expiresAt * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  if (
    parameters.get('purpose') !== binding.purpose ||
    (parameters.get('domain') ?? undefined) !== binding.domain
  ) {
    return { ok: false, reason: 'other-purpose' };
  }
  return { ok: true, challenge, expiresAt, maxnumber };
}

/** The domain of an e-mail address, as challenges are bound to it. */
export const emailDomain = (email: string) =>
  email
    .slice(email.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();

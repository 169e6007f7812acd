import * as z from 'zod/mini';
import { proofOfWorkAlgorithm, proofOfWorkPurposes } from '../domain/proof-of-work.ts';
import { withMeta } from './meta.ts';
import { route } from './route.ts';

/**
 * The proof-of-work solution a posting route requires, as the ALTCHA widget sends it. The
 * `x-proof-of-work` extension tells generated clients (test/e2e/generated-requests.test.ts) to solve
 * a challenge of this purpose rather than invent a value.
 */
export const altchaSolution = (purpose: (typeof proofOfWorkPurposes)[number]) =>
  withMeta(z.string().check(z.minLength(1), z.maxLength(2000)), {
    description: `The solution of a challenge from GET /api/challenge?purpose=${purpose}${purpose === 'registration' ? ' (with the domain of the e-mail address)' : ''}: base64 of the JSON {algorithm, challenge, number, salt, signature}, as the ALTCHA widget sends it. Each is accepted once.`,
    'x-proof-of-work': { operationId: 'getChallenge', purpose },
  });

/**
 * A field people never see (the forms hide it from eyes, keyboards and screen readers): robots
 * that fill every field fill it, and are refused.
 */
export const honeypot = withMeta(z.optional(z.string().check(z.maxLength(0, 'must be left empty'))), {
  description: 'Leave it out or empty: the forms hide it from people.',
});

/** A solution example: the shape the widget sends (this one solves nothing). */
export const altchaExample = Buffer.from(
  JSON.stringify({
    algorithm: proofOfWorkAlgorithm,
    challenge: '4b6f0a0a8c1d3e5f7a9b2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f',
    number: 12345,
    salt: '3c8e7f1a2b4d6e8f0a1b3c5d?expires=1826000000&purpose=registration&maxnumber=50000&domain=example.org&',
    signature: '9d2e4f6a8b0c1d3e5f7a9b1c3d5e7f9a0b2c4d6e8f0a2b4c6d8e0f2a4b6c8d0e',
  }),
).toString('base64');

const hex64 = z.string().check(z.regex(/^[0-9a-f]{64}$/));

export const proofOfWorkContract = {
  'GET /api/challenge': route({
    function: 'registrations',
    summary: 'A proof-of-work challenge',
    description:
      "An ALTCHA challenge (https://altcha.org/docs/), HMAC-signed and expiring, to solve before registering or posting a review. A registration's challenge is bound to the e-mail domain it will use; its difficulty (maxnumber) rises with the recent registrations from the client's address and from that domain, so a busy address waits longer rather than being refused.",
    tags: ['registration', 'reviews'],
    query: z.strictObject({
      purpose: withMeta(z.enum(proofOfWorkPurposes), { description: 'What the solution will be sent with.' }),
      domain: withMeta(
        z.optional(
          z
            .string()
            .check(
              z.trim(),
              z.toLowerCase(),
              z.maxLength(253),
              z.regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'give the domain of the e-mail address (after the @)'),
            ),
        ),
        { description: 'For a registration: the domain of the e-mail address it will use.' },
      ),
    }),
    answers: {
      200: {
        description: 'The challenge, never cached (cache-control: no-store).',
        json: withMeta(
          z.object({
            algorithm: z.literal(proofOfWorkAlgorithm),
            challenge: withMeta(hex64, {
              description: 'hex(SHA-256(salt + number)) for the number to find.',
            }),
            maxnumber: withMeta(z.number().check(z.int(), z.gte(1)), {
              description: 'The number is at most this.',
            }),
            salt: withMeta(z.string(), { description: 'Random, then ?expires=…&purpose=…(&domain=…)&.' }),
            signature: withMeta(hex64, { description: "hex(HMAC-SHA-256(the server's key, challenge))." }),
          }),
          { id: 'Challenge' },
        ),
      },
    },
  }),
};

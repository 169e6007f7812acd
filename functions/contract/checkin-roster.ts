import * as z from 'zod/mini';
import { checkinCodeHashPattern } from '../domain/checkin-code-hash.ts';
import { pageCursor } from './identifiers.ts';
import { withMeta } from './meta.ts';
import { route } from './route.ts';

const deskRoles = { roles: ['organizer', 'checkin'], security: 'organizerToken' } as const;

/** Most entries one page of the roster or the revoked list holds: a desk pages through the rest. */
export const deskListPageLimit = 500;

const codeHash = withMeta(z.string().check(z.regex(checkinCodeHashPattern)), {
  description: 'SHA-256 of the ticket’s 9-symbol check-in code, base64url without padding.',
});

const page = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(deskListPageLimit)), deskListPageLimit),
  cursor: z.optional(pageCursor(2048)),
});

const nextCursor = withMeta(z.nullable(z.string()), {
  description: 'The next page, or null on the last page.',
});

/** What a check-in desk downloads while online, to check tickets in while offline. */
export const checkinRosterContract = {
  'GET /api/admin/checkin/roster': route({
    function: 'organizer',
    summary: 'Check-in roster',
    description:
      'The current edition’s confirmed registrations, a page at a time, each as little as a desk shows: the hash of its check-in code, the name and the category.',
    tags: ['check-in'],
    ...deskRoles,
    audit: 'checkin.roster',
    query: page,
    answers: {
      200: {
        description: 'One page of the roster.',
        json: z.object({
          edition: z.string(),
          items: z.array(z.object({ codeHash, name: z.string(), category: z.string() })),
          nextCursor,
        }),
      },
    },
  }),
  'GET /api/admin/checkin/revoked': route({
    function: 'organizer',
    summary: 'Revoked tickets',
    description:
      'The code hashes of the current edition’s tickets a desk must refuse: cancelled, rejected and erased registrations, a page at a time.',
    tags: ['check-in'],
    ...deskRoles,
    audit: 'checkin.revoked',
    query: page,
    answers: {
      200: {
        description: 'One page of the revoked list.',
        json: z.object({ edition: z.string(), codeHashes: z.array(codeHash), nextCursor }),
      },
    },
  }),
};

import * as z from 'zod/mini';
import { withMeta } from './meta.ts';

/**
 * Every kind of problem the API answers with (RFC 9457), with its status and title. Each kind has
 * its own `type` URI so a client can tell them apart without reading `detail`.
 *
 * The URIs are absolute `tag:` URIs (RFC 4151): RFC 9457 asks for absolute URIs, a deployment's
 * host differs between local, staging and production, and a `tag:` URI names a kind without
 * promising a page behind it, which is what a type is. The developer reference explains each kind.
 */
export const problemKinds = {
  validation: { status: 400, title: 'Invalid Request' },
  'malformed-request': { status: 400, title: 'Malformed Request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not Found' },
  'method-not-allowed': { status: 405, title: 'Method Not Allowed' },
  conflict: { status: 409, title: 'Conflict' },
  'already-registered': { status: 409, title: 'Already Registered' },
  'registration-closed': { status: 409, title: 'Registration Closed' },
  'request-in-progress': { status: 409, title: 'Request In Progress' },
  'no-ticket': { status: 409, title: 'No Ticket' },
  erased: { status: 410, title: 'Erased' },
  'photo-rejected': { status: 400, title: 'Photo Rejected' },
  'content-too-large': { status: 413, title: 'Content Too Large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported Media Type' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency Key Reused' },
  'not-confirmed': { status: 422, title: 'Not Confirmed' },
  'rate-limited': { status: 429, title: 'Too Many Requests' },
  'internal-error': { status: 500, title: 'Internal Server Error' },
  'service-unavailable': { status: 503, title: 'Service Unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemKind = keyof typeof problemKinds;

export const problemTypePrefix = 'tag:wuzhen-portal,2026:problems/';

export const problemType = (kind: ProblemKind) => `${problemTypePrefix}${kind}`;

export const fieldError = z.object({
  path: withMeta(z.string(), {
    description: 'The field, query parameter, path parameter or header at fault.',
  }),
  message: withMeta(z.string(), { description: 'What is wrong with it, in English.' }),
});

/** An RFC 9457 problem document, whatever its kind. */
export const problemDocument = z.object({
  type: withMeta(z.string(), { description: `The kind of problem, a URI: ${problemTypePrefix}<kind>.` }),
  title: z.string(),
  status: z.number().check(z.int()),
  detail: withMeta(z.string(), { description: 'What happened, in English, for people.' }),
  errors: withMeta(z.optional(z.array(fieldError)), {
    description: 'Each field at fault (validation problems).',
  }),
  requestId: withMeta(z.string(), {
    description: 'The id of the request, also in the x-request-id header: quote it when reporting a problem.',
  }),
});

/** The problem document of the given kinds; `type` tells them apart. */
export function problemSchema(kinds: readonly ProblemKind[]) {
  const [first, ...others] = kinds.map(problemType);
  if (first === undefined) throw new Error('A problem answer names at least one kind.');
  return z.extend(problemDocument, { type: others.length ? z.enum([first, ...others]) : z.literal(first) });
}

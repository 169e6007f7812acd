import { type HttpResult, problem } from './response.ts';

export type Role = 'organizer' | 'checkin';

/** Any HTTP API event; behind a JWT authorizer its request context carries the verified claims. */
interface MaybeAuthorizedEvent {
  requestContext: { requestId: string; authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
}

/**
 * The groups in a verified token's claims. API Gateway's JWT authorizer passes an array claim as the
 * string "[organizer checkin]"; the local gateway does the same, and a plain array is accepted too.
 */
export function rolesOf(event: MaybeAuthorizedEvent): Role[] {
  const claim: unknown = event.requestContext.authorizer?.jwt?.claims?.['cognito:groups'];
  const groups = Array.isArray(claim)
    ? claim.map(String)
    : typeof claim === 'string'
      ? claim.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  return groups.filter((group): group is Role => group === 'organizer' || group === 'checkin');
}

/**
 * The handlers check roles themselves as well as the authorizer: a route wired without its
 * authorizer by mistake still refuses everyone without a verified role.
 */
export function requireRole(event: MaybeAuthorizedEvent, allowed: readonly Role[]): HttpResult | undefined {
  if (!event.requestContext.authorizer?.jwt) {
    return problem({ kind: 'unauthorized', detail: 'Sign in as an organizer.' });
  }
  if (!rolesOf(event).some((role) => allowed.includes(role))) {
    return problem({
      kind: 'forbidden',
      detail: `This needs the role ${allowed.join(' or ')}.`,
    });
  }
  return undefined;
}

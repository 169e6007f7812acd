import { isRole, type Role } from '../domain/staff-roles.ts';
import { type HttpResult, problem } from './response.ts';

export type { Role } from '../domain/staff-roles.ts';

/** Any HTTP API event; behind a JWT authorizer its request context carries the verified claims. */
interface MaybeAuthorizedEvent {
  requestContext: { requestId: string; authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
}

/**
 * How API Gateway's JWT authorizer passes an array claim to the function: "[organizer checkin]",
 * the values between brackets, one space apart.
 */
const flattenedArray = /^\[(\S+(?: \S+)*)?\]$/;

/**
 * The groups in a claim, taken only in the forms Cognito's array reaches a function: flattened by
 * API Gateway as above (the local gateway does the same), or a plain array of strings. Anything else
 * (a bare or comma-separated string, other spacing, an array holding anything but strings) is none.
 */
function groupsIn(claim: unknown): unknown[] {
  if (Array.isArray(claim)) return claim.every((group) => typeof group === 'string') ? claim : [];
  if (typeof claim === 'string') return flattenedArray.exec(claim)?.[1]?.split(' ') ?? [];
  return [];
}

/** The roles among the groups in a verified token's claims. */
export function rolesOf(event: MaybeAuthorizedEvent): Role[] {
  return groupsIn(event.requestContext.authorizer?.jwt?.claims?.['cognito:groups']).filter(
    (group): group is Role => typeof group === 'string' && isRole(group),
  );
}

/** The verified token's subject (Cognito's `sub`), who the audit trail says acted. */
export function subjectOf(event: MaybeAuthorizedEvent): string {
  const subject = event.requestContext.authorizer?.jwt?.claims?.sub;
  return typeof subject === 'string' ? subject : 'unknown';
}

/**
 * The handlers check roles themselves as well as the authorizer: a route wired without its
 * authorizer by mistake still refuses everyone without a verified role.
 */
export function requireRole(event: MaybeAuthorizedEvent, allowed: readonly Role[]): HttpResult | undefined {
  if (!event.requestContext.authorizer?.jwt) {
    return problem({ kind: 'unauthorized', detail: 'Sign in as staff.' });
  }
  if (!rolesOf(event).some((role) => allowed.includes(role))) {
    return problem({
      kind: 'forbidden',
      detail: `This needs the role ${allowed.join(' or ')}.`,
    });
  }
  return undefined;
}

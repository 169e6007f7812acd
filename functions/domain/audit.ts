/**
 * The audit trail of staff access: one entry per staff request that reached its route, saying who
 * did what to which registrations (or with which filter), when, from where (the address only as a
 * keyed hash). Entries are appended, never changed; only their retention period removes them.
 */

/** Every staff action the trail records; each `/api/admin/*` route declares one (functions/contract). */
export const auditActions = [
  'registrations.list',
  'registrations.export',
  'badges.print',
  'registration.approve',
  'registration.reject',
  'registration.erase',
  'registration.edit',
  'category.capacity',
  'registration.checkin',
  'checkin.scans',
  'checkin.keys',
  'checkin.roster',
  'checkin.revoked',
  'statistics.read',
  'review.hide',
  'audit.read',
  'affairs.queue',
  'affairs.read',
  'affairs.state',
  'affairs.note',
  'affairs.assign',
  'affairs.merge',
  'affairs.location',
  'message.preview',
  'registration.resend',
] as const;

export type AuditAction = (typeof auditActions)[number];

/**
 * `succeeded`: the change was made (in the same transaction as this entry) or the data was read.
 * `refused`: the request changed nothing (no such registration, not awaiting approval, already
 * checked in, below the confirmed count…); recorded all the same, since probing is staff access too.
 */
export type AuditOutcome = 'succeeded' | 'refused';

export interface AuditEntry {
  /** A ULID: entries sort by it within the same millisecond. */
  id: string;
  at: string;
  /** The verified token's subject (Cognito `sub`) and its staff groups. */
  actor: string;
  groups: string[];
  action: AuditAction;
  outcome: AuditOutcome;
  /** The registrations the request showed or changed (a list page's rows), by id. */
  registrationIds: string[];
  /** What else the action was about: a category id, a review id, a resident request's id. */
  target?: string;
  /** The residents' requests a queue page showed, by id. */
  requestIds?: string[];
  /** The filter of a list, search or export, as the request gave it. */
  filter?: Record<string, string>;
  /** API Gateway's request id, to find the request in the access log. */
  requestId: string;
  /** HMAC-SHA-256 of the client's address under the audit key, hex: equal addresses match, none can be read back. */
  clientHash: string;
  /** When the retention rule removes the entry (epoch seconds, the table's TTL). */
  expiresAt: number;
}

/** What a route or use case says about its request; the rest of the entry comes from the request. */
export interface AuditDetails {
  /** Which of its declared actions the request took, for a route declared with several (bulk decisions). */
  action?: AuditAction;
  outcome?: AuditOutcome;
  registrationIds?: readonly string[];
  target?: string;
  requestIds?: readonly string[];
  filter?: Record<string, string | undefined>;
}

/**
 * The audit of one staff request, given to its route. A change puts `entry(...)` in its own
 * transaction; a read, or a change that did not happen, calls `record(...)` before answering, and
 * if that fails the request answers 503 and reveals nothing.
 */
export interface StaffAudit {
  entry(details?: AuditDetails): AuditEntry;
  record(details?: AuditDetails): Promise<void>;
}

/** How long entries are kept unless the environment says otherwise: two years. */
export const defaultAuditRetentionDays = 730;

export interface AuditQuery {
  actor?: string;
  action?: AuditAction;
  registration?: string;
  /** Inclusive bounds, ISO 8601 UTC. */
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

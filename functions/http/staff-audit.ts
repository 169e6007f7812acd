import { createHmac } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AuditAction, AuditDetails, AuditEntry, StaffAudit } from '../domain/audit.ts';
import { newId } from '../domain/ids.ts';
import type { AuditStore } from '../store/audit-store.ts';
import { clientAddress } from './request-info.ts';
import { rolesOf, subjectOf } from './roles.ts';

/** What the audit of staff requests needs from the outside world (functions/handlers/wiring.ts). */
export interface StaffAuditDependencies {
  store: AuditStore;
  /** The secret that keys the hash of client addresses. */
  addressKey: () => Promise<string>;
  now: () => Date;
  /** How long an entry is kept: its TTL. */
  retentionDays: number;
}

/** A request's audit, and whether its route made an entry at all (a route that did not is a bug). */
export interface RequestAudit extends StaffAudit {
  readonly used: boolean;
}

/** The hash of a client address: HMAC-SHA-256 under the audit key, so no table reader can reverse it. */
export const addressHash = (key: string, address: string) =>
  createHmac('sha256', key).update(address).digest('hex');

/** Only the filter's given values, as strings: the entry records what was asked, not defaults. */
const givenFilter = (filter: Record<string, string | undefined>) =>
  Object.fromEntries(
    Object.entries(filter).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])),
  );

/** The audit of one staff request: who (the verified token), what (the route's action), when, from where. */
export async function requestAudit(
  event: APIGatewayProxyEventV2,
  declared: AuditAction | readonly AuditAction[],
  { store, addressKey, now, retentionDays }: StaffAuditDependencies,
): Promise<RequestAudit> {
  const clientHash = addressHash(await addressKey(), clientAddress(event));
  const actions: readonly AuditAction[] = typeof declared === 'string' ? [declared] : declared;
  let used = false;
  const entry = ({
    action = actions.length === 1 ? actions[0] : undefined,
    outcome = 'succeeded',
    registrationIds = [],
    target,
    requestIds,
    filter,
  }: AuditDetails = {}) => {
    // A route declared with several actions names one; an action it did not declare is a bug.
    if (!action) throw new Error('a route declared with several audit actions must name one');
    if (!actions.includes(action)) throw new Error(`the route does not declare ${action}`);
    used = true;
    const at = now();
    const given = filter && givenFilter(filter);
    return {
      id: newId(),
      at: at.toISOString(),
      actor: subjectOf(event),
      groups: rolesOf(event),
      action,
      outcome,
      registrationIds: [...registrationIds],
      ...(target === undefined ? {} : { target }),
      ...(requestIds === undefined ? {} : { requestIds: [...requestIds] }),
      ...(given && Object.keys(given).length ? { filter: given } : {}),
      requestId: event.requestContext.requestId,
      clientHash,
      expiresAt: Math.floor(at.getTime() / 1000) + retentionDays * 24 * 60 * 60,
    } satisfies AuditEntry;
  };
  return {
    get used() {
      return used;
    },
    entry,
    record: (details) => store.append(entry(details)),
  };
}

import type { AuditAction, StaffAudit } from './audit.ts';
import { approve, type DecisionOutcome, type NoSeat, reject, type WhenFull } from './organizer.ts';
import type { RegistrationContext } from './registration-context.ts';

export interface BulkDecision {
  decision: 'approve' | 'reject';
  /** Decided in this order; an id named twice finds itself decided the second time (not pending). */
  ids: readonly string[];
  whenFull: WhenFull;
}

export type BulkResult =
  | { id: string; result: 'approved' | 'waitlisted' | 'rejected' }
  | { id: string; result: 'refused'; reason: 'no_seat' | 'not_pending' | 'not_found' };

export type BulkCounts = Record<'approved' | 'waitlisted' | 'rejected' | 'refused', number>;

/** The request's audit, as the single decision's route would have it: each entry names its action. */
const auditAs = (action: AuditAction, audit: StaffAudit): StaffAudit => ({
  entry: (details) => audit.entry({ ...details, action }),
  record: (details) => audit.record({ ...details, action }),
});

function resultOf(id: string, outcome: DecisionOutcome | NoSeat): BulkResult {
  switch (outcome.kind) {
    case 'done': {
      const { status } = outcome.registration;
      return {
        id,
        result: status === 'confirmed' ? 'approved' : status === 'waitlisted' ? 'waitlisted' : 'rejected',
      };
    }
    case 'no_seat':
    case 'not_pending':
    case 'not_found':
      return { id, result: 'refused', reason: outcome.kind };
  }
}

/**
 * Approves or rejects many registrations awaiting approval, one after another through the single
 * decision (seat rules, retries and the audit entry each), so each is decided at most once however
 * many batches overlap: a registration another batch decided first is refused as not pending.
 * Returns the results in the order of the ids, and how many of each.
 */
export async function decideMany(
  context: RegistrationContext,
  { decision, ids, whenFull }: BulkDecision,
  audit: StaffAudit,
): Promise<{ results: BulkResult[]; counts: BulkCounts; promoted: number }> {
  const audited = auditAs(decision === 'approve' ? 'registration.approve' : 'registration.reject', audit);
  const results: BulkResult[] = [];
  let promoted = 0;
  for (const id of ids) {
    const outcome =
      decision === 'approve'
        ? await approve(context, id, audited, whenFull)
        : await reject(context, id, audited);
    if (outcome.kind === 'done') promoted += outcome.promoted;
    results.push(resultOf(id, outcome));
  }
  const counts: BulkCounts = { approved: 0, waitlisted: 0, rejected: 0, refused: 0 };
  for (const { result } of results) counts[result] += 1;
  return { results, counts, promoted };
}

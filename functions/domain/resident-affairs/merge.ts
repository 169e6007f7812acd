import { changeState } from './lifecycle.ts';
import type { ServiceRequest } from './model.ts';

type Merging = Pick<ServiceRequest, 'id' | 'state' | 'firstResponseAt' | 'mergedInto'>;

export type MergeDecision =
  | {
      kind: 'merge';
      /** What the duplicate's record takes: closed, pointing at the request kept. */
      duplicate: { state: 'closed'; mergedInto: string; firstResponseAt?: string };
    }
  | { kind: 'refused'; reason: 'same-request' | 'duplicate-closed' | 'target-merged'; mergedInto?: string };

/**
 * Whether staff may merge `duplicate` into `kept`, and what the duplicate becomes. A merge closes
 * the duplicate (its requester's follow link says which request carries on); merging into a request
 * that was itself merged would make chains the public view cannot follow, so staff are pointed at
 * the one it went into. A closed request stays as it ended.
 */
export function mergeDecision(duplicate: Merging, kept: Merging, at: Date): MergeDecision {
  if (duplicate.id === kept.id) return { kind: 'refused', reason: 'same-request' };
  if (kept.mergedInto) return { kind: 'refused', reason: 'target-merged', mergedInto: kept.mergedInto };
  const change = changeState(duplicate, 'closed', at);
  if (change.kind === 'not-allowed') return { kind: 'refused', reason: 'duplicate-closed' };
  return {
    kind: 'merge',
    duplicate: {
      state: 'closed',
      mergedInto: kept.id,
      ...(change.firstResponseAt ? { firstResponseAt: change.firstResponseAt } : {}),
    },
  };
}

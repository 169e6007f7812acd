export type IdempotencyBegin =
  | { state: 'started' }
  | { state: 'completed'; requestHash: string; sealedResponse: string }
  | { state: 'in_flight'; requestHash: string };

/** Remembers the answer to a request sent with an Idempotency-Key, so a retry gets the same answer. */
export interface IdempotencyStore {
  /** Claims the record for this request, or tells what an earlier request with the same key left. */
  begin(recordId: string, requestHash: string, now: Date): Promise<IdempotencyBegin>;
  /** Lets the key be used again after a request that changed nothing. */
  abandon(recordId: string): Promise<void>;
}

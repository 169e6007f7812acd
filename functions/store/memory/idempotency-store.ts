import type { IdempotencyBegin, IdempotencyStore } from '../idempotency-store.ts';
import type { IdempotencyCompletion } from '../registration-store.ts';
import type { MemoryIdempotencyRecord, MemoryRegistrationData } from './registration-data.ts';

/** A request that died mid-way stops blocking its key after this long (as in DynamoDB). */
const lockMs = 5_000;

/** As the adapter's completion condition: the record `begin` claimed, still in progress for this request. */
export const canCompleteIdempotency = (
  record: MemoryIdempotencyRecord | undefined,
  completion: IdempotencyCompletion,
) => record?.state === 'in_progress' && record.requestHash === completion.requestHash;

/** Completes the record (checked with canCompleteIdempotency first) with the change it answers. */
export function completeIdempotency(
  record: MemoryIdempotencyRecord,
  completion: IdempotencyCompletion,
): void {
  record.state = 'completed';
  record.sealedResponse = completion.sealedResponse;
  delete record.lockedUntil;
}

/** The idempotency port in memory; records never expire here, a test outlives no 24-hour window. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #data: Pick<MemoryRegistrationData, 'idempotency'>;

  /** The records of the registrations' data, or of the resident affairs' (each table has its own). */
  constructor(data: Pick<MemoryRegistrationData, 'idempotency'>) {
    this.#data = data;
  }

  async begin(recordId: string, requestHash: string, now: Date): Promise<IdempotencyBegin> {
    const record = this.#data.idempotency.get(recordId);
    if (!record || (record.state === 'in_progress' && (record.lockedUntil ?? 0) < now.getTime())) {
      this.#data.idempotency.set(recordId, {
        state: 'in_progress',
        requestHash,
        lockedUntil: now.getTime() + lockMs,
      });
      return { state: 'started' };
    }
    if (record.state === 'completed' && record.sealedResponse !== undefined) {
      return { state: 'completed', requestHash: record.requestHash, sealedResponse: record.sealedResponse };
    }
    return { state: 'in_flight', requestHash: record.requestHash };
  }

  async abandon(recordId: string): Promise<void> {
    if (this.#data.idempotency.get(recordId)?.state === 'in_progress')
      this.#data.idempotency.delete(recordId);
  }
}

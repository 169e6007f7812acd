import { TransactionBusyError } from '../store/store-errors.ts';

const maxAttempts = 12;
const baseDelayMs = 5;
const maxDelayMs = 120;

/**
 * Runs `attempt` until it returns a value. It may ask for another try by returning `retry`;
 * a busy transaction is retried too. Backoff is exponential with full jitter, so contending
 * requests spread out instead of colliding again. Gives up with TransactionBusyError (503).
 */
export async function withRetries<T>(attempt: (retry: symbol) => Promise<T | symbol>): Promise<T> {
  const retry = Symbol('retry');
  for (let attemptNumber = 0; attemptNumber < maxAttempts; attemptNumber += 1) {
    try {
      const result = await attempt(retry);
      if (result !== retry) return result as T;
    } catch (error) {
      if (!(error instanceof TransactionBusyError)) throw error;
    }
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attemptNumber);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
  }
  throw new TransactionBusyError('gave up after repeated transaction conflicts');
}

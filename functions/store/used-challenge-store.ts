/**
 * Solved proof-of-work challenges, each accepted once: the first claim of a challenge wins, later
 * ones are refused until the record expires with the challenge itself.
 */
export interface UsedChallengeStore {
  /**
   * Records `challenge` as used until `expiresAt` (unix seconds): 'claimed' the first time, 'used'
   * after that, except for a retry of the same request, one carrying the same `retryKey` ('retry':
   * an Idempotency-Key retry with the same body must reach the idempotent replay, not be refused).
   */
  claim(challenge: string, expiresAt: number, retryKey?: string): Promise<'claimed' | 'retry' | 'used'>;
  /** Forgets a claim whose request was refused after all, so the refusal leaves nothing stored. */
  release(challenge: string): Promise<void>;
}

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/** Counts a client's requests in fixed windows. */
export interface RateLimiter {
  hit(
    key: string,
    rate: RateLimit,
    now: Date,
  ): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }>;
}

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
  /** Counts one more request of `key` in the current window; resolves to the window's count, this one included. */
  count(key: string, windowSeconds: number, now: Date): Promise<number>;
  /** The current window's count of `key`, without counting. */
  recent(key: string, windowSeconds: number, now: Date): Promise<number>;
}

/** The fixed window `now` falls in, and how long until the next one starts. */
export function fixedWindow(now: Date, windowSeconds: number) {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const start = nowSeconds - (nowSeconds % windowSeconds);
  return { start, retryAfterSeconds: start + windowSeconds - nowSeconds };
}

import { fixedWindow, type RateLimit, type RateLimiter } from '../rate-limiter.ts';

/** Fixed-window counters in memory, the same windows as the DynamoDB limiter's. */
export class MemoryRateLimiter implements RateLimiter {
  readonly #hits = new Map<string, number>();

  async hit(key: string, { limit, windowSeconds }: RateLimit, now: Date) {
    const { start, retryAfterSeconds } = fixedWindow(now, windowSeconds);
    const counter = `${key}#${start}`;
    const hits = this.#hits.get(counter) ?? 0;
    if (hits >= limit) return { ok: false as const, retryAfterSeconds };
    this.#hits.set(counter, hits + 1);
    return { ok: true as const };
  }

  async count(key: string, windowSeconds: number, now: Date) {
    const counter = `${key}#${fixedWindow(now, windowSeconds).start}`;
    const hits = (this.#hits.get(counter) ?? 0) + 1;
    this.#hits.set(counter, hits);
    return hits;
  }

  async recent(key: string, windowSeconds: number, now: Date) {
    return this.#hits.get(`${key}#${fixedWindow(now, windowSeconds).start}`) ?? 0;
  }
}

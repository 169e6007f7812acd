import * as z from 'zod/mini';
import { reviewLimits } from '../contract/limits.ts';
import { freeText } from '../contract/text.ts';
import type { RateLimiter } from '../store/rate-limiter.ts';
import type { Review, VenueStore } from '../store/venue-store.ts';
import { newId } from './ids.ts';

/** Plain text only: pages show it as text, so markup in a comment is displayed, never run. */
export const reviewInput = z.strictObject({
  rating: z.number().check(z.int(), z.gte(1), z.lte(5)),
  comment: freeText({ max: reviewLimits.comment, multiline: true }, 'write a comment'),
  author: freeText({ max: reviewLimits.author }, 'give a name to sign with'),
});

export type ReviewInput = z.infer<typeof reviewInput>;

/** Each client may post this many reviews per window, across all venues. */
export const reviewRateLimit = { limit: 5, windowSeconds: 600 };

export type PostReviewOutcome =
  | { kind: 'published'; review: Review }
  | { kind: 'no_such_venue' }
  | { kind: 'rate_limited'; retryAfterSeconds: number };

export async function postReview(
  deps: { store: VenueStore; rateLimiter: RateLimiter; now: () => Date },
  venueId: string,
  input: ReviewInput,
  client: string,
): Promise<PostReviewOutcome> {
  if (!(await deps.store.getVenue(venueId))) return { kind: 'no_such_venue' };
  const allowed = await deps.rateLimiter.hit(`reviews:${client}`, reviewRateLimit, deps.now());
  if (!allowed.ok) return { kind: 'rate_limited', retryAfterSeconds: allowed.retryAfterSeconds };
  const review: Review = { id: newId(), venueId, ...input, createdAt: deps.now().toISOString() };
  const added = await deps.store.addReview(review);
  return added ? { kind: 'published', review } : { kind: 'no_such_venue' };
}

import { type ProofOfWork, redeemSolution, settleSolution } from '../domain/challenges.ts';
import { postReview } from '../domain/reviews.ts';
import { isVenueOpenAt } from '../domain/venue-open.ts';
import { searchVenues } from '../domain/venue-search.ts';
import { findVenue } from '../domain/venues.ts';
import { clientAddress } from '../http/request-info.ts';
import { invalid, json, notFound, problem } from '../http/response.ts';
import type { Routes } from '../http/route-handler.ts';
import { encodeOffsetCursor, offsetFromCursor } from '../store/page-cursor.ts';
import type { RateLimiter } from '../store/rate-limiter.ts';
import { InvalidCursorError } from '../store/store-errors.ts';
import type { VenueStore } from '../store/venue-store.ts';
import { countReviewHidden, countReviewPosted } from '../telemetry/business-metrics.ts';
import { refusedSolution } from './challenge.ts';

const badCursor = (message: string) => invalid(message, [{ path: 'cursor', message }]);

export interface VenueDependencies {
  store: VenueStore;
  rateLimiter: RateLimiter;
  now: () => Date;
  proofOfWork: () => Promise<ProofOfWork>;
}

export function venueRoutes(deps: VenueDependencies): Routes<'venues'> {
  const { store } = deps;
  return {
    'GET /api/venues': async (request) => {
      const { category, q, near, radius, openNow, at, wifi, payment, limit, cursor } = request.query;
      const offset = cursor === undefined ? 0 : offsetFromCursor(cursor);
      if (offset === undefined) return badCursor('the cursor is not one this API gave out');
      const result = await searchVenues(
        store,
        {
          q,
          categories: category,
          near,
          radius,
          wifi,
          payment,
          openAt: openNow ? (at ? new Date(at) : deps.now()) : undefined,
          limit,
          offset,
        },
        isVenueOpenAt,
      );
      const nextCursor = result.nextOffset === null ? null : encodeOffsetCursor(result.nextOffset);
      // "Open now" changes by the minute; other searches may be cached briefly.
      const cache = openNow && !at ? 'no-store' : 'public, max-age=60';
      return json(200, { items: result.items, nextCursor }, { 'cache-control': cache });
    },

    'GET /api/venues/{id}': async ({ path: { id } }) => {
      const venue = await findVenue(store, id);
      if (!venue) return notFound(`There is no venue with the id "${id}".`);
      return json(200, venue, { 'cache-control': 'public, max-age=60' });
    },

    'GET /api/venues/{id}/reviews': async ({ path: { id }, query }) => {
      if (!(await findVenue(store, id))) return notFound(`There is no venue with the id "${id}".`);
      try {
        const page = await store.listReviews(id, query.limit, query.cursor);
        return json(200, page, { 'cache-control': 'public, max-age=10' });
      } catch (error) {
        if (error instanceof InvalidCursorError) return badCursor(error.message);
        throw error;
      }
    },

    'POST /api/venues/{id}/reviews': async ({ path: { id }, body }, event) => {
      const { altcha, website: _empty, ...input } = body;
      const client = clientAddress(event);
      // An unknown venue is told before the solution is spent.
      if (!(await findVenue(store, id))) return notFound('There is no such venue.');
      const proofOfWork = await deps.proofOfWork();
      const proof = await redeemSolution(proofOfWork, altcha, { purpose: 'review' }, client);
      if (!proof.ok) return refusedSolution(proof.reason);
      const outcome = await postReview(deps, id, input, client);
      await settleSolution(proofOfWork, proof.accepted, outcome.kind === 'published' ? 'spent' : 'refused');
      if (outcome.kind === 'no_such_venue') return notFound('There is no such venue.');
      if (outcome.kind === 'rate_limited') {
        return problem({
          kind: 'rate-limited',
          detail: 'You have posted several reviews in a short time; please wait before posting another.',
          headers: { 'retry-after': String(outcome.retryAfterSeconds) },
        });
      }
      countReviewPosted();
      return json(201, outcome.review, { 'cache-control': 'no-store' });
    },

    'POST /api/admin/reviews/{id}/hide': async ({ path: { id } }, _event, audit) => {
      const hidden = await store.hideReview(id, audit.entry({ target: id }));
      if (!hidden) {
        await audit.record({ target: id, outcome: 'refused' });
        return notFound('There is no visible review with this id.');
      }
      countReviewHidden();
      return json(200, { hidden: true }, { 'cache-control': 'no-store' });
    },
  };
}

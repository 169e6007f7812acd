import * as z from 'zod';
import { isOpenAt } from '../domain/opening-hours.ts';
import { postReview, reviewInput } from '../domain/reviews.ts';
import { venueQuery } from '../domain/venue-query.ts';
import { searchVenues } from '../domain/venue-search.ts';
import { findVenue } from '../domain/venues.ts';
import { parseQuery } from '../http/query-parameters.ts';
import { parseJsonBody } from '../http/request-body.ts';
import { clientAddress } from '../http/request-info.ts';
import { json, notFound, problem } from '../http/response.ts';
import { requireRole } from '../http/roles.ts';
import type { Route } from '../http/route-handler.ts';
import { encodeOffsetCursor, offsetFromCursor } from '../store/page-cursor.ts';
import type { RateLimiter } from '../store/rate-limiter.ts';
import { InvalidCursorError } from '../store/store-errors.ts';
import type { VenueStore } from '../store/venue-store.ts';

const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2048).optional(),
});

const badCursor = (message: string) =>
  problem({ status: 400, title: 'Bad Request', detail: message, errors: [{ path: 'cursor', message }] });

export interface VenueDependencies {
  store: VenueStore;
  rateLimiter: RateLimiter;
  now: () => Date;
}

export function venueRoutes(deps: VenueDependencies): Record<string, Route> {
  const { store } = deps;
  return {
    'GET /api/venues': async (event) => {
      const query = parseQuery(event, venueQuery);
      if (!query.ok) return query.result;
      const { category, q, near, radius, openNow, at, wifi, payment, limit, cursor } = query.value;
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
        isOpenAt,
      );
      const nextCursor = result.nextOffset === null ? null : encodeOffsetCursor(result.nextOffset);
      // "Open now" changes by the minute; other searches may be cached briefly.
      const cache = openNow && !at ? 'no-store' : 'public, max-age=60';
      return json(200, { items: result.items, nextCursor }, { 'cache-control': cache });
    },

    'GET /api/venues/{id}': async (event) => {
      const id = event.pathParameters?.id ?? '';
      const venue = await findVenue(store, id);
      if (!venue) return notFound(`There is no venue with the id "${id}".`);
      return json(200, venue, { 'cache-control': 'public, max-age=60' });
    },

    'GET /api/venues/{id}/reviews': async (event) => {
      const id = event.pathParameters?.id ?? '';
      const query = parseQuery(event, pageQuery);
      if (!query.ok) return query.result;
      if (!(await findVenue(store, id))) return notFound(`There is no venue with the id "${id}".`);
      try {
        const page = await store.listReviews(id, query.value.limit, query.value.cursor);
        return json(200, page, { 'cache-control': 'public, max-age=10' });
      } catch (error) {
        if (error instanceof InvalidCursorError) return badCursor(error.message);
        throw error;
      }
    },

    'POST /api/venues/{id}/reviews': async (event) => {
      const body = parseJsonBody(event, reviewInput, 8 * 1024);
      if (!body.ok) return body.result;
      const outcome = await postReview(
        deps,
        event.pathParameters?.id ?? '',
        body.value,
        clientAddress(event),
      );
      if (outcome.kind === 'no_such_venue') return notFound('There is no such venue.');
      if (outcome.kind === 'rate_limited') {
        return problem({
          status: 429,
          title: 'Too Many Requests',
          detail: 'You have posted several reviews in a short time; please wait before posting another.',
          headers: { 'retry-after': String(outcome.retryAfterSeconds) },
        });
      }
      return json(201, outcome.review, { 'cache-control': 'no-store' });
    },

    'POST /api/admin/reviews/{id}/hide': async (event) => {
      const refused = requireRole(event, ['organizer']);
      if (refused) return refused;
      const hidden = await store.hideReview(event.pathParameters?.id ?? '');
      if (!hidden) return notFound('There is no visible review with this id.');
      return json(200, { hidden: true }, { 'cache-control': 'no-store' });
    },
  };
}

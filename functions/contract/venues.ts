import * as z from 'zod/mini';
import { paymentMethods, venueCategories, venueSchema } from '../../content/schemas/venue.ts';
import { reviewInput } from '../domain/reviews.ts';
import { venueQuery } from '../domain/venue-query.ts';
import { pageCursor, ulid, venueIdParameter } from './identifiers.ts';
import { withMeta } from './meta.ts';
import { altchaExample, altchaSolution, honeypot } from './proof-of-work.ts';
import { route } from './route.ts';

const rating = z.object({
  average: withMeta(z.nullable(z.number()), {
    description: 'The mean rating, or null before the first review.',
  }),
  count: z.number().check(z.int(), z.gte(0)),
});

const venue = withMeta(z.extend(venueSchema, { rating }), { id: 'Venue' });
const venueHit = withMeta(z.extend(venue, { distanceMeters: z.optional(z.number().check(z.gte(0))) }), {
  id: 'VenueHit',
});

export const review = withMeta(
  z.object({
    id: ulid,
    venueId: z.string(),
    rating: z.number().check(z.int(), z.gte(1), z.lte(5)),
    comment: z.string(),
    author: z.string(),
    createdAt: z.iso.datetime(),
  }),
  { id: 'Review' },
);

const venuePath = z.strictObject({ id: venueIdParameter });
const nextCursor = withMeta(z.nullable(z.string()), {
  description: 'The next page, or null on the last page.',
});

export const reviewPageQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
  cursor: z.optional(pageCursor(2048)),
});

const exampleReview = {
  id: '01JD3Z6Q8N4X2V7B5C9K1M0PRS',
  venueId: 'convention-center',
  rating: 5,
  comment: 'Quiet rooms and fast Wi-Fi.',
  author: 'Li Wei',
  createdAt: '2027-11-17T09:30:00.000Z',
};

export const venuesContract = {
  'GET /api/venues': route({
    function: 'venues',
    summary: 'Search the town guide',
    description: `Venues by words (English or Chinese), category (${venueCategories.join(', ')}), distance from a point, opening hours, Wi-Fi and payment (${paymentMethods.join(', ')}). Unknown parameters are refused.`,
    tags: ['venues'],
    query: venueQuery,
    cacheControl: 'public, max-age=60 (no-store with openNow and no at)',
    answers: {
      200: {
        description: 'One page of matching venues.',
        json: z.object({ items: z.array(venueHit), nextCursor }),
      },
    },
  }),
  'GET /api/venues/{id}': route({
    function: 'venues',
    summary: 'One venue',
    description: 'The whole venue with its rating.',
    tags: ['venues'],
    pathParameters: venuePath,
    cacheControl: 'public, max-age=60',
    answers: {
      200: { description: 'The venue.', json: venue },
      404: { description: 'No venue has this id.', problems: ['not-found'] },
    },
  }),
  'GET /api/venues/{id}/reviews': route({
    function: 'venues',
    summary: "A venue's reviews",
    description: 'Published reviews, newest first, a page at a time.',
    tags: ['reviews'],
    pathParameters: venuePath,
    query: reviewPageQuery,
    cacheControl: 'public, max-age=10',
    answers: {
      200: {
        description: 'One page of reviews.',
        json: z.object({ items: z.array(review), nextCursor }),
        example: { items: [exampleReview], nextCursor: null },
      },
      404: { description: 'No venue has this id.', problems: ['not-found'] },
    },
  }),
  'POST /api/venues/{id}/reviews': route({
    function: 'venues',
    summary: 'Review a venue',
    description:
      'Publishes a plain-text review at once. Requires a solved proof-of-work challenge (altcha). Each client may post five reviews in ten minutes, across all venues.',
    tags: ['reviews'],
    pathParameters: venuePath,
    body: {
      schema: z.extend(reviewInput, { altcha: altchaSolution('review'), website: honeypot }),
      maxBytes: 8 * 1024,
      example: { rating: 5, comment: 'Quiet rooms and fast Wi-Fi.', author: 'Li Wei', altcha: altchaExample },
    },
    answers: {
      201: { description: 'The review, published.', json: review, example: exampleReview },
      404: { description: 'No venue has this id.', problems: ['not-found'] },
      429: {
        description: 'This client has posted too many reviews lately.',
        problems: ['rate-limited'],
        headers: {
          'retry-after': { description: 'Seconds to wait.', schema: z.string().check(z.regex(/^\d+$/)) },
        },
      },
    },
  }),
  'POST /api/admin/reviews/{id}/hide': route({
    function: 'venues',
    summary: 'Hide a review',
    description: "Takes a review off the venue's page; its rating no longer counts.",
    tags: ['reviews', 'organizer'],
    roles: ['organizer'],
    audit: 'review.hide',
    security: 'organizerToken',
    pathParameters: z.strictObject({ id: ulid }),
    answers: {
      200: { description: 'The review is hidden.', json: z.object({ hidden: z.literal(true) }) },
      404: { description: 'No visible review has this id.', problems: ['not-found'] },
    },
  }),
};

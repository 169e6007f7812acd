import * as z from 'zod/mini';
import { categoryId } from '../../content/schemas/edition.ts';
import { venueId } from '../../content/schemas/venue.ts';
import { withMeta } from './meta.ts';

/**
 * Path parameters are bounded before any handler runs: an unbounded id would reach DynamoDB as a
 * key and fail there (keys have size limits), a 500 any anonymous client could cause.
 */

/** Registrations and reviews are named by ULIDs (functions/domain/ids.ts). */
export const ulid = withMeta(
  z
    .string()
    .check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id this API gave out (26 characters, a ULID)')),
  { example: '01JD3Z6Q8N4X2V7B5C9K1M0PRS' },
);

/** Venues and categories are named by the ids of their content files. */
export const venueIdParameter = withMeta(venueId, { example: 'convention-center' });
export const categoryIdParameter = withMeta(categoryId, { example: 'delegate' });

/**
 * An opaque cursor the API gave out with the previous page (base64url). Only the API's own cursors
 * are accepted; the answer's `nextPage` link says where the value comes from.
 */
export const pageCursor = (max: number) =>
  withMeta(
    z.string().check(z.regex(/^[A-Za-z0-9_-]+$/, 'must be a cursor this API gave out'), z.maxLength(max)),
    {
      description:
        'Opaque: the nextCursor of the previous page, sent with the same other parameters. Any other value is refused.',
    },
  );

/** A country or region as a two-letter code, in either case. */
export const countryCodeParameter = withMeta(
  z.string().check(z.regex(/^[A-Za-z]{2}$/, 'a two-letter country code'), z.toUpperCase()),
  { example: 'CN' },
);

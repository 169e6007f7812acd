import * as z from 'zod/mini';
import { paymentMethods, venueCategories } from '../../content/schemas/venue.ts';
import { withDependencies } from '../contract/dependencies.ts';
import { pageCursor } from '../contract/identifiers.ts';
import { searchTextLimit } from '../contract/limits.ts';
import { withMeta } from '../contract/meta.ts';
import { freeText } from '../contract/text.ts';
import { maxNearbyLatitude, maxNearbyRadiusMeters } from './geo.ts';

/**
 * Degrees as the server reads them (one to three digits, then decimals), bounded in the pattern
 * itself so the document says the range too. Latitude stops at ±75 (`maxNearbyLatitude`): nearer
 * the poles one search would fan out into dozens to thousands of queries.
 */
const latitude = String.raw`-?0?(?:(?:[0-6]?\d|7[0-4])(?:\.\d+)?|75(?:\.0+)?)`;
const longitude = String.raw`-?(?:(?:0?\d?\d|1[0-7]\d)(?:\.\d+)?|180(?:\.0+)?)`;

const coordinates = withMeta(
  z.pipe(
    z
      .string()
      .check(
        z.regex(
          new RegExp(String.raw`^\s*${latitude}\s*,\s*${longitude}\s*$`),
          `write near as "latitude,longitude" in degrees, latitude from -${maxNearbyLatitude} to ${maxNearbyLatitude} and longitude from -180 to 180`,
        ),
      ),
    z.transform((value) => {
      const [lat = 0, lon = 0] = value.split(',').map(Number);
      return { lat, lon };
    }),
  ),
  {
    description: `A point as "latitude,longitude" in degrees (WGS 84), latitude within ±${maxNearbyLatitude} (nearer the poles one search would take too many queries).`,
    example: '30.7406,120.4876',
  },
);

/** One category, spaces around it allowed; the list is a pattern so the document says it too. */
const listedCategory = String.raw`\s*(?:${venueCategories.join('|')})\s*`;
const categoryList = new RegExp(`^${listedCategory}(?:,${listedCategory}){0,${venueCategories.length - 1}}$`);

const flag = z.pipe(
  z.enum(['true', 'false']),
  z.transform((value) => value === 'true'),
);

/** The query string of GET /api/venues. Unknown parameters are refused, like unknown fields. */
export const venueQuery = withDependencies(
  z.strictObject({
    category: z.optional(
      z.pipe(
        z.pipe(
          withMeta(
            z
              .string()
              .check(
                z.regex(
                  categoryList,
                  `a comma-separated list of at most ${venueCategories.length} categories`,
                ),
              ),
            { description: `Comma-separated categories, any of ${venueCategories.join(', ')}.` },
          ),
          z.transform((value) => value.split(',').map((category) => category.trim())),
        ),
        z.array(z.enum(venueCategories)).check(z.maxLength(venueCategories.length)),
      ),
    ),
    q: z.optional(freeText({ max: searchTextLimit })),
    near: z.optional(coordinates),
    radius: withMeta(z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(maxNearbyRadiusMeters))), {
      description: 'Metres around near (1000 when not given); only together with near.',
    }),
    openNow: z.optional(flag),
    at: z.optional(z.iso.datetime({ offset: true })),
    wifi: z.optional(flag),
    payment: z.optional(z.enum(paymentMethods)),
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
    cursor: z.optional(pageCursor(200)),
  }),
  // A radius alone would be ignored, and the client would believe its results near somewhere.
  { radius: { needs: ['near'], message: 'radius needs near, the point it is measured from' } },
);

export type VenueQuery = z.output<typeof venueQuery>;

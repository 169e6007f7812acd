import * as z from 'zod';
import { paymentMethods, venueCategories } from '../../content/schemas/venue.ts';
import { pageCursor } from '../contract/identifiers.ts';
import { searchTextLimit } from '../contract/limits.ts';
import { freeText } from '../contract/text.ts';
import { maxNearbyRadiusMeters } from './geo.ts';

const coordinates = z
  .string()
  .regex(/^\s*-?\d{1,3}(\.\d+)?\s*,\s*-?\d{1,3}(\.\d+)?\s*$/, 'write near as "latitude,longitude" in degrees')
  .transform((value) => {
    const [lat = 0, lon = 0] = value.split(',').map(Number);
    return { lat, lon };
  })
  .refine(
    ({ lat, lon }) => Math.abs(lat) <= 90 && Math.abs(lon) <= 180,
    'latitude or longitude out of range',
  );

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** The query string of GET /api/venues. Unknown parameters are refused, like unknown fields. */
export const venueQuery = z
  .strictObject({
    category: z
      .string()
      .transform((value) => value.split(',').map((category) => category.trim()))
      .pipe(z.array(z.enum(venueCategories)).max(venueCategories.length))
      .optional(),
    q: freeText({ max: searchTextLimit }).optional(),
    near: coordinates.optional(),
    /** Metres around `near`; 1000 when not given. */
    radius: z.coerce.number().int().min(1).max(maxNearbyRadiusMeters).optional(),
    openNow: flag.optional(),
    at: z.iso.datetime({ offset: true }).optional(),
    wifi: flag.optional(),
    payment: z.enum(paymentMethods).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: pageCursor(200).optional(),
  })
  // A radius alone would be ignored, and the client would believe its results near somewhere.
  .refine((query) => query.radius === undefined || query.near !== undefined, {
    path: ['radius'],
    message: 'radius needs near, the point it is measured from',
  });

export type VenueQuery = z.output<typeof venueQuery>;

import * as z from 'zod/mini';
import { isoDate, localizedText } from './localized.ts';

export const venueCategories = [
  'hotel',
  'inn',
  'hostel',
  'restaurant',
  'cafe',
  'sight',
  'conference',
  'hospital',
  'transport',
  'wifi',
] as const;

export const paymentMethods = ['alipay', 'wechat', 'card', 'cash'] as const;

/** Short, stable and URL-safe: it is printed in QR codes as /v/<id>/. */
export const venueId = z
  .string()
  .check(
    z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and single hyphens'),
    z.maxLength(40),
  );

export const venueSchema = z.strictObject({
  id: venueId,
  name: localizedText,
  category: z.enum(venueCategories),
  subcategory: z.optional(z.string().check(z.trim(), z.minLength(1))),
  intro: localizedText,
  address: localizedText,
  location: z.strictObject({
    lat: z.number().check(z.gte(-90), z.lte(90)),
    lon: z.number().check(z.gte(-180), z.lte(180)),
    /** WGS-84; "approximate" where no one has checked the spot on the ground. */
    precision: z.enum(['exact', 'approximate']),
  }),
  phone: z.optional(
    z.string().check(z.regex(/^\+?[0-9 ()-]{5,20}$/, 'digits, spaces, ( ) - and an optional leading +')),
  ),
  website: z.optional(z.url({ protocol: /^https$/ })),
  bookingUrl: z.optional(z.url({ protocol: /^https$/ })),
  /**
   * OpenStreetMap opening_hours syntax, e.g. "Mo-Su 09:00-22:00". Absent when unknown. Whether the
   * evaluator can read it is checked when content is loaded (content/load.ts), not here: this shape
   * is also the API's, and the API's functions do not carry the evaluator.
   */
  openingHours: z.optional(z.string().check(z.trim(), z.minLength(1))),
  payment: z._default(z.array(z.enum(paymentMethods)), []),
  wifi: z.optional(
    z.strictObject({ free: z.boolean(), network: z.optional(z.string().check(z.trim(), z.minLength(1))) }),
  ),
  wheelchair: z.optional(z.enum(['yes', 'limited', 'no'])),
  priceLevel: z.optional(z.number().check(z.int(), z.gte(1), z.lte(4))),
  lastVerified: isoDate,
  source: z.string().check(z.trim(), z.minLength(1)),
  /** Illustrative listings carry a visible "sample listing" mark. */
  sample: z._default(z.boolean(), false),
});

export type Venue = z.infer<typeof venueSchema>;
export type VenueCategory = (typeof venueCategories)[number];
export type PaymentMethod = (typeof paymentMethods)[number];

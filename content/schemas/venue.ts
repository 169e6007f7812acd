import * as z from 'zod/mini';
import { withMeta } from '../../functions/contract/meta.ts';
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
  'toilets',
] as const;

export const paymentMethods = ['alipay', 'wechat', 'card', 'cash'] as const;

export const osmObjectTypes = ['node', 'way', 'relation'] as const;

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
  /** Absent where no street address is known (many OpenStreetMap objects have none). */
  address: z.optional(localizedText),
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
  /**
   * Opening hours as mapped in OpenStreetMap that the evaluator cannot read, kept word for word:
   * pages show them as "see details", and "open now" counts the venue as unknown, never open or closed.
   */
  openingHoursText: withMeta(z.optional(z.string().check(z.trim(), z.minLength(1))), {
    description:
      'Opening hours as mapped in OpenStreetMap, in a form the portal cannot evaluate: shown as written; openNow never lists the venue.',
  }),
  payment: z._default(z.array(z.enum(paymentMethods)), []),
  wifi: z.optional(
    z.strictObject({
      free: withMeta(z.optional(z.boolean()), {
        description:
          'Absent when it is not known whether the Wi-Fi costs anything; the wifi filter lists free Wi-Fi only.',
      }),
      network: z.optional(z.string().check(z.trim(), z.minLength(1))),
    }),
  ),
  wheelchair: z.optional(z.enum(['yes', 'limited', 'no'])),
  priceLevel: z.optional(z.number().check(z.int(), z.gte(1), z.lte(4))),
  lastVerified: isoDate,
  /**
   * Where the facts come from: in both languages, as a Chinese page shows it; a single string only
   * for imported venues, whose pages credit OpenStreetMap in the reader's language instead.
   */
  source: z.union([z.string().check(z.trim(), z.minLength(1)), localizedText]),
  /**
   * The OpenStreetMap object an imported venue came from: its pages credit the OpenStreetMap
   * contributors (ODbL) and link the object.
   */
  osm: withMeta(
    z.optional(
      z.strictObject({
        type: z.enum(osmObjectTypes),
        id: z.number().check(z.int(), z.positive(), z.lte(Number.MAX_SAFE_INTEGER)),
      }),
    ),
    {
      description:
        'The OpenStreetMap object the venue was imported from (https://www.openstreetmap.org/<type>/<id>); its data is © OpenStreetMap contributors, ODbL 1.0.',
    },
  ),
  /** Illustrative listings carry a visible "sample listing" mark. */
  sample: z._default(z.boolean(), false),
});

export type Venue = z.infer<typeof venueSchema>;
export type VenueCategory = (typeof venueCategories)[number];
export type PaymentMethod = (typeof paymentMethods)[number];
export type OsmObjectType = (typeof osmObjectTypes)[number];

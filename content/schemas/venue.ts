import * as z from 'zod';
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
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and single hyphens')
  .max(40);

export const venueSchema = z.strictObject({
  id: venueId,
  name: localizedText,
  category: z.enum(venueCategories),
  subcategory: z.string().trim().min(1).optional(),
  intro: localizedText,
  address: localizedText,
  location: z.strictObject({
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    /** WGS-84; "approximate" where no one has checked the spot on the ground. */
    precision: z.enum(['exact', 'approximate']),
  }),
  phone: z
    .string()
    .regex(/^\+?[0-9 ()-]{5,20}$/, 'digits, spaces, ( ) - and an optional leading +')
    .optional(),
  website: z.url({ protocol: /^https$/ }).optional(),
  bookingUrl: z.url({ protocol: /^https$/ }).optional(),
  /**
   * OpenStreetMap opening_hours syntax, e.g. "Mo-Su 09:00-22:00". Absent when unknown. Whether the
   * evaluator can read it is checked when content is loaded (content/load.ts), not here: this shape
   * is also the API's, and the API's functions do not carry the evaluator.
   */
  openingHours: z.string().trim().min(1).optional(),
  payment: z.array(z.enum(paymentMethods)).default([]),
  wifi: z.strictObject({ free: z.boolean(), network: z.string().trim().min(1).optional() }).optional(),
  wheelchair: z.enum(['yes', 'limited', 'no']).optional(),
  priceLevel: z.number().int().min(1).max(4).optional(),
  lastVerified: isoDate,
  source: z.string().trim().min(1),
  /** Illustrative listings carry a visible "sample listing" mark. */
  sample: z.boolean().default(false),
});

export type Venue = z.infer<typeof venueSchema>;
export type VenueCategory = (typeof venueCategories)[number];
export type PaymentMethod = (typeof paymentMethods)[number];

import * as z from 'zod';
import { isoDate, localizedText } from './localized.ts';

/** An ISO 8601 instant with its offset; YAML may hand it over as a Date. */
const instant = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString() : value),
  z.iso.datetime({ offset: true }),
);

/** A registration category's id, as it stands in content and in the API's paths. */
export const categoryId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,30}$/, 'lower-case letters, digits and hyphens');

export const categorySchema = z
  .strictObject({
    id: categoryId,
    name: localizedText,
    /** The seat quota a new deployment starts with; organizers change it at run time. */
    capacity: z.number().int().min(0),
    /** Registrations wait for an organizer's approval (e.g. media). */
    needsApproval: z.boolean().default(false),
    opensAt: instant.optional(),
    closesAt: instant.optional(),
  })
  .refine((category) => !category.opensAt || !category.closesAt || category.opensAt < category.closesAt, {
    path: ['closesAt'],
    message: 'must be after opensAt',
  });

export const editionSchema = z
  .strictObject({
    /** The year it was held, as a string: "2016". */
    id: z.string().regex(/^\d{4}$/, 'the year, four digits'),
    ordinal: z.number().int().min(1).optional(),
    name: localizedText,
    startDate: isoDate,
    endDate: isoDate,
    venue: localizedText,
    summary: localizedText,
    participants: z.number().int().positive().optional(),
    countriesAndRegions: z.number().int().positive().optional(),
    /** The edition this portal registers people for. Exactly one edition is current. */
    current: z.boolean().default(false),
    /** Dates and program invented for illustration, shown as such. */
    sample: z.boolean().default(false),
    /**
     * How long registrants' personal data is kept after the edition ends, in days; then it is
     * anonymised. The privacy notice states it.
     */
    personalDataRetentionDays: z.number().int().min(0).default(90),
    /** Registration categories and their quotas; the current edition needs at least one. */
    categories: z.array(categorySchema).default([]),
  })
  .refine((edition) => edition.endDate >= edition.startDate, {
    path: ['endDate'],
    message: 'must not be before startDate',
  })
  .refine((edition) => !edition.current || edition.categories.length > 0, {
    path: ['categories'],
    message: 'the current edition needs at least one registration category',
  })
  .refine((edition) => new Set(edition.categories.map(({ id }) => id)).size === edition.categories.length, {
    path: ['categories'],
    message: 'category ids must be unique',
  });

export type Edition = z.infer<typeof editionSchema>;
export type Category = z.infer<typeof categorySchema>;

import * as z from 'zod/mini';
import { badgeColour } from './badge-colour.ts';
import { isoDate, localizedText } from './localized.ts';

/** An ISO 8601 instant with its offset; YAML may hand it over as a Date. */
const instant = z.pipe(
  z.transform((value) => (value instanceof Date ? value.toISOString() : value)),
  z.iso.datetime({ offset: true }),
);

/** Wuzhen's zone: China has kept UTC+8 without daylight saving time since 1991. */
export const defaultTimeZone = 'Asia/Shanghai';

/** An IANA time zone name this runtime knows ("Europe/Berlin", "UTC"). */
export const timeZoneName = z.string().check(
  z.refine((value) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone name such as "Asia/Shanghai" or "Europe/Berlin"'),
);

/** A registration category's id, as it stands in content and in the API's paths. */
export const categoryId = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9-]{1,30}$/, 'lower-case letters, digits and hyphens'));

export const categorySchema = z
  .strictObject({
    id: categoryId,
    name: localizedText,
    /** The seat quota a new deployment starts with; organizers change it at run time. */
    capacity: z.number().check(z.int(), z.gte(0)),
    /** Registrations wait for an organizer's approval (e.g. media). */
    needsApproval: z._default(z.boolean(), false),
    /** The colour band of its name badges (#RRGGBB); badges of a category without one get a grey band. */
    badgeColour: z.optional(badgeColour),
    opensAt: z.optional(instant),
    closesAt: z.optional(instant),
  })
  .check(
    z.refine((category) => !category.opensAt || !category.closesAt || category.opensAt < category.closesAt, {
      path: ['closesAt'],
      message: 'must be after opensAt',
    }),
  );

export const editionSchema = z
  .strictObject({
    /** The year it was held, as a string: "2016". */
    id: z.string().check(z.regex(/^\d{4}$/, 'the year, four digits')),
    ordinal: z.optional(z.number().check(z.int(), z.gte(1))),
    name: localizedText,
    startDate: isoDate,
    endDate: isoDate,
    venue: localizedText,
    /** The zone session times are written in and the program pages show first. */
    timeZone: z._default(timeZoneName, defaultTimeZone),
    summary: localizedText,
    participants: z.optional(z.number().check(z.int(), z.positive())),
    countriesAndRegions: z.optional(z.number().check(z.int(), z.positive())),
    /** The edition this portal registers people for. Exactly one edition is current. */
    current: z._default(z.boolean(), false),
    /** Dates and program invented for illustration, shown as such. */
    sample: z._default(z.boolean(), false),
    /**
     * How long registrants' personal data is kept after the edition ends, in days; then it is
     * anonymised. The privacy notice states it.
     */
    personalDataRetentionDays: z._default(z.number().check(z.int(), z.gte(0)), 90),
    /** Registration categories and their quotas; the current edition needs at least one. */
    categories: z._default(z.array(categorySchema), []),
  })
  .check(
    z.refine((edition) => edition.endDate >= edition.startDate, {
      path: ['endDate'],
      message: 'must not be before startDate',
    }),
    z.refine((edition) => !edition.current || edition.categories.length > 0, {
      path: ['categories'],
      message: 'the current edition needs at least one registration category',
    }),
    z.refine(
      (edition) => new Set(edition.categories.map(({ id }) => id)).size === edition.categories.length,
      {
        path: ['categories'],
        message: 'category ids must be unique',
      },
    ),
  );

export type Edition = z.infer<typeof editionSchema>;
export type Category = z.infer<typeof categorySchema>;

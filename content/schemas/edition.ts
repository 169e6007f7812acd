import { z } from 'zod';
import { isoDate, localizedText } from './localized.ts';

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
  })
  .refine((edition) => edition.endDate >= edition.startDate, {
    path: ['endDate'],
    message: 'must not be before startDate',
  });

export type Edition = z.infer<typeof editionSchema>;

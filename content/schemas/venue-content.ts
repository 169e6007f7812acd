import * as z from 'zod/mini';
import { openingHoursProblem } from '../../functions/domain/opening-hours.ts';
import { venueSchema } from './venue.ts';

/** The venue's fields, by name: what `imported` may hold digests of. */
const venueFieldNames = Object.keys(venueSchema.shape) as Array<keyof typeof venueSchema.shape>;

/**
 * A venue's content file: the venue, with opening hours the opening_hours evaluator can read, and
 * for imported venues the digests of the fields as last imported (content/import/venues/
 * imported-digest.ts), which tell a re-import which fields an editor changed. Only content loading
 * uses it (the site's collections and the seed go through content/load.ts, which strips `imported`),
 * so the evaluator and the digests stay out of the API contract and of every function that imports it.
 */
export const venueContentSchema = z.extend(venueSchema, {
  openingHours: z.optional(
    venueSchema.shape.openingHours.def.innerType.check(
      z.superRefine((value, context) => {
        const problem = openingHoursProblem(value);
        if (problem)
          context.addIssue({ code: 'custom', message: `not valid opening_hours syntax: ${problem}` });
      }),
    ),
  ),
  imported: z.optional(
    z.partialRecord(
      z.enum(venueFieldNames),
      z.string().check(z.regex(/^[0-9a-f]{12}$/, 'the first 12 hex digits of a SHA-256')),
    ),
  ),
});

import * as z from 'zod/mini';
import { openingHoursProblem } from '../../functions/domain/opening-hours.ts';
import { venueSchema } from './venue.ts';

/**
 * A venue's content file: the venue, with opening hours the opening_hours evaluator can read. Only
 * content loading uses it (the site's collections and the seed go through content/load.ts), so the
 * evaluator stays out of the API contract and of every function that imports it.
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
});

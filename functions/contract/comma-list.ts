import * as z from 'zod/mini';
import { withMeta } from './meta.ts';

/** A ULID as a pattern, for lists of them in one parameter. */
export const ulidPattern = '[0-9A-HJKMNP-TV-Z]{26}';

/** A comma separated list (as GeoReport's "can be declared multiple times, comma delimited"), as an array without repeats. */
export const commaList = (pattern: string, maxItems: number, description: string, example: string) =>
  z.pipe(
    withMeta(
      z
        .string()
        .check(
          z.regex(
            new RegExp(`^${pattern}(?:,${pattern}){0,${maxItems - 1}}$`),
            `a comma separated list of at most ${maxItems}`,
          ),
        ),
      { description, example },
    ),
    z.transform((list: string) => [...new Set(list.split(','))]),
  );

import * as z from 'zod/mini';

/** Text every visitor reads: English and Simplified Chinese are both required. */
export const localizedText = z.strictObject({
  en: z.string().check(z.trim(), z.minLength(1)),
  zh: z.string().check(z.trim(), z.minLength(1)),
});

export type LocalizedText = z.infer<typeof localizedText>;

/** A calendar date written as YYYY-MM-DD (YAML may hand it over as a Date). */
export const isoDate = z.pipe(
  z.transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value)),
  z.iso.date(),
);

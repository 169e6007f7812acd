import { defineCollection } from 'astro:content';
import * as z from 'zod/mini';
import { loadEditions, loadPrivacyNotice, loadProgram, loadVenues } from '../../content/load.ts';
import { editionSchema } from '../../content/schemas/edition.ts';
import { privacyNoticeSchema } from '../../content/schemas/privacy-notice.ts';
import { programSchema } from '../../content/schemas/program.ts';
import { venueSchema } from '../../content/schemas/venue.ts';

// The same loaders seed DynamoDB, so a page and the API can never disagree about what is valid.
const editions = defineCollection({
  loader: async () => (await loadEditions()).map((edition) => ({ ...edition })),
  schema: editionSchema,
});

const venues = defineCollection({
  loader: async () => (await loadVenues()).map((venue) => ({ ...venue })),
  schema: venueSchema,
});

// The program is one entry: it is checked as a whole (references, double bookings), and its lists
// keep the order they are written in (rooms, tracks), which separate collections would not.
const program = defineCollection({
  loader: async () => [{ id: 'current', ...(await loadProgram()) }],
  schema: z.extend(programSchema, { id: z.literal('current') }),
});

// One entry, the notice in force; its version is what registrations record (and the seed tells the API).
const privacyNotice = defineCollection({
  loader: async () => [{ id: 'current', ...(await loadPrivacyNotice()) }],
  schema: z.extend(privacyNoticeSchema, { id: z.literal('current') }),
});

export const collections = { editions, venues, program, privacyNotice };

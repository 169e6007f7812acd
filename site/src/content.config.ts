import { defineCollection } from 'astro:content';
import { loadEditions, loadVenues } from '../../content/load.ts';
import { editionSchema } from '../../content/schemas/edition.ts';
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

export const collections = { editions, venues };

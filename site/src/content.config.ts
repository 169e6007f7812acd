import { defineCollection } from 'astro:content';
import { loadEditions, loadProgram, loadVenues } from '../../content/load.ts';
import { editionSchema } from '../../content/schemas/edition.ts';
import { roomSchema, sessionSchema, speakerSchema, trackSchema } from '../../content/schemas/program.ts';
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

// The program is checked as a whole (references, double bookings) before any part becomes a page.
const program = loadProgram();

const rooms = defineCollection({
  loader: async () => (await program).rooms.map((room) => ({ ...room })),
  schema: roomSchema,
});

const tracks = defineCollection({
  loader: async () => (await program).tracks.map((track) => ({ ...track })),
  schema: trackSchema,
});

const speakers = defineCollection({
  loader: async () => (await program).speakers.map((speaker) => ({ ...speaker })),
  schema: speakerSchema,
});

const sessions = defineCollection({
  loader: async () => (await program).sessions.map((session) => ({ ...session })),
  schema: sessionSchema,
});

export const collections = { editions, venues, rooms, tracks, speakers, sessions };

import type { Venue } from '../../content/schemas/venue.ts';
import type { VenueStore } from '../store/venue-store.ts';

export interface SeedContent {
  venues: readonly Venue[];
}

/** Loads content into the store. Safe to run on every start or deployment: it only upserts. */
export async function seedContent(store: VenueStore, content: SeedContent): Promise<{ venues: number }> {
  await store.upsertVenues(content.venues);
  return { venues: content.venues.length };
}

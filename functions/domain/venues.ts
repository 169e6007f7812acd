import { type Venue, venueId } from '../../content/schemas/venue.ts';
import type { VenueRating, VenueStore } from '../store/venue-store.ts';

export type VenueView = Venue & { rating: VenueRating };

/** The whole venue with its rating, or undefined when no venue has that id. */
export async function findVenue(store: VenueStore, id: string): Promise<VenueView | undefined> {
  if (!venueId.safeParse(id).success) return undefined;
  const stored = await store.getVenue(id);
  return stored && { ...stored.venue, rating: stored.rating };
}

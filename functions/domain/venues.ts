import { type Venue, venueId } from '../../content/schemas/venue.ts';
import type { VenueRating, VenueStore } from '../store/venue-store.ts';

export type VenueView = Venue & { rating: VenueRating };

/** The whole venue with its rating, or undefined when no venue has that id. */
export async function findVenue(store: VenueStore, id: string): Promise<VenueView | undefined> {
  if (!venueId.safeParse(id).success) return undefined;
  const stored = await store.getVenue(id);
  return stored && { ...stored.venue, rating: stored.rating };
}

/** What a venue is found by in a text search: its names, kind and address in both languages. */
export function searchableTexts(venue: Venue): string[] {
  return [
    venue.name.en,
    venue.name.zh,
    venue.subcategory ?? '',
    venue.address?.en ?? '',
    venue.address?.zh ?? '',
  ];
}

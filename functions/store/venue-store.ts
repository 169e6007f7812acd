import type { Venue } from '../../content/schemas/venue.ts';

export interface VenueRating {
  average: number | null;
  count: number;
}

export interface StoredVenue {
  venue: Venue;
  rating: VenueRating;
}

/** The port the venue domain talks to; DynamoDB is one adapter of it. */
export interface VenueStore {
  getVenue(id: string): Promise<StoredVenue | undefined>;
  /** Writes the content of each venue, leaving what visitors added (ratings, reviews) alone. */
  upsertVenues(venues: readonly Venue[]): Promise<void>;
}

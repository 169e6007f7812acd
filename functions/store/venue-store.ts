import type { Venue, VenueCategory } from '../../content/schemas/venue.ts';
import type { AuditEntry } from '../domain/audit.ts';
import type { NearbyRange } from '../domain/geo.ts';
import type { OpeningSchedule } from '../domain/opening-schedule.ts';

export interface VenueRating {
  average: number | null;
  count: number;
}

export interface StoredVenue {
  venue: Venue;
  rating: VenueRating;
  /** Its opening hours worked out when it was seeded, for "open now" without the evaluator. */
  openingSchedule?: OpeningSchedule;
}

/** Venues read for a search, with what reading them cost. */
export interface VenueRead {
  venues: StoredVenue[];
  itemsRead: number;
  readUnits: number;
}

export interface Review {
  id: string;
  venueId: string;
  rating: number;
  comment: string;
  author: string;
  createdAt: string;
}

/** The port the venue domain talks to; DynamoDB is one adapter of it. */
export interface VenueStore {
  getVenue(id: string): Promise<StoredVenue | undefined>;
  /** Publishes a review and counts its rating in the venue's totals, together; false if no such venue. */
  addReview(review: Review): Promise<boolean>;
  /** Published reviews, newest first. */
  listReviews(
    venueId: string,
    limit: number,
    cursor?: string,
  ): Promise<{ items: Review[]; nextCursor: string | null }>;
  /**
   * Hides a review and takes its rating out of the totals, with the staff action's audit entry if
   * given, all together; false (and nothing written) if there is no such visible review.
   */
  hideReview(reviewId: string, audit?: AuditEntry): Promise<boolean>;
  /**
   * The retention rule for reviews: removes the author and comment of at most `limit` reviews
   * posted before `before` (a review's id says when), which then are no longer listed; their
   * ratings stay in the totals. Resolves to how many it anonymised.
   */
  anonymiseReviewsBefore(before: Date, limit: number): Promise<number>;
  /**
   * Writes the content of each venue, with its opening schedule where one is given (by venue id),
   * leaving what visitors added (ratings, reviews) alone.
   */
  upsertVenues(
    venues: readonly Venue[],
    openingSchedules?: Readonly<Record<string, OpeningSchedule>>,
  ): Promise<void>;
  /** The id of every stored venue (through the category index), those being removed included. */
  storedVenueIds(): Promise<string[]>;
  /**
   * Removes a venue and all that hangs off it: its reviews (their authors' names and comments
   * with them), its rating, opening schedule and search-term items. The venue first stops being
   * shown and taking reviews, then goes; a removal stopped midway is finished by running it again.
   * Resolves to how many reviews went with it.
   */
  removeVenue(id: string): Promise<{ reviews: number }>;
  /** Every venue whose geo index key falls in one of the ranges. */
  venuesInRanges(ranges: readonly NearbyRange[]): Promise<VenueRead>;
  venuesInCategories(categories: readonly VenueCategory[]): Promise<VenueRead>;
  /** The ids of the venues a search term (see search-terms.ts) finds. */
  venueIdsWithTerm(term: string): Promise<{ ids: string[]; itemsRead: number; readUnits: number }>;
  venuesById(ids: readonly string[]): Promise<VenueRead>;
}

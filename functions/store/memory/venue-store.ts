import type { Venue, VenueCategory } from '../../../content/schemas/venue.ts';
import type { AuditEntry } from '../../domain/audit.ts';
import { geoIndexKeys, type NearbyRange } from '../../domain/geo.ts';
import { idTimePrefix } from '../../domain/ids.ts';
import type { OpeningSchedule } from '../../domain/opening-schedule.ts';
import { indexTerms } from '../../domain/search-terms.ts';
import { searchableTexts } from '../../domain/venue-filter.ts';
import { decodeCursor, encodeCursor } from '../page-cursor.ts';
import { InvalidCursorError } from '../store-errors.ts';
import type { Review, StoredVenue, VenueRead, VenueStore } from '../venue-store.ts';
import { MemoryAuditTrail } from './audit-store.ts';

interface MemoryVenue {
  venue: Venue;
  openingSchedule: OpeningSchedule | undefined;
  ratingCount: number;
  ratingSum: number;
  geoCell: string;
  geoKey: string;
  terms: Set<string>;
}

/** What reading an item costs in DynamoDB read units (eventually consistent, under 4 KB), for VenueRead. */
const readUnitsPerItem = 0.5;

function toStoredVenue({ venue, ratingCount, ratingSum, openingSchedule }: MemoryVenue): StoredVenue {
  return {
    venue: structuredClone(venue),
    rating: { average: ratingCount ? ratingSum / ratingCount : null, count: ratingCount },
    ...(openingSchedule ? { openingSchedule: structuredClone(openingSchedule) } : {}),
  };
}

function read(venues: MemoryVenue[]): VenueRead {
  return {
    venues: venues.map(toStoredVenue),
    itemsRead: venues.length,
    readUnits: venues.length * readUnitsPerItem,
  };
}

/** The venue port in memory, with the same index keys and search terms as the DynamoDB adapter. */
export class MemoryVenueStore implements VenueStore {
  readonly #venues = new Map<string, MemoryVenue>();
  readonly #reviews = new Map<string, { review: Review; hidden: boolean; anonymised?: true }>();
  readonly #audit: MemoryAuditTrail;

  /** `audit`: the trail a hidden review's audit entry goes to, shared with the other stores. */
  constructor(audit = new MemoryAuditTrail()) {
    this.#audit = audit;
  }

  async getVenue(id: string): Promise<StoredVenue | undefined> {
    const venue = this.#venues.get(id);
    return venue && toStoredVenue(venue);
  }

  async upsertVenues(
    venues: readonly Venue[],
    openingSchedules: Readonly<Record<string, OpeningSchedule>> = {},
  ): Promise<void> {
    for (const venue of venues) {
      const kept = this.#venues.get(venue.id);
      const schedule = openingSchedules[venue.id];
      this.#venues.set(venue.id, {
        venue: structuredClone(venue),
        openingSchedule: schedule && structuredClone(schedule),
        ratingCount: kept?.ratingCount ?? 0,
        ratingSum: kept?.ratingSum ?? 0,
        ...geoIndexKeys(venue.location, venue.id),
        terms: new Set(indexTerms(searchableTexts(venue))),
      });
    }
  }

  async addReview(review: Review): Promise<boolean> {
    const venue = this.#venues.get(review.venueId);
    if (!venue) return false;
    if (this.#reviews.has(review.id)) throw new Error(`review id ${review.id} is taken`);
    this.#reviews.set(review.id, { review: structuredClone(review), hidden: false });
    venue.ratingCount += 1;
    venue.ratingSum += review.rating;
    return true;
  }

  async listReviews(venueId: string, limit: number, cursor?: string) {
    let after: string | undefined;
    if (cursor) {
      const key = decodeCursor(cursor);
      if (Object.keys(key).sort().join(',') !== 'review,venue' || key.venue !== venueId) {
        throw new InvalidCursorError();
      }
      after = key.review;
    }
    // Newest first: review ids are ULIDs, ordered by time.
    const visible = [...this.#reviews.values()]
      .filter(({ review, hidden, anonymised }) => review.venueId === venueId && !hidden && !anonymised)
      .map(({ review }) => review)
      .filter((review) => after === undefined || review.id < after)
      .sort((a, b) => (a.id < b.id ? 1 : -1));
    const items = visible.slice(0, limit);
    const last = items.at(-1);
    const nextCursor =
      visible.length > limit && last ? encodeCursor({ venue: venueId, review: last.id }) : null;
    return { items: structuredClone(items), nextCursor };
  }

  async anonymiseReviewsBefore(before: Date, limit: number): Promise<number> {
    const due = [...this.#reviews.values()]
      .filter((entry) => !entry.anonymised && entry.review.id < idTimePrefix(before))
      .slice(0, limit);
    for (const entry of due) {
      entry.anonymised = true;
      const { author: _author, comment: _comment, ...kept } = entry.review;
      entry.review = kept as Review;
    }
    return due.length;
  }

  async hideReview(reviewId: string, audit?: AuditEntry): Promise<boolean> {
    const entry = this.#reviews.get(reviewId);
    const venue = entry && this.#venues.get(entry.review.venueId);
    if (!entry || entry.hidden || !venue) return false;
    if (audit) this.#audit.append(audit);
    entry.hidden = true;
    venue.ratingCount -= 1;
    venue.ratingSum -= entry.review.rating;
    return true;
  }

  async storedVenueIds(): Promise<string[]> {
    return [...this.#venues.keys()];
  }

  async removeVenue(id: string): Promise<{ reviews: number }> {
    let reviews = 0;
    for (const [reviewId, { review }] of this.#reviews) {
      if (review.venueId !== id) continue;
      this.#reviews.delete(reviewId);
      reviews += 1;
    }
    this.#venues.delete(id);
    return { reviews };
  }

  async venuesInRanges(ranges: readonly NearbyRange[]): Promise<VenueRead> {
    return read(
      [...this.#venues.values()].filter(({ geoCell, geoKey }) =>
        ranges.some(({ partition, from, to }) => geoCell === partition && from <= geoKey && geoKey <= to),
      ),
    );
  }

  async venuesInCategories(categories: readonly VenueCategory[]): Promise<VenueRead> {
    return read([...this.#venues.values()].filter(({ venue }) => categories.includes(venue.category)));
  }

  async venueIdsWithTerm(term: string): Promise<{ ids: string[]; itemsRead: number; readUnits: number }> {
    const ids = [...this.#venues.values()]
      .filter(({ terms }) => terms.has(term))
      .map(({ venue }) => venue.id);
    return { ids, itemsRead: ids.length, readUnits: ids.length * readUnitsPerItem };
  }

  async venuesById(ids: readonly string[]): Promise<VenueRead> {
    return read(ids.flatMap((id) => this.#venues.get(id) ?? []));
  }
}

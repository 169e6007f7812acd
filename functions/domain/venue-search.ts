import { type PaymentMethod, type VenueCategory, venueCategories } from '../../content/schemas/venue.ts';
import type { StoredVenue, VenueRead, VenueStore } from '../store/venue-store.ts';
import { distanceMeters, type LatLon, nearbyPlan } from './geo.ts';
import type { OpeningSchedule } from './opening-schedule.ts';
import { queryTerms, rankMatch } from './search-terms.ts';
import { searchableTexts } from './venues.ts';

export interface VenueSearch {
  /** Words in English or Chinese, matched by prefix (Latin) or character pairs (Han). */
  q?: string;
  categories?: VenueCategory[];
  near?: LatLon;
  /** Metres around `near`; 1 km unless given. */
  radius?: number;
  wifi?: boolean;
  payment?: PaymentMethod;
  /** Kept only when `isOpen` says so for this venue's opening hours. */
  openAt?: Date;
  limit: number;
  offset: number;
}

export type VenueHit = StoredVenue['venue'] & { rating: StoredVenue['rating']; distanceMeters?: number };

export interface VenueSearchResult {
  items: VenueHit[];
  /** Where the next page starts, or null on the last page. */
  nextOffset: number | null;
  /** What the search read from the database, to keep reads bounded and visible. */
  itemsRead: number;
  readUnits: number;
}

/** The venues that hold every term: the smallest set of ids is intersected with the others. */
async function venuesWithAllTerms(store: VenueStore, terms: readonly string[]): Promise<VenueRead> {
  if (!terms.length) return { venues: [], itemsRead: 0, readUnits: 0 };
  const found = await Promise.all(terms.map((term) => store.venueIdsWithTerm(term)));
  const [first, ...others] = found.map(({ ids }) => new Set(ids)).sort((a, b) => a.size - b.size);
  const ids = [...(first ?? [])].filter((id) => others.every((set) => set.has(id)));
  const venues = await store.venuesById(ids);
  return {
    venues: venues.venues,
    itemsRead: venues.itemsRead + found.reduce((sum, term) => sum + term.itemsRead, 0),
    readUnits: venues.readUnits + found.reduce((sum, term) => sum + term.readUnits, 0),
  };
}

/**
 * Finds venues without a Scan: by text through the term items, else near a point through the geo
 * index, else through the category index. The distance is exact. The remaining filters apply to that bounded set; results
 * are sorted by how well they match the text, then by distance, then by name.
 */
export async function searchVenues(
  store: VenueStore,
  search: VenueSearch,
  isOpen: (openingHours: string, at: Date, schedule?: OpeningSchedule) => boolean | Promise<boolean>,
): Promise<VenueSearchResult> {
  const categories = search.categories?.length ? search.categories : [...venueCategories];
  const radius = search.radius ?? 1000;
  const read: VenueRead = search.q
    ? await venuesWithAllTerms(store, queryTerms(search.q))
    : search.near
      ? await store.venuesInRanges(nearbyPlan(search.near, radius))
      : await store.venuesInCategories(categories);
  const rank = new Map<string, number>();

  const hits: VenueHit[] = [];
  for (const { venue, rating, openingSchedule } of read.venues) {
    if (!categories.includes(venue.category)) continue;
    if (search.wifi && !venue.wifi?.free) continue;
    if (search.payment && !venue.payment.includes(search.payment)) continue;
    if (
      search.openAt &&
      !(venue.openingHours && (await isOpen(venue.openingHours, search.openAt, openingSchedule)))
    )
      continue;
    if (search.q) {
      const score = rankMatch(search.q, {
        names: [venue.name.en, venue.name.zh],
        otherTexts: searchableTexts(venue),
      });
      if (score === 0) continue;
      rank.set(venue.id, score);
    }
    if (!search.near) {
      hits.push({ ...venue, rating });
      continue;
    }
    const distance = distanceMeters(search.near, venue.location);
    if (distance <= radius) hits.push({ ...venue, rating, distanceMeters: Math.round(distance) });
  }
  hits.sort(
    (a, b) =>
      (rank.get(b.id) ?? 0) - (rank.get(a.id) ?? 0) ||
      (a.distanceMeters ?? 0) - (b.distanceMeters ?? 0) ||
      a.name.en.localeCompare(b.name.en),
  );
  const end = search.offset + search.limit;
  return {
    items: hits.slice(search.offset, end),
    nextOffset: end < hits.length ? end : null,
    itemsRead: read.itemsRead,
    readUnits: read.readUnits,
  };
}

import { venueCategories } from '../../content/schemas/venue.ts';
import type { StoredVenue, VenueRead, VenueStore } from '../store/venue-store.ts';
import { nearbyPlan } from './geo.ts';
import { queryTerms } from './search-terms.ts';
import { defaultRadiusMeters, filterVenues, type OpenCheck, type VenueFilter } from './venue-filter.ts';

export type VenueSearch = VenueFilter;

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
 * index, else through the category index. The filters (venue-filter.ts) then apply to that bounded
 * set, which holds every venue they could keep; the distance is exact.
 */
export async function searchVenues(
  store: VenueStore,
  search: VenueSearch,
  isOpen: OpenCheck,
): Promise<VenueSearchResult> {
  const read: VenueRead = search.q
    ? await venuesWithAllTerms(store, queryTerms(search.q))
    : search.near
      ? await store.venuesInRanges(nearbyPlan(search.near, search.radius ?? defaultRadiusMeters))
      : await store.venuesInCategories(search.categories?.length ? search.categories : venueCategories);
  const { matches, nextOffset } = await filterVenues(read.venues, search, isOpen);
  return {
    items: matches.map(({ candidate: { venue, rating }, distanceMeters }) => ({
      ...venue,
      rating,
      ...(distanceMeters !== undefined && { distanceMeters }),
    })),
    nextOffset,
    itemsRead: read.itemsRead,
    readUnits: read.readUnits,
  };
}

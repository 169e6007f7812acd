import type { PaymentMethod, Venue, VenueCategory } from '../../content/schemas/venue.ts';
import { distanceMeters, type LatLon } from './geo.ts';
import type { OpeningSchedule } from './opening-schedule.ts';
import { rankMatch } from './search-terms.ts';

// The guide's filters over a set of venues, pure and free of zod and the opening_hours evaluator:
// the venues function applies them to what its indexes read (venue-search.ts), and the guide's
// page to the venues the build saved for offline use (site/src/scripts/guide-offline.ts), so the
// same filters give the same places on both.

export interface VenueFilter {
  /** Words in English or Chinese, matched by prefix (Latin) or character pairs (Han). */
  q?: string;
  categories?: readonly VenueCategory[];
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

/** What the filters read of a venue. */
export type FilterableVenue = Pick<
  Venue,
  'id' | 'name' | 'category' | 'subcategory' | 'address' | 'location' | 'wifi' | 'payment' | 'openingHours'
>;

export interface FilterCandidate {
  venue: FilterableVenue;
  /** Its opening hours worked out ahead, for "open now" without the evaluator. */
  openingSchedule?: OpeningSchedule;
}

export type OpenCheck = (
  openingHours: string,
  at: Date,
  schedule?: OpeningSchedule,
) => boolean | Promise<boolean>;

export interface VenueMatch<C> {
  candidate: C;
  /** Rounded metres from `near`, when the filter has one. */
  distanceMeters?: number;
}

export const defaultRadiusMeters = 1000;

/** What a venue is found by in a text search: its names, kind and address in both languages. */
export function searchableTexts(venue: Pick<Venue, 'name' | 'subcategory' | 'address'>): string[] {
  return [
    venue.name.en,
    venue.name.zh,
    venue.subcategory ?? '',
    venue.address?.en ?? '',
    venue.address?.zh ?? '',
  ];
}

/**
 * The candidates every filter keeps, sorted by how well they match the text, then by distance,
 * then by English name (in English collation, so the order does not follow the runtime's locale),
 * and the page from `offset`.
 */
export async function filterVenues<C extends FilterCandidate>(
  candidates: Iterable<C>,
  filter: VenueFilter,
  isOpen: OpenCheck,
): Promise<{ matches: VenueMatch<C>[]; nextOffset: number | null }> {
  const radius = filter.radius ?? defaultRadiusMeters;
  const rank = new Map<string, number>();
  const matches: VenueMatch<C>[] = [];
  for (const candidate of candidates) {
    const { venue, openingSchedule } = candidate;
    if (filter.categories?.length && !filter.categories.includes(venue.category)) continue;
    if (filter.wifi && !venue.wifi?.free) continue;
    if (filter.payment && !venue.payment.includes(filter.payment)) continue;
    if (
      filter.openAt &&
      !(venue.openingHours && (await isOpen(venue.openingHours, filter.openAt, openingSchedule)))
    )
      continue;
    if (filter.q) {
      const score = rankMatch(filter.q, {
        names: [venue.name.en, venue.name.zh],
        otherTexts: searchableTexts(venue),
      });
      if (score === 0) continue;
      rank.set(venue.id, score);
    }
    if (!filter.near) {
      matches.push({ candidate });
      continue;
    }
    const distance = distanceMeters(filter.near, venue.location);
    if (distance <= radius) matches.push({ candidate, distanceMeters: Math.round(distance) });
  }
  matches.sort(
    (a, b) =>
      (rank.get(b.candidate.venue.id) ?? 0) - (rank.get(a.candidate.venue.id) ?? 0) ||
      (a.distanceMeters ?? 0) - (b.distanceMeters ?? 0) ||
      a.candidate.venue.name.en.localeCompare(b.candidate.venue.name.en, 'en'),
  );
  const end = filter.offset + filter.limit;
  return {
    matches: matches.slice(filter.offset, end),
    nextOffset: end < matches.length ? end : null,
  };
}

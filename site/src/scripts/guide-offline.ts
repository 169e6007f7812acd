import type { PaymentMethod, VenueCategory } from '../../../content/schemas/venue.ts';
import { stateAt } from '../../../functions/domain/opening-schedule.ts';
import { filterVenues, type OpenCheck, type VenueFilter } from '../../../functions/domain/venue-filter.ts';
import type { GuideVenue, GuideVenueData } from '../lib/guide-venues.ts';

// The guide without the API: the venues the build saved (/guide-venues.json, precached by the service
// worker) filtered in the page by the venues function's own filters (venue-filter.ts), so a search
// offline lists the places the API lists online for the same parameters.

export type SavedVenue = GuideVenue & { distanceMeters?: number };

/** The values the page's form offers, which are all a search offline can be asked for. */
export interface FilterChoices {
  categories: readonly string[];
  payments: readonly string[];
}

const coordinates = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;

/**
 * The filter a search in the API's parameters (the page's address) asks for, or the name of the
 * first parameter the form could not have made: the API would refuse it, and is not there to say why.
 */
export function filterOfSearch(
  search: URLSearchParams,
  choices: FilterChoices,
  page: { offset: number; limit: number },
  now: Date,
): { filter: VenueFilter } | { invalid: string } {
  const categories = search
    .get('category')
    ?.split(',')
    .map((category) => category.trim());
  if (categories?.some((category) => !choices.categories.includes(category))) return { invalid: 'category' };
  const payment = search.get('payment') ?? undefined;
  if (payment !== undefined && !choices.payments.includes(payment)) return { invalid: 'payment' };
  const near = search.has('near') ? coordinates.exec(search.get('near') ?? '') : undefined;
  if (near === null) return { invalid: 'near' };
  const radius = search.has('radius') ? Number(search.get('radius')) : undefined;
  if (radius !== undefined && !(Number.isInteger(radius) && radius > 0)) return { invalid: 'radius' };
  const at = search.has('at') ? new Date(search.get('at') ?? '') : now;
  if (Number.isNaN(at.getTime())) return { invalid: 'at' };
  return {
    filter: {
      q: search.get('q') ?? undefined,
      categories: categories as VenueCategory[] | undefined,
      near: near ? { lat: Number(near[1]), lon: Number(near[2]) } : undefined,
      radius,
      wifi: search.get('wifi') === 'true',
      payment: payment as PaymentMethod | undefined,
      openAt: search.get('openNow') === 'true' ? at : undefined,
      ...page,
    },
  };
}

/**
 * Open by the schedule saved with the data, which covers 120 days from the build. Past its end the
 * API would ask the opening-hours evaluator, which the page does not carry: offline, nothing counts
 * as open then (docs/guide.md: rebuild within 120 days of the event).
 */
const openBySchedule: OpenCheck = (_openingHours, at, schedule) =>
  (schedule && stateAt(schedule, at)?.state) === 'open';

export async function searchSaved(
  data: GuideVenueData,
  filter: VenueFilter,
): Promise<{ items: SavedVenue[]; nextOffset: number | null }> {
  const candidates = data.venues.map((venue) => ({
    venue,
    openingSchedule: venue.openingHours ? data.schedules[venue.openingHours] : undefined,
  }));
  const { matches, nextOffset } = await filterVenues(candidates, filter, openBySchedule);
  return {
    items: matches.map(({ candidate: { venue }, distanceMeters }) => ({
      ...venue,
      ...(distanceMeters !== undefined && { distanceMeters }),
    })),
    nextOffset,
  };
}

let saved: Promise<GuideVenueData> | undefined;

/** The saved venues, fetched once (from the worker's cache when offline); undefined when not there. */
export async function savedVenues(): Promise<GuideVenueData | undefined> {
  saved ??= fetch('/guide-venues.json').then((response) => {
    if (!response.ok) throw new Error(`/guide-venues.json answered ${response.status}`);
    return response.json() as Promise<GuideVenueData>;
  });
  try {
    return await saved;
  } catch {
    // Asked again next time: the worker may have saved the file meanwhile.
    saved = undefined;
    return undefined;
  }
}

import type { Venue } from '../../../content/schemas/venue.ts';
import { openingSchedule } from '../../../functions/domain/opening-hours.ts';
import type { OpeningSchedule } from '../../../functions/domain/opening-schedule.ts';
import type { FilterableVenue } from '../../../functions/domain/venue-filter.ts';

/** A venue as the guide filters and lists it: what the filters read, and the sample mark it shows. */
export type GuideVenue = FilterableVenue & Pick<Venue, 'sample'>;

/**
 * The guide's venues saved for offline use (/guide-venues.json, precached by the service worker):
 * the page filters them itself when the API cannot be reached.
 */
export interface GuideVenueData {
  /**
   * Each opening_hours value's schedule from the build on (openingSchedule's default stretch, as the
   * venue pages and the seeded API), keyed by the value: many venues share theirs ("24/7").
   */
  schedules: Record<string, OpeningSchedule>;
  venues: GuideVenue[];
}

export function guideVenueData(venues: readonly Venue[], now: Date): GuideVenueData {
  const schedules: Record<string, OpeningSchedule> = {};
  for (const { openingHours } of venues) {
    if (openingHours) schedules[openingHours] ??= openingSchedule(openingHours, now);
  }
  return {
    schedules,
    venues: venues.map(
      ({ id, name, category, subcategory, address, location, wifi, payment, openingHours, sample }) => ({
        id,
        name,
        category,
        subcategory,
        address,
        location,
        wifi,
        payment,
        openingHours,
        sample,
      }),
    ),
  };
}

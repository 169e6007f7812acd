import type { Edition } from '../../content/schemas/edition.ts';
import type { PrivacyNotice } from '../../content/schemas/privacy-notice.ts';
import type { Venue } from '../../content/schemas/venue.ts';
import type { RegistrationStore } from '../store/registration-store.ts';
import type { VenueStore } from '../store/venue-store.ts';
import { openingSchedule } from './opening-hours.ts';
import type { OpeningSchedule } from './opening-schedule.ts';

export interface SeedContent {
  venues: readonly Venue[];
  currentEdition: Edition;
  privacyNotice: PrivacyNotice;
}

export interface SeedStores {
  venues: VenueStore;
  registrations: RegistrationStore;
}

/**
 * Loads content into the stores, on every start or deployment. Each venue's opening hours are
 * worked out for the days from `now` (openingSchedule's default, as the venue pages), so the venues
 * function answers "open now" within them without the evaluator.
 *
 * Venues no longer in content are then removed with their reviews (VenueStore.removeVenue), so the
 * API lists what the pages show. Running it again changes nothing more, and a run stopped midway is
 * finished by the next. Content without a single venue removes none: that is a packaging mistake
 * far more likely than a guide emptied on purpose, and removing takes visitors' reviews with it.
 */
export async function seedContent(stores: SeedStores, content: SeedContent, now = new Date()) {
  const schedules: Record<string, OpeningSchedule> = {};
  for (const { id, openingHours } of content.venues) {
    if (openingHours) schedules[id] = openingSchedule(openingHours, now);
  }
  await stores.venues.upsertVenues(content.venues, schedules);
  const inContent = new Set(content.venues.map(({ id }) => id));
  const gone =
    inContent.size === 0 ? [] : (await stores.venues.storedVenueIds()).filter((id) => !inContent.has(id));
  let removedReviews = 0;
  for (const id of gone) removedReviews += (await stores.venues.removeVenue(id)).reviews;
  const { id, name, categories } = content.currentEdition;
  const noticeVersion = content.privacyNotice.version;
  await stores.registrations.upsertEdition({ id, name, noticeVersion }, categories);
  return {
    venues: content.venues.length,
    removedVenues: gone.length,
    removedReviews,
    categories: categories.length,
  };
}

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
 * Loads content into the stores. Safe on every start or deployment: it only upserts. Each venue's
 * opening hours are worked out for the days from `now` (openingSchedule's default, as the venue
 * pages), so the venues function answers "open now" within them without the evaluator.
 */
export async function seedContent(stores: SeedStores, content: SeedContent, now = new Date()) {
  const schedules: Record<string, OpeningSchedule> = {};
  for (const { id, openingHours } of content.venues) {
    if (openingHours) schedules[id] = openingSchedule(openingHours, now);
  }
  await stores.venues.upsertVenues(content.venues, schedules);
  const { id, name, categories } = content.currentEdition;
  const noticeVersion = content.privacyNotice.version;
  await stores.registrations.upsertEdition({ id, name, noticeVersion }, categories);
  return { venues: content.venues.length, categories: categories.length };
}

import type { Edition } from '../../content/schemas/edition.ts';
import type { PrivacyNotice } from '../../content/schemas/privacy-notice.ts';
import type { Venue } from '../../content/schemas/venue.ts';
import type { RegistrationStore } from '../store/registration-store.ts';
import type { VenueStore } from '../store/venue-store.ts';

export interface SeedContent {
  venues: readonly Venue[];
  currentEdition: Edition;
  privacyNotice: PrivacyNotice;
}

export interface SeedStores {
  venues: VenueStore;
  registrations: RegistrationStore;
}

/** Loads content into the stores. Safe on every start or deployment: it only upserts. */
export async function seedContent(stores: SeedStores, content: SeedContent) {
  await stores.venues.upsertVenues(content.venues);
  const { id, name, categories } = content.currentEdition;
  const noticeVersion = content.privacyNotice.version;
  await stores.registrations.upsertEdition({ id, name, noticeVersion }, categories);
  return { venues: content.venues.length, categories: categories.length };
}

import type { Edition } from '../../content/schemas/edition.ts';
import type { Venue } from '../../content/schemas/venue.ts';
import type { RegistrationStore } from '../store/registration-store.ts';
import type { VenueStore } from '../store/venue-store.ts';

export interface SeedContent {
  venues: readonly Venue[];
  currentEdition: Edition;
}

export interface SeedStores {
  venues: VenueStore;
  registrations: RegistrationStore;
}

/** Loads content into the stores. Safe on every start or deployment: it only upserts. */
export async function seedContent(stores: SeedStores, content: SeedContent) {
  await stores.venues.upsertVenues(content.venues);
  const { id, name, categories } = content.currentEdition;
  await stores.registrations.upsertEdition({ id, name }, categories);
  return { venues: content.venues.length, categories: categories.length };
}

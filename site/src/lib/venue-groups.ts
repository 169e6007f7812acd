import { type Venue, venueCategories } from '../../../content/schemas/venue.ts';
import { intlLocale, type Locale } from '../i18n/locales.ts';

/** The venues by category, in the guide's order of categories, each sorted by name in the language; empty ones left out. */
export function venuesByCategory<V extends Pick<Venue, 'category' | 'name'>>(
  venues: readonly V[],
  locale: Locale,
) {
  const collator = new Intl.Collator(intlLocale[locale]);
  return venueCategories
    .map((category) => ({
      category,
      venues: venues
        .filter((venue) => venue.category === category)
        .sort((a, b) => collator.compare(a.name[locale], b.name[locale])),
    }))
    .filter((group) => group.venues.length > 0);
}

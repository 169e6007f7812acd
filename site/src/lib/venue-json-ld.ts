import type { Venue, VenueCategory } from '../../../content/schemas/venue.ts';
import type { Locale } from '../i18n/locales.ts';

/** The schema.org type of each category, refined by a few subcategories where schema.org has one. */
const typeOfCategory: Record<VenueCategory, string> = {
  hotel: 'Hotel',
  inn: 'BedAndBreakfast',
  hostel: 'Hostel',
  restaurant: 'Restaurant',
  cafe: 'CafeOrCoffeeShop',
  sight: 'TouristAttraction',
  conference: 'EventVenue',
  hospital: 'Hospital',
  transport: 'Place',
  wifi: 'Place',
  toilets: 'PublicToilet',
};

const typeOfSubcategory: Record<string, string> = {
  'resort hotel': 'Resort',
  'pastry shop': 'Bakery',
  tavern: 'BarOrPub',
  museum: 'Museum',
  park: 'Park',
  theatre: 'PerformingArtsTheater',
  'bus stop': 'BusStop',
  'shuttle stop': 'BusStop',
  'taxi rank': 'TaxiStand',
  'boat pier': 'BoatTerminal',
  'car park': 'ParkingFacility',
  'public toilet': 'PublicToilet',
  'visitor information': 'TouristInformationCenter',
};

export function schemaType(venue: Pick<Venue, 'category' | 'subcategory'>): string {
  return typeOfSubcategory[venue.subcategory ?? ''] ?? typeOfCategory[venue.category];
}

const weekdays = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
const dayPart = '(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?';
const daysPattern = new RegExp(`^${dayPart}(?:,${dayPart})*$`);
const timePattern = /^([01]\d|2[0-3]):[0-5]\d-(?:([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** The weekdays a selector such as "Mo-Fr" or "Sa,Su" or "We-Mo" covers, as indexes from Monday. */
function daysOf(selector: string): Set<number> {
  const days = new Set<number>();
  for (const part of selector.split(',')) {
    const [from, to = from] = part.split('-') as [(typeof weekdays)[number], (typeof weekdays)[number]?];
    const start = weekdays.indexOf(from);
    const end = weekdays.indexOf(to);
    for (let day = start; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === end) break;
    }
  }
  return days;
}

/**
 * schema.org `openingHours` strings for simple OSM opening_hours: `24/7`, or rules such as
 * `Mo-Fr 08:30-17:30; Sa 09:00-12:00; Su off` whose weekdays do not overlap. Undefined for anything
 * it cannot say faithfully: months, holidays, comments, or a later rule overriding an earlier one.
 */
export function schemaOpeningHours(value: string): string[] | undefined {
  const trimmed = value.trim();
  // schema.org: "Mo-Su" alone means every day, all day.
  if (trimmed === '24/7') return ['Mo-Su'];
  const hours: string[] = [];
  const seen = new Set<number>();
  for (const rule of trimmed.split(/\s*;\s*/)) {
    const [days, times, ...rest] = rule.split(/\s+/);
    if (!days || !times || rest.length > 0 || !daysPattern.test(days)) return undefined;
    const covered = daysOf(days);
    if ([...covered].some((day) => seen.has(day))) return undefined;
    for (const day of covered) seen.add(day);
    if (times === 'off' || times === 'closed') continue;
    const ranges = times.split(',');
    if (!ranges.every((range) => timePattern.test(range))) return undefined;
    for (const range of ranges) hours.push(`${days} ${range}`);
  }
  return hours.length > 0 ? hours : undefined;
}

export interface VenueJsonLdOptions {
  locale: Locale;
  /** The page's absolute URL. */
  url: string;
}

/** The venue as schema.org JSON-LD, in the page's language. */
export function venueJsonLd(venue: Venue, { locale, url }: VenueJsonLdOptions): Record<string, unknown> {
  const openingHours = venue.openingHours ? schemaOpeningHours(venue.openingHours) : undefined;
  return {
    '@context': 'https://schema.org',
    '@type': schemaType(venue),
    '@id': `${url}#venue`,
    name: venue.name[locale],
    alternateName: venue.name[locale === 'en' ? 'zh' : 'en'],
    description: venue.intro[locale],
    url,
    address: {
      '@type': 'PostalAddress',
      ...(venue.address && { streetAddress: venue.address[locale] }),
      addressLocality: locale === 'en' ? 'Wuzhen, Tongxiang' : '桐乡市乌镇',
      addressRegion: locale === 'en' ? 'Zhejiang' : '浙江省',
      addressCountry: 'CN',
    },
    geo: { '@type': 'GeoCoordinates', latitude: venue.location.lat, longitude: venue.location.lon },
    ...(venue.phone && { telephone: venue.phone }),
    ...(openingHours && { openingHours }),
    ...(venue.priceLevel && { priceRange: '¥'.repeat(venue.priceLevel) }),
    ...(venue.website && { sameAs: venue.website }),
  };
}

/** JSON for a `<script type="application/ld+json">`: no `</` can close the element early. */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

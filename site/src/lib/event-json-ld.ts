import type { Edition } from '../../../content/schemas/edition.ts';
import type { Venue } from '../../../content/schemas/venue.ts';
import { htmlLang, type Locale } from '../i18n/locales.ts';

export interface EventJsonLdOptions {
  locale: Locale;
  /** The home page's canonical URL in this locale. */
  url: string;
  /** The portal's own home page: the organizer's only URL the portal can vouch for. */
  portalUrl: string;
}

const organizerName: Record<Locale, string> = { en: 'World Internet Conference', zh: '世界互联网大会' };

const locality: Record<Locale, { addressLocality: string; addressRegion: string }> = {
  en: { addressLocality: 'Wuzhen, Tongxiang', addressRegion: 'Zhejiang' },
  zh: { addressLocality: '桐乡市乌镇', addressRegion: '浙江省' },
};

/**
 * The current edition as a schema.org Event, in the page's language.
 *
 * startDate and endDate are plain ISO dates: the edition states days, not opening hours, so a clock
 * time would be invented. schema.org's range for both is Date or DateTime, and Google's Event rich
 * results take a date alone; it then reads the day in the time zone of the location, which the
 * address (Wuzhen, CN) pins to Asia/Shanghai — the conference's own zone.
 */
export function eventJsonLd(
  edition: Edition,
  venue: Pick<Venue, 'location'>,
  { locale, url, portalUrl }: EventJsonLdOptions,
): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': `${url}#event`,
    name: edition.name[locale],
    description: edition.summary[locale],
    startDate: edition.startDate,
    endDate: edition.endDate,
    // Participants travel to Wuzhen; the portal knows of no official live stream to announce.
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    eventStatus: 'https://schema.org/EventScheduled',
    // The language of this description; the facts say nothing about the conference's own languages.
    inLanguage: htmlLang[locale],
    url,
    location: {
      '@type': 'Place',
      name: edition.venue[locale],
      address: {
        '@type': 'PostalAddress',
        ...locality[locale],
        postalCode: '314501',
        addressCountry: 'CN',
      },
      geo: { '@type': 'GeoCoordinates', latitude: venue.location.lat, longitude: venue.location.lon },
    },
    organizer: { '@type': 'Organization', name: organizerName[locale], url: portalUrl },
  };
}

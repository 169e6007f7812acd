import { describe, expect, it } from 'vitest';
import { currentEdition, loadEditions, loadVenues } from '../../content/load.ts';
import type { Edition } from '../../content/schemas/edition.ts';
import { eventJsonLd } from '../../site/src/lib/event-json-ld.ts';
import { jsonForScript } from '../../site/src/lib/venue-json-ld.ts';

const edition: Edition = {
  id: '2027',
  name: { en: 'Summit </script><script>alert(1)</script>', zh: '峰会' },
  startDate: '2027-11-17',
  endDate: '2027-11-19',
  venue: { en: 'Convention Center', zh: '会展中心' },
  timeZone: 'Asia/Shanghai',
  summary: { en: 'A sample edition.', zh: '示例届次。' },
  current: true,
  sample: true,
  personalDataRetentionDays: 90,
  categories: [],
};
const hall = { location: { lat: 30.7565, lon: 120.488, precision: 'approximate' as const } };
const options = { url: 'https://example.org/', portalUrl: 'https://example.org/' };

const parse = (locale: 'en' | 'zh' = 'en', url = options.url) =>
  JSON.parse(jsonForScript(eventJsonLd(edition, hall, { ...options, locale, url }))) as Record<
    string,
    unknown
  >;

describe('eventJsonLd', () => {
  it('is a scheduled, in-person schema.org Event on the edition days', () => {
    expect(parse()).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      '@id': 'https://example.org/#event',
      name: edition.name.en,
      description: edition.summary.en,
      startDate: '2027-11-17',
      endDate: '2027-11-19',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      eventStatus: 'https://schema.org/EventScheduled',
      inLanguage: 'en',
      url: 'https://example.org/',
    });
  });

  it('places the event at the hall, with a postal address and the hall’s coordinates', () => {
    expect(parse().location).toEqual({
      '@type': 'Place',
      name: 'Convention Center',
      address: {
        '@type': 'PostalAddress',
        addressLocality: 'Wuzhen, Tongxiang',
        addressRegion: 'Zhejiang',
        postalCode: '314501',
        addressCountry: 'CN',
      },
      geo: { '@type': 'GeoCoordinates', latitude: 30.7565, longitude: 120.488 },
    });
  });

  it('names the organizer with the portal’s own URL', () => {
    expect(parse().organizer).toEqual({
      '@type': 'Organization',
      name: 'World Internet Conference',
      url: 'https://example.org/',
    });
  });

  it('speaks the page’s language on the Chinese page', () => {
    const data = parse('zh', 'https://example.org/zh/');
    expect(data).toMatchObject({
      name: '峰会',
      description: '示例届次。',
      inLanguage: 'zh-Hans',
      url: 'https://example.org/zh/',
      location: { name: '会展中心', address: { addressLocality: '桐乡市乌镇', addressRegion: '浙江省' } },
      organizer: { name: '世界互联网大会' },
    });
  });

  it('cannot close its script element early', () => {
    const text = jsonForScript(eventJsonLd(edition, hall, { ...options, locale: 'en' }));
    expect(text).not.toContain('<');
    expect(JSON.parse(text).name).toBe(edition.name.en);
  });

  it('describes the current edition at the convention center from the content', async () => {
    const current = currentEdition(await loadEditions());
    const venue = (await loadVenues()).find(({ id }) => id === 'convention-center');
    if (!venue) throw new Error('convention-center venue missing');
    const data = eventJsonLd(current, venue, { ...options, locale: 'en' });
    expect(data).toMatchObject({
      startDate: current.startDate,
      endDate: current.endDate,
      location: { geo: { latitude: venue.location.lat, longitude: venue.location.lon } },
    });
    expect(current.startDate <= current.endDate).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { loadVenues } from '../../content/load.ts';
import type { Venue } from '../../content/schemas/venue.ts';
import {
  jsonForScript,
  schemaOpeningHours,
  schemaType,
  venueJsonLd,
} from '../../site/src/lib/venue-json-ld.ts';

const base: Venue = {
  id: 'test-venue',
  name: { en: 'Test </script><script>alert(1)</script> Inn', zh: '测试客栈' },
  category: 'restaurant',
  intro: { en: 'An inn.', zh: '一家客栈。' },
  address: { en: '1 Canal Street, Wuzhen', zh: '乌镇河边街1号' },
  location: { lat: 30.745, lon: 120.493, precision: 'exact' },
  payment: [],
  lastVerified: '2026-11-25',
  source: 'test',
  sample: true,
};

const url = 'https://example.org/v/test-venue/';
const parse = (venue: Venue, locale: 'en' | 'zh' = 'en') =>
  JSON.parse(jsonForScript(venueJsonLd(venue, { locale, url }))) as Record<string, unknown>;

describe('schemaType', () => {
  it.each([
    ['hotel', undefined, 'Hotel'],
    ['hotel', 'resort hotel', 'Resort'],
    ['inn', 'guesthouse', 'BedAndBreakfast'],
    ['hostel', 'youth hostel', 'Hostel'],
    ['restaurant', 'local cuisine', 'Restaurant'],
    ['restaurant', 'tavern', 'BarOrPub'],
    ['cafe', 'coffee shop', 'CafeOrCoffeeShop'],
    ['cafe', 'pastry shop', 'Bakery'],
    ['sight', 'historic water town', 'TouristAttraction'],
    ['sight', 'museum', 'Museum'],
    ['conference', 'convention center', 'EventVenue'],
    ['hospital', 'online consultations', 'Hospital'],
    ['transport', 'bus stop', 'BusStop'],
    ['transport', 'taxi rank', 'TaxiStand'],
    ['transport', 'bike rental', 'Place'],
    ['wifi', 'outdoor hotspot', 'Place'],
    ['toilets', undefined, 'PublicToilet'],
  ] as const)('maps %s (%s) to %s', (category, subcategory, type) => {
    expect(schemaType({ category, subcategory })).toBe(type);
  });
});

describe('schemaOpeningHours', () => {
  it.each([
    ['24/7', ['Mo-Su']],
    ['Mo-Su 08:00-22:00', ['Mo-Su 08:00-22:00']],
    ['Mo-Su 08:00-24:00', ['Mo-Su 08:00-24:00']],
    ['Mo-Fr 08:30-17:30; Sa 09:00-12:00; Su off', ['Mo-Fr 08:30-17:30', 'Sa 09:00-12:00']],
    ['Mo-Fr 07:00-20:00; Sa,Su 08:00-14:00', ['Mo-Fr 07:00-20:00', 'Sa,Su 08:00-14:00']],
    ['Tu-Su 10:30-14:00,16:30-21:00; Mo off', ['Tu-Su 10:30-14:00', 'Tu-Su 16:30-21:00']],
    ['We-Mo 17:00-01:00', ['We-Mo 17:00-01:00']],
  ])('converts %s', (value, expected) => {
    expect(schemaOpeningHours(value)).toEqual(expected);
  });

  it.each([
    'Apr-Oct Mo-Su 05:30-19:30; Nov-Mar Mo-Su 06:30-17:30',
    'Mo-Su 08:00-18:00; Dec-Feb Mo-Su 09:00-17:00',
    'Mo-Su 11:00-21:30 open "kitchen closes 21:00"',
    'Nov-Dec Mo-Su 07:00-22:00 "conference weeks only"; Jan-Oct off',
    'Mo-Su 08:00-20:00; Tu off',
    'Mo-Fr 08:00-18:00; PH off',
    'sunrise-sunset',
  ])('leaves out %s, which it cannot say faithfully', (value) => {
    expect(schemaOpeningHours(value)).toBeUndefined();
  });
});

describe('venueJsonLd', () => {
  it('carries name, address, geo and url, in the page language', () => {
    const data = parse(base);
    expect(data['@context']).toBe('https://schema.org');
    expect(data['@type']).toBe('Restaurant');
    expect(data.name).toBe(base.name.en);
    expect(data.url).toBe(url);
    expect(data.address).toMatchObject({
      '@type': 'PostalAddress',
      streetAddress: base.address?.en,
      addressCountry: 'CN',
    });
    expect(data.geo).toEqual({ '@type': 'GeoCoordinates', latitude: 30.745, longitude: 120.493 });
    expect(parse(base, 'zh')).toMatchObject({
      name: '测试客栈',
      address: { streetAddress: '乌镇河边街1号' },
    });
  });

  it('adds telephone and openingHours only when known and convertible', () => {
    expect(parse(base)).not.toHaveProperty('telephone');
    expect(parse(base)).not.toHaveProperty('openingHours');
    const known = parse({ ...base, phone: '+86 573 8873 1234', openingHours: 'Mo-Su 08:00-22:00' });
    expect(known.telephone).toBe('+86 573 8873 1234');
    expect(known.openingHours).toEqual(['Mo-Su 08:00-22:00']);
    expect(parse({ ...base, openingHours: 'Apr-Oct Mo-Su 05:30-19:30' })).not.toHaveProperty('openingHours');
  });

  it('cannot close its script element early', () => {
    const text = jsonForScript(venueJsonLd(base, { locale: 'en', url }));
    expect(text).not.toContain('</');
    expect(text).not.toContain('<');
    expect(JSON.parse(text).name).toBe(base.name.en);
  });

  it('is valid JSON with the expected type for every venue', async () => {
    for (const venue of await loadVenues()) {
      for (const locale of ['en', 'zh'] as const) {
        const data = parse(venue, locale);
        expect(data['@type']).toBe(schemaType(venue));
        expect(data.name).toBe(venue.name[locale]);
        expect(data.geo).toMatchObject({ latitude: venue.location.lat, longitude: venue.location.lon });
        if (venue.phone) expect(data.telephone).toBe(venue.phone);
        const hours = venue.openingHours && schemaOpeningHours(venue.openingHours);
        if (hours) expect(data.openingHours).toEqual(hours);
        else expect(data).not.toHaveProperty('openingHours');
      }
    }
  });
});

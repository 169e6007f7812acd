/**
 * Opening hours kept as mapped text (an imported venue's opening_hours the evaluator cannot read):
 * the seed works out no schedule for them, and the open filter never lists the venue and never asks
 * the evaluator; without the filter it is listed like any other.
 */
import { describe, expect, it, vi } from 'vitest';
import { currentEdition, loadEditions, loadPrivacyNotice } from '../../content/load.ts';
import type { Venue } from '../../content/schemas/venue.ts';
import { seedContent } from '../../functions/domain/seed.ts';
import { searchVenues } from '../../functions/domain/venue-search.ts';
import { memoryStores } from '../../functions/store/memory/stores.ts';

const place = (id: string, hours: Pick<Venue, 'openingHours' | 'openingHoursText'>): Venue => ({
  id,
  name: { en: id, zh: id },
  category: 'toilets',
  intro: { en: 'x', zh: 'x' },
  address: { en: 'x', zh: 'x' },
  location: { lat: 30.7471, lon: 120.4787, precision: 'approximate' },
  payment: [],
  lastVerified: '2026-09-14',
  source: '© OpenStreetMap contributors (ODbL 1.0)',
  osm: { type: 'way', id: 987654321 },
  sample: false,
  ...hours,
});

const asMapped = place('as-mapped', { openingHoursText: 'while the scenic zone is open' });
const allDay = place('all-day', { openingHours: '24/7' });

async function seeded() {
  const stores = memoryStores();
  await seedContent(stores, {
    venues: [asMapped, allDay],
    currentEdition: currentEdition(await loadEditions()),
    privacyNotice: await loadPrivacyNotice(),
  });
  return stores;
}

describe('a venue whose opening hours are kept as mapped text', () => {
  it('gets no opening schedule from the seed', async () => {
    const stores = await seeded();
    expect((await stores.venues.getVenue(asMapped.id))?.openingSchedule).toBeUndefined();
    expect((await stores.venues.getVenue(allDay.id))?.openingSchedule).toBeDefined();
  });

  it.each(['2027-11-18T03:00:00Z', '2027-11-18T15:00:00Z', '2031-01-01T00:00:00Z'])(
    'is never listed as open, and the evaluator is never asked about it (%s)',
    async (at) => {
      const stores = await seeded();
      const isOpen = vi.fn((_openingHours: string, _at: Date) => true);
      const found = await searchVenues(stores.venues, { openAt: new Date(at), limit: 20, offset: 0 }, isOpen);
      expect(found.items.map(({ id }) => id)).toEqual([allDay.id]);
      expect(isOpen.mock.calls.map(([hours]) => hours)).toEqual(['24/7']);
    },
  );

  it('is listed when nobody asks what is open', async () => {
    const found = await searchVenues((await seeded()).venues, { limit: 20, offset: 0 }, () => true);
    expect(found.items.map(({ id }) => id).sort()).toEqual([allDay.id, asMapped.id]);
    expect(found.items.find(({ id }) => id === asMapped.id)?.openingHoursText).toBe(
      'while the scenic zone is open',
    );
  });
});

describe('a venue whose Wi-Fi fee is unknown', () => {
  it('is not listed as free Wi-Fi', async () => {
    const stores = memoryStores();
    await stores.venues.upsertVenues([
      { ...allDay, id: 'fee-unknown', wifi: { network: 'Wuzhen-Free' } },
      { ...allDay, id: 'free', wifi: { free: true } },
    ]);
    const found = await searchVenues(stores.venues, { wifi: true, limit: 20, offset: 0 }, () => true);
    expect(found.items.map(({ id }) => id)).toEqual(['free']);
  });
});

describe('the seed on memory stores', () => {
  it('removes venues no longer in content, with their reviews, but none when content has no venue', async () => {
    const stores = await seeded();
    const review = {
      rating: 5,
      comment: 'Clean.',
      author: 'A. Reviewer',
      createdAt: '2027-11-18T03:00:00.000Z',
    };
    await stores.venues.addReview({ ...review, id: '01JD3Z6Q8N4X2V7B5C9K1M0PRS', venueId: asMapped.id });
    await stores.venues.addReview({ ...review, id: '01JD3Z6Q8N4X2V7B5C9K1M0PRT', venueId: allDay.id });
    const edition = {
      currentEdition: currentEdition(await loadEditions()),
      privacyNotice: await loadPrivacyNotice(),
    };
    expect(await seedContent(stores, { venues: [], ...edition })).toMatchObject({ removedVenues: 0 });
    expect(await seedContent(stores, { venues: [allDay], ...edition })).toMatchObject({
      removedVenues: 1,
      removedReviews: 1,
    });
    expect(await stores.venues.storedVenueIds()).toEqual([allDay.id]);
    expect((await stores.venues.listReviews(asMapped.id, 10)).items).toEqual([]);
    expect((await stores.venues.listReviews(allDay.id, 10)).items).toHaveLength(1);
  });
});

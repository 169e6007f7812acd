import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVenues } from '../../content/load.ts';
import type { Venue } from '../../content/schemas/venue.ts';
import { distanceMeters } from '../../functions/domain/geo.ts';
import { isOpenAt } from '../../functions/domain/opening-hours.ts';
import { searchVenues } from '../../functions/domain/venue-search.ts';
import { DynamoDbVenueStore } from '../../functions/store/dynamodb/venue-store.ts';
import { apiEvent } from '../support/events.ts';
import { isolatedTables } from '../support/isolated-tables.ts';
import { venueApi } from '../support/venue-api.ts';

const wuzhen = { lat: 30.7461, lon: 120.4956 };

/** Synthetic points scattered over about 6 km × 6 km around the town, with minimal texts. */
function syntheticVenues(count: number): Venue[] {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: count }, (_, index) => ({
    id: `synthetic-${index}`,
    name: { en: `P${index}`, zh: `点${index}` },
    category: 'sight',
    intro: { en: 'x', zh: 'x' },
    address: { en: 'x', zh: 'x' },
    location: {
      lat: wuzhen.lat + (random() - 0.5) * 0.055,
      lon: wuzhen.lon + (random() - 0.5) * 0.065,
      precision: 'exact',
    },
    payment: [],
    lastVerified: '2026-11-25',
    source: 'test',
    sample: true,
  }));
}

let tables: Awaited<ReturnType<typeof isolatedTables>>;
let store: DynamoDbVenueStore;
let everything: Venue[];
let api: ReturnType<typeof venueApi>;
beforeAll(async () => {
  tables = await isolatedTables();
  store = new DynamoDbVenueStore(tables.inspectionClient, tables.tableNames.venues, tables.tableNames.audit);
  everything = [...(await loadVenues()), ...syntheticVenues(250)];
  await store.upsertVenues(everything);
  api = venueApi(tables, store);
}, 120_000);
afterAll(() => tables.dispose());

async function get(url: string) {
  const response = await api(apiEvent('GET', url));
  return {
    status: response.statusCode,
    headers: response.headers ?? {},
    json: JSON.parse(String(response.body)),
  };
}

describe('near a point', () => {
  it('returns exactly what a brute-force haversine finds, sorted by distance, across cell boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: -0.02, max: 0.02, noNaN: true }),
        fc.double({ min: -0.025, max: 0.025, noNaN: true }),
        fc.integer({ min: 50, max: 5000 }),
        async (dLat, dLon, radius) => {
          const center = { lat: wuzhen.lat + dLat, lon: wuzhen.lon + dLon };
          const result = await searchVenues(
            store,
            { near: center, radius, limit: 1000, offset: 0 },
            isOpenAt,
          );
          const expected = everything
            .map((venue) => ({ id: venue.id, distance: distanceMeters(center, venue.location) }))
            .filter(({ distance }) => distance <= radius)
            .sort((a, b) => a.distance - b.distance);
          expect(new Set(result.items.map((item) => item.id))).toEqual(new Set(expected.map(({ id }) => id)));
          const distances = result.items.map((item) => item.distanceMeters ?? Number.NaN);
          expect([...distances].sort((a, b) => a - b)).toEqual(distances);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('pages a nearby search with limit and cursor, each item with distanceMeters', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(
        `/api/venues?near=30.7461,120.4956&radius=2000&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      for (const item of page.json.items) expect(item.distanceMeters).toBeTypeOf('number');
      ids.push(...page.json.items.map((item: { id: string }) => item.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    const expected = everything.filter((venue) => distanceMeters(wuzhen, venue.location) <= 2000);
    expect(ids.sort()).toEqual(expected.map(({ id }) => id).sort());
  });

  it('refuses bad geo parameters, cursors and unknown parameters', async () => {
    for (const query of [
      'near=abc',
      'near=91,0',
      // Nearer the poles one search fans out into too many queries (near 89.9° over 3,000).
      'near=90,0',
      'near=-89.95,10&radius=1',
      'near=75.001,10&radius=1',
      'near=-76,10',
      'near=30,120&radius=5001',
      'radius=0',
      'radius=100',
      'cursor=bad',
      'sort=x',
      'category=spaceport',
      'payment=gold',
      'openNow=yes',
      'at=tomorrow',
      'limit=0',
    ]) {
      const response = await get(`/api/venues?${query}`);
      expect(response.status, query).toBe(400);
    }
    expect((await get('/api/venues?radius=100')).json.errors).toEqual([
      { path: 'radius', message: 'radius needs near, the point it is measured from' },
    ]);
  });
});

describe('filters', () => {
  it('keeps categories, free Wi-Fi and a payment method', async () => {
    const wifiSpots = await get('/api/venues?category=wifi&limit=100');
    expect(wifiSpots.json.items.length).toBeGreaterThanOrEqual(20);
    expect(wifiSpots.json.items.every((item: Venue) => item.category === 'wifi')).toBe(true);
    const free = await get('/api/venues?wifi=true&limit=100');
    expect(free.json.items.length).toBeGreaterThan(0);
    expect(free.json.items.every((item: Venue) => item.wifi?.free)).toBe(true);
    const cards = await get('/api/venues?category=hotel,inn&payment=card&limit=100');
    expect(cards.json.items.length).toBeGreaterThan(0);
    expect(
      cards.json.items.every(
        (item: Venue) => item.payment.includes('card') && ['hotel', 'inn'].includes(item.category),
      ),
    ).toBe(true);
  });

  it('evaluates open now in Wuzhen time at a given instant', async () => {
    const at = (instant: string) =>
      get(`/api/venues?openNow=true&limit=100&at=${encodeURIComponent(instant)}`);
    const noon = await at('2027-11-17T12:00:00+08:00');
    const night = await at('2027-11-17T03:30:00+08:00');
    expect(noon.json.items.length).toBeGreaterThan(night.json.items.length);
    for (const item of night.json.items as Venue[]) {
      expect(isOpenAt(item.openingHours ?? '', new Date('2027-11-17T03:30:00+08:00')), item.id).toBe(true);
    }
    const openAtNight = everything.filter(
      (venue) => venue.openingHours && isOpenAt(venue.openingHours, new Date('2027-11-17T03:30:00+08:00')),
    );
    expect(night.json.items.map((item: Venue) => item.id).sort()).toEqual(
      openAtNight.map(({ id }) => id).sort(),
    );
  });
});

describe('text search', () => {
  it('finds English words by prefix, case- and accent-insensitively, best match first', async () => {
    const inn = await get('/api/venues?q=TONG');
    expect(inn.json.items[0]?.id).toBe('tongan-inn');
    const mao = await get('/api/venues?q=mao%20dun');
    expect(mao.json.items.map((item: Venue) => item.id)).toContain('mao-dun-former-residence');
  });

  it('finds Chinese by any run of two or more characters', async () => {
    const hospital = await get(`/api/venues?q=${encodeURIComponent('互联网医院')}`);
    expect(hospital.json.items[0]?.id).toBe('internet-hospital');
    const theatre = await get(`/api/venues?q=${encodeURIComponent('大剧')}`);
    expect(theatre.json.items.map((item: Venue) => item.id)).toContain('wuzhen-grand-theatre');
  });

  it('reads only the items of its terms and the venues they name, never the whole table', async () => {
    const result = await searchVenues(store, { q: 'grand theatre', limit: 20, offset: 0 }, isOpenAt);
    expect(result.items.map((item) => item.id)).toContain('wuzhen-grand-theatre');
    expect(result.itemsRead).toBeLessThan(50);
    expect(result.readUnits).toBeGreaterThan(0);
    expect(result.readUnits).toBeLessThan(50);
  });
});

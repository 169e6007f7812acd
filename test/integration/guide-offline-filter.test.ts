/**
 * The guide offline lists what the API lists online: for the same search parameters, the page's
 * filter over the build's saved venues (site/scripts/guide-offline.ts over /guide-venues.json's
 * data) gives the same places, in the same order, with the same distances, as GET /api/venues over
 * the seeded content on DynamoDB Local. The saved data is built two hours before the seed, as a
 * build comes before its deployment.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentEdition, loadEditions, loadPrivacyNotice, loadVenues } from '../../content/load.ts';
import { paymentMethods, venueCategories } from '../../content/schemas/venue.ts';
import { seedContent } from '../../functions/domain/seed.ts';
import { DynamoDbRegistrationStore } from '../../functions/store/dynamodb/registration-store.ts';
import { DynamoDbVenueStore } from '../../functions/store/dynamodb/venue-store.ts';
import { type GuideVenueData, guideVenueData } from '../../site/src/lib/guide-venues.ts';
import { filterOfSearch, searchSaved } from '../../site/src/scripts/guide-offline.ts';
import { apiEvent } from '../support/events.ts';
import { isolatedTables } from '../support/isolated-tables.ts';
import { venueApi } from '../support/venue-api.ts';

/** The guide's landmarks (GuideFilters.astro) and radii, as its form sends them. */
const landmarks = ['30.7565,120.4880', '30.7482,120.4844', '30.7447,120.4992', '30.7461,120.4956'];
const radii = ['300', '1000', '2000', '5000'];
const words = ['inn', 'tong', 'cafe', 'wi-fi', 'hospital', '乌镇', '客栈', '会展中心', '互联网', '茶'];
const hourMs = 60 * 60 * 1000;
const choices = { categories: venueCategories, payments: paymentMethods };

let tables: Awaited<ReturnType<typeof isolatedTables>>;
let api: ReturnType<typeof venueApi>;
let saved: GuideVenueData;
/** When the API's content is seeded. */
const seededAt = new Date();

beforeAll(async () => {
  tables = await isolatedTables();
  const store = new DynamoDbVenueStore(
    tables.inspectionClient,
    tables.tableNames.venues,
    tables.tableNames.audit,
  );
  const registrations = new DynamoDbRegistrationStore(
    tables.inspectionClient,
    tables.tableNames.registrations,
  );
  const venues = await loadVenues();
  saved = guideVenueData(venues, new Date(seededAt.getTime() - 2 * hourMs));
  const content = {
    venues,
    currentEdition: currentEdition(await loadEditions()),
    privacyNotice: await loadPrivacyNotice(),
  };
  await seedContent({ venues: store, registrations }, content, seededAt);
  api = venueApi(tables, store);
}, 120_000);
afterAll(() => tables.dispose());

/** What the guide's list shows of a place, from the API's answer or the saved venues. */
function shown(item: Record<string, unknown>) {
  const { id, name, category, address, location, sample, distanceMeters } = item;
  return { id, name, category, address, location, sample, distanceMeters };
}

async function online(search: URLSearchParams, limit: number, cursor?: string) {
  const query = new URLSearchParams(search);
  query.set('limit', String(limit));
  if (cursor) query.set('cursor', cursor);
  const response = await api(apiEvent('GET', `/api/venues?${query}`));
  expect(response.statusCode, String(query)).toBe(200);
  return JSON.parse(String(response.body)) as { items: Record<string, unknown>[]; nextCursor: string | null };
}

async function offline(search: URLSearchParams, offset: number, limit: number) {
  const read = filterOfSearch(search, choices, { offset, limit }, new Date());
  if ('invalid' in read) throw new Error(`${search} read as invalid: ${read.invalid}`);
  return searchSaved(saved, read.filter);
}

/** Both lists, whole (limit 100 holds every content venue), for one search. */
async function bothLists(search: URLSearchParams) {
  const [api, page] = await Promise.all([online(search, 100), offline(search, 0, 100)]);
  expect(api.nextCursor).toBeNull();
  return { online: api.items.map(shown), offline: page.items.map(shown) };
}

/** Instants within both schedules: Wuzhen's morning, afternoon and night on the coming days. */
const instants = [1, 2, 5, 30].flatMap((days) =>
  [1, 6, 14, 19].map((hours) => {
    const day = new Date(seededAt.getTime() + days * 24 * hourMs);
    // hh:30 UTC is (hh+8):30 in Wuzhen: 09:30, 14:30, 22:30 and 03:30.
    return new Date(
      Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hours, 30),
    ).toISOString();
  }),
);

const searches = fc.record(
  {
    q: fc.constantFrom(...words),
    category: fc.uniqueArray(fc.constantFrom(...venueCategories), { minLength: 1, maxLength: 4 }),
    openNow: fc.constant('true'),
    at: fc.constantFrom(...instants),
    wifi: fc.constant('true'),
    payment: fc.constantFrom(...paymentMethods),
    near: fc.constantFrom(...landmarks),
    radius: fc.constantFrom(...radii),
  },
  { requiredKeys: [] },
);

function toParams(search: Partial<Record<string, string | string[]>>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (key === 'at' && !search.openNow) continue;
    if (key === 'radius' && !search.near) continue;
    if (value !== undefined) params.set(key, Array.isArray(value) ? value.join(',') : value);
  }
  return params;
}

describe('the guide offline', () => {
  it('lists what the API lists for category, open now, Wi-Fi and a landmark together', async () => {
    let found = 0;
    for (const at of instants) {
      for (const near of landmarks) {
        const search = toParams({
          category: ['cafe', 'restaurant', 'wifi'],
          openNow: 'true',
          at,
          wifi: 'true',
          near,
          radius: '2000',
        });
        const lists = await bothLists(search);
        expect(lists.offline, String(search)).toEqual(lists.online);
        found += lists.online.length;
      }
    }
    // The searches find places at all, so equal lists are not merely two empty ones.
    expect(found).toBeGreaterThan(0);
  });

  it('lists what the API lists for any mix of the filters and the search words', async () => {
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(searches, async (search) => {
        const params = toParams(search);
        const lists = await bothLists(params);
        expect(lists.offline, String(params)).toEqual(lists.online);
        if (lists.online.length > 0) nonEmpty += 1;
      }),
      { numRuns: 150, seed: 16 },
    );
    expect(nonEmpty).toBeGreaterThan(30);
  });

  it('pages as the API pages, twenty at a time', async () => {
    const search = toParams({ near: landmarks[3], radius: '5000' });
    const onlinePages: unknown[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await online(search, 20, cursor ?? undefined);
      onlinePages.push(page.items.map(shown));
      cursor = page.nextCursor;
    } while (cursor);
    const offlinePages: unknown[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const page = await offline(search, offset, 20);
      offlinePages.push(page.items.map(shown));
      offset = page.nextOffset;
    }
    expect(onlinePages.length).toBeGreaterThan(1);
    expect(offlinePages).toEqual(onlinePages);
  });

  it('reads only what the form could have asked for', () => {
    const page = { offset: 0, limit: 20 };
    for (const [query, invalid] of [
      ['category=spaceport', 'category'],
      ['payment=gold', 'payment'],
      ['near=abc', 'near'],
      ['near=30.7,120.4&radius=0', 'radius'],
      ['openNow=true&at=tomorrow', 'at'],
    ]) {
      expect(filterOfSearch(new URLSearchParams(query), choices, page, new Date()), query).toEqual({
        invalid,
      });
    }
  });
});

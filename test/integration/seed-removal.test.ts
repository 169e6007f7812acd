/**
 * The seed removes venues no longer in content, on DynamoDB Local: with their reviews (and the
 * authors' names in them), reference items, search terms, rating and schedule; other venues and
 * their reviews untouched; again and again without harm; a removal stopped midway finished next time.
 */
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { currentEdition, loadEditions, loadPrivacyNotice, loadVenues } from '../../content/load.ts';
import type { Venue } from '../../content/schemas/venue.ts';
import { venueRoutes } from '../../functions/api/venues.ts';
import { newId } from '../../functions/domain/ids.ts';
import { seedContent } from '../../functions/domain/seed.ts';
import { routeHandler } from '../../functions/http/route-handler.ts';
import { contract } from '../../functions/routes.ts';
import { DynamoDbRateLimiter } from '../../functions/store/dynamodb/rate-limiter.ts';
import { DynamoDbRegistrationStore } from '../../functions/store/dynamodb/registration-store.ts';
import { DynamoDbVenueStore } from '../../functions/store/dynamodb/venue-store.ts';
import { apiEvent } from '../support/events.ts';
import { isolatedTables } from '../support/isolated-tables.ts';
import { testProofOfWork } from '../support/proof-of-work.ts';
import { testStaffAudit } from '../support/staff-audit.ts';
import { scanTable } from '../support/table-scan.ts';

let tables: Awaited<ReturnType<typeof isolatedTables>>;
let store: DynamoDbVenueStore;
let api: ReturnType<typeof routeHandler>;
let seed: (venues: readonly Venue[]) => ReturnType<typeof seedContent>;
let venues: Venue[];

/** Dropped from content in the tests below; the other is kept and must not lose anything. */
const dropped = 'fengyuan-restaurant';
const kept = 'tongan-inn';

beforeAll(async () => {
  tables = await isolatedTables();
  store = new DynamoDbVenueStore(tables.inspectionClient, tables.tableNames.venues, tables.tableNames.audit);
  const registrations = new DynamoDbRegistrationStore(
    tables.inspectionClient,
    tables.tableNames.registrations,
  );
  const edition = currentEdition(await loadEditions());
  const privacyNotice = await loadPrivacyNotice();
  venues = await loadVenues();
  seed = (content) =>
    seedContent(
      { venues: store, registrations },
      { venues: content, currentEdition: edition, privacyNotice },
    );
  api = routeHandler(
    contract,
    venueRoutes({
      store,
      rateLimiter: new DynamoDbRateLimiter(tables.inspectionClient, tables.tableNames.venues),
      now: () => new Date(),
      proofOfWork: testProofOfWork(tables.inspectionClient, tables.tableNames.venues),
    }),
    testStaffAudit(tables.inspectionClient, tables.tableNames),
  );
}, 120_000);
afterAll(() => tables.dispose());

async function get(url: string) {
  const response = await api(apiEvent('GET', url));
  return { status: response.statusCode, json: JSON.parse(String(response.body)) };
}

async function review(venueId: string, author: string) {
  const added = await store.addReview({
    id: newId(),
    venueId,
    rating: 4,
    comment: `A review of ${venueId}.`,
    author,
    createdAt: new Date().toISOString(),
  });
  expect(added).toBe(true);
}

/** Every item of the venues table that belongs to a venue: its own, its reviews', its terms'. */
async function itemsOf(venueId: string, reviewIds: readonly string[]) {
  const items = await scanTable(inject('dynamodbEndpoint'), tables.tableNames.venues);
  return items.filter(
    ({ pk, sk, venueId: owner }) =>
      pk === `VENUE#${venueId}` ||
      owner === venueId ||
      (typeof pk === 'string' && reviewIds.some((id) => pk === `REVIEW#${id}`)) ||
      (typeof pk === 'string' && pk.startsWith('TERM#') && sk === venueId),
  );
}

const withoutDropped = () => venues.filter(({ id }) => id !== dropped);

describe('seeding content without a venue that was there', () => {
  it('removes the venue and its reviews, and leaves the other venues and their reviews alone', async () => {
    expect((await seed(venues)).removedVenues).toBe(0);
    await review(dropped, 'Dropped Reviewer One');
    await review(dropped, 'Dropped Reviewer Two');
    await review(kept, 'Kept Reviewer');
    const droppedReviews = (await get(`/api/venues/${dropped}/reviews`)).json.items.map(
      ({ id }: { id: string }) => id,
    );
    expect(droppedReviews).toHaveLength(2);
    const keptBefore = await get(`/api/venues/${kept}/reviews`);
    const keptItemsBefore = await itemsOf(kept, []);

    const seeded = await seed(withoutDropped());
    expect(seeded).toMatchObject({ venues: venues.length - 1, removedVenues: 1, removedReviews: 2 });

    expect((await get(`/api/venues/${dropped}`)).status).toBe(404);
    expect((await get(`/api/venues/${dropped}/reviews`)).status).toBe(404);
    const listed = (await get('/api/venues?limit=100')).json.items.map(({ id }: Venue) => id);
    expect(listed).not.toContain(dropped);
    expect(listed).toContain(kept);
    expect((await get('/api/venues?q=Fengyuan')).json.items).toEqual([]);
    // Nothing of it is left in the table: no profile, review, review reference or search term.
    expect(await itemsOf(dropped, droppedReviews)).toEqual([]);
    const everything = JSON.stringify(await scanTable(inject('dynamodbEndpoint'), tables.tableNames.venues));
    expect(everything).not.toContain('Dropped Reviewer');

    expect(await get(`/api/venues/${kept}/reviews`)).toEqual(keptBefore);
    expect((await get(`/api/venues/${kept}`)).json.rating).toEqual({ average: 4, count: 1 });
    expect(await itemsOf(kept, [])).toEqual(keptItemsBefore);
  });

  it('removes nothing more when run again, and brings the venue back when content has it again', async () => {
    expect((await seed(withoutDropped())).removedVenues).toBe(0);
    expect((await seed(venues)).removedVenues).toBe(0);
    const back = await get(`/api/venues/${dropped}`);
    expect(back.status).toBe(200);
    expect(back.json.rating).toEqual({ average: null, count: 0 });
    expect((await get('/api/venues?q=Fengyuan')).json.items.map(({ id }: Venue) => id)).toEqual([dropped]);
  });

  /** What a seed that stopped right after marking the venue for removal leaves behind. */
  const markForRemoval = (venueId: string) =>
    tables.inspectionClient.send(
      new UpdateCommand({
        TableName: tables.tableNames.venues,
        Key: { pk: `VENUE#${venueId}`, sk: 'PROFILE' },
        UpdateExpression: 'SET removing = :true REMOVE geoCell, geoKey',
        ExpressionAttributeValues: { ':true': true },
      }),
    );

  it('makes a venue whole again when content has it back after its removal stopped midway', async () => {
    await seed(venues);
    await markForRemoval(dropped);
    // ...and had deleted its search-term items.
    const terms = (await itemsOf(dropped, [])).filter(({ pk }) => String(pk).startsWith('TERM#'));
    expect(terms.length).toBeGreaterThan(0);
    for (const { pk, sk } of terms) {
      await tables.inspectionClient.send(
        new DeleteCommand({ TableName: tables.tableNames.venues, Key: { pk, sk } }),
      );
    }
    expect((await get('/api/venues?q=Fengyuan')).json.items).toEqual([]);
    expect((await seed(venues)).removedVenues).toBe(0);
    expect((await get(`/api/venues/${dropped}`)).status).toBe(200);
    expect((await get('/api/venues?q=Fengyuan')).json.items.map(({ id }: Venue) => id)).toEqual([dropped]);
    const { lat, lon } = venues.find(({ id }) => id === dropped)?.location ?? { lat: 0, lon: 0 };
    expect(
      (await get(`/api/venues?near=${lat},${lon}&radius=50`)).json.items.map(({ id }: Venue) => id),
    ).toContain(dropped);
  });

  it('finishes a removal stopped after its first step, and takes no review meanwhile', async () => {
    await seed(venues);
    await review(dropped, 'Reviewer During Removal');
    await markForRemoval(dropped);
    expect((await get(`/api/venues/${dropped}`)).status).toBe(404);
    expect(
      await store.addReview({
        id: newId(),
        venueId: dropped,
        rating: 1,
        comment: 'Too late.',
        author: 'Late Reviewer',
        createdAt: new Date().toISOString(),
      }),
    ).toBe(false);
    expect(await seed(withoutDropped())).toMatchObject({ removedVenues: 1, removedReviews: 1 });
    expect(await itemsOf(dropped, [])).toEqual([]);
    expect(await store.storedVenueIds()).not.toContain(dropped);
  });

  it('removes nothing when content has no venue at all', async () => {
    const before = (await store.storedVenueIds()).length;
    expect(await seed([])).toMatchObject({ venues: 0, removedVenues: 0, removedReviews: 0 });
    expect(await store.storedVenueIds()).toHaveLength(before);
  });
});

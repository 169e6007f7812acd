import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVenues } from '../../content/load.ts';
import { venueRoutes } from '../../functions/api/venues.ts';
import { routeHandler } from '../../functions/http/route-handler.ts';
import { contract } from '../../functions/routes.ts';
import { DynamoDbRateLimiter } from '../../functions/store/dynamodb/rate-limiter.ts';
import { DynamoDbVenueStore } from '../../functions/store/dynamodb/venue-store.ts';
import { apiEvent } from '../support/events.ts';
import { isolatedTables } from '../support/isolated-tables.ts';
import { testProofOfWork } from '../support/proof-of-work.ts';
import { testStaffAudit } from '../support/staff-audit.ts';
import { refusingDatabaseClient, silentDatabase } from '../support/unreachable-database.ts';

let tables: Awaited<ReturnType<typeof isolatedTables>>;
let store: DynamoDbVenueStore;
beforeAll(async () => {
  tables = await isolatedTables();
  store = new DynamoDbVenueStore(tables.documentClient, tables.tableNames.venues, tables.tableNames.audit);
  await store.upsertVenues(await loadVenues());
});
afterAll(() => tables.dispose());

const routesOver = (venueStore: DynamoDbVenueStore) =>
  routeHandler(
    contract,
    venueRoutes({
      store: venueStore,
      rateLimiter: new DynamoDbRateLimiter(tables.documentClient, tables.tableNames.venues),
      now: () => new Date(),
      proofOfWork: testProofOfWork(tables.documentClient, tables.tableNames.venues),
    }),
    testStaffAudit(tables.documentClient, tables.tableNames),
  );

const getVenue = (venueStore: DynamoDbVenueStore, id: string) =>
  routesOver(venueStore)(apiEvent('GET', `/api/venues/${encodeURIComponent(id)}`));

describe('GET /api/venues/{id}', () => {
  it('answers the whole venue from DynamoDB with its rating', async () => {
    const response = await getVenue(store, 'convention-center');
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['content-type']).toBe('application/json; charset=utf-8');
    const venue = JSON.parse(response.body as string);
    const [expected] = (await loadVenues()).filter(({ id }) => id === 'convention-center');
    expect(venue).toEqual({ ...expected, rating: { average: null, count: 0 } });
  });

  it('answers 404 problem+json for an unknown id', async () => {
    const response = await getVenue(store, 'no-such-venue');
    expect(response.statusCode).toBe(404);
    expect(response.headers?.['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(response.body as string)).toMatchObject({
      type: 'tag:wuzhen-portal,2026:problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: expect.stringContaining('no-such-venue'),
    });
  });

  it('answers 400 naming the id for an id no venue could have, without asking the database', async () => {
    const offline = new DynamoDbVenueStore(await refusingDatabaseClient(), tables.tableNames.venues);
    for (const id of ['UPPER', 'a'.repeat(41), "x' OR 1=1", '../etc/passwd', '乌镇']) {
      const response = await getVenue(offline, id);
      expect(response.statusCode, id).toBe(400);
      expect(JSON.parse(response.body as string).errors, id).toEqual([
        { path: 'id', message: expect.any(String) },
      ]);
    }
  });

  it('keeps the rating totals visitors wrote when the content is seeded again', async () => {
    await tables.documentClient.send(
      new UpdateCommand({
        TableName: tables.tableNames.venues,
        Key: { pk: 'VENUE#west-scenic-zone', sk: 'PROFILE' },
        UpdateExpression: 'SET ratingCount = :count, ratingSum = :sum',
        ExpressionAttributeValues: { ':count': 4, ':sum': 18 },
      }),
    );
    await store.upsertVenues(await loadVenues());
    const venue = JSON.parse((await getVenue(store, 'west-scenic-zone')).body as string);
    expect(venue.rating).toEqual({ average: 4.5, count: 4 });
    expect(venue.name.zh).toBe('西栅景区');
  });

  it('answers 503 with retry-after when DynamoDB is down, and 503 within about a second when it hangs', async () => {
    const refused = await getVenue(
      new DynamoDbVenueStore(await refusingDatabaseClient(), 'venues'),
      'tongan-inn',
    );
    expect(refused.statusCode).toBe(503);
    expect(refused.headers).toMatchObject({ 'retry-after': '1' });

    const database = await silentDatabase();
    try {
      const started = performance.now();
      const hung = await getVenue(new DynamoDbVenueStore(database.client, 'venues'), 'tongan-inn');
      expect(hung.statusCode).toBe(503);
      expect(performance.now() - started).toBeLessThan(1500);
    } finally {
      await database.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthRoutes } from '../../functions/api/health.ts';
import { routeHandler } from '../../functions/http/route-handler.ts';
import { contract } from '../../functions/routes.ts';
import { dynamoDbProbe } from '../../functions/store/dynamodb/health-probe.ts';
import { apiEvent } from '../support/events.ts';
import { isolatedTables } from '../support/isolated-tables.ts';
import { refusingDatabaseClient, silentDatabase } from '../support/unreachable-database.ts';

let tables: Awaited<ReturnType<typeof isolatedTables>>;
beforeAll(async () => {
  tables = await isolatedTables();
});
afterAll(() => tables.dispose());

const healthOf = (client: Parameters<typeof dynamoDbProbe>[0], tableName: string) =>
  routeHandler(
    contract,
    healthRoutes({ dynamodb: dynamoDbProbe(client, tableName) }),
  )(apiEvent('GET', '/api/health'));

describe('GET /api/health', () => {
  it('answers 200 when DynamoDB answers', async () => {
    const response = await healthOf(tables.documentClient, tables.tableNames.venues);
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({ 'cache-control': 'no-store' });
    expect(JSON.parse(response.body as string)).toEqual({ status: 'ok', checks: { dynamodb: 'ok' } });
  });

  it('answers 503 with retry-after when DynamoDB refuses connections', async () => {
    const response = await healthOf(await refusingDatabaseClient(), tables.tableNames.venues);
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'retry-after': '1' });
    expect(JSON.parse(response.body as string)).toEqual({
      status: 'unavailable',
      checks: { dynamodb: 'unavailable' },
    });
  });

  it('answers 503 within a second when DynamoDB accepts connections but never answers', async () => {
    const database = await silentDatabase();
    try {
      const started = performance.now();
      const response = await healthOf(database.client, tables.tableNames.venues);
      expect(response.statusCode).toBe(503);
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      await database.close();
    }
  });

  it('answers 503 when the table is missing', async () => {
    const response = await healthOf(tables.documentClient, 'no-such-table');
    expect(response.statusCode).toBe(503);
  });
});

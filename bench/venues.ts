/**
 * Town-guide lookups. Part 1: nearby searches over 3,000 synthetic venues around Wuzhen (made here,
 * never content) — items read, items returned, their ratio and read units per query, beside a full
 * Scan of the same table. Part 2: latency of GET /api/venues/{id} through the local server beside a
 * raw GetItem on the same DynamoDB Local.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { geoIndexKeys } from '../functions/domain/geo.ts';
import { isOpenAt } from '../functions/domain/opening-hours.ts';
import { searchVenues } from '../functions/domain/venue-search.ts';
import { createDocumentClient, createDynamoDbClient } from '../functions/store/dynamodb/client.ts';
import { ensureTables } from '../functions/store/dynamodb/table-setup.ts';
import { DynamoDbVenueStore } from '../functions/store/dynamodb/venue-store.ts';
import { tableNamesFrom } from '../functions/store/tables.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { startPortal } from '../test/support/portal-process.ts';

const venueCount = 3000;
const centres = 20;
const wuzhen = { lat: 30.7461, lon: 120.4956 };

/** A repeatable stream of numbers in [0, 1), so every run measures the same data. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const row = (label: string, value: string) => console.log(`${label.padEnd(52)} ${value.padStart(14)}`);
const percentile = (values: number[], share: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * share))] ??
  Number.NaN;

/**
 * The read-unit saving against a Scan depends on the share of all venues a circle holds; so the
 * same 3,000 venues are measured packed into the town's 12 km square and spread over the 30 km
 * around it.
 */
async function nearbyReads(spreadDegrees: number, label: string) {
  const database = await startDynamoDbLocal();
  try {
    const settings = { endpoint: database.endpoint, region: 'us-east-1', requestTimeoutMs: 10_000 };
    const tableNames = tableNamesFrom({}, `bench-${spreadDegrees}-`);
    await ensureTables(createDynamoDbClient(settings), tableNames);
    const client = createDocumentClient(settings);
    const random = seeded(42);
    const items = Array.from({ length: venueCount }, (_, index) => {
      const id = `synthetic-${index}`;
      const location = {
        lat: wuzhen.lat + (random() - 0.5) * spreadDegrees,
        lon: wuzhen.lon + (random() - 0.5) * spreadDegrees * 1.16,
      };
      return {
        pk: `VENUE#${id}`,
        sk: 'PROFILE',
        id,
        categoryKey: 'sight',
        ...geoIndexKeys(location, id),
        venue: {
          id,
          name: { en: `Place ${index}`, zh: `地点${index}` },
          category: 'sight',
          intro: { en: 'A synthetic venue.', zh: '合成地点。' },
          address: { en: 'Wuzhen', zh: '乌镇' },
          location: { ...location, precision: 'exact' },
          payment: [],
          lastVerified: '2026-11-25',
          source: 'benchmark',
          sample: true,
        },
      };
    });
    for (let start = 0; start < items.length; start += 25) {
      const batch = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
      await client.send(new BatchWriteCommand({ RequestItems: { [tableNames.venues]: batch } }));
    }

    let scanUnits = 0;
    let scanItems = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: tableNames.venues,
          ExclusiveStartKey: startKey,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      scanUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
      scanItems += page.ScannedCount ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);

    console.log(
      `\nnearby search over ${venueCount} synthetic venues ${label}, ${centres} random centres within 3 km of the town`,
    );
    row('full Scan: items read / read units', `${scanItems} / ${scanUnits.toFixed(1)}`);
    const store = new DynamoDbVenueStore(client, tableNames.venues);
    for (const radius of [300, 1000, 2000]) {
      const place = seeded(radius);
      let read = 0;
      let returned = 0;
      let units = 0;
      for (let index = 0; index < centres; index += 1) {
        const near = { lat: wuzhen.lat + (place() - 0.5) * 0.054, lon: wuzhen.lon + (place() - 0.5) * 0.063 };
        const result = await searchVenues(store, { near, radius, limit: 100_000, offset: 0 }, isOpenAt);
        read += result.itemsRead;
        returned += result.items.length;
        units += result.readUnits;
      }
      console.log(`radius ${radius} m (mean per query)`);
      row('  items read / returned', `${(read / centres).toFixed(1)} / ${(returned / centres).toFixed(1)}`);
      row('  read ÷ returned (goal ≤ 3)', (read / Math.max(1, returned)).toFixed(2));
      row('  read units per query / Scan', `${(units / centres).toFixed(2)} / ${scanUnits.toFixed(1)}`);
      row('  Scan ÷ query read units (goal ≥ 50)', (scanUnits / (units / centres)).toFixed(0));
    }
    client.destroy();
  } finally {
    await database.stop();
  }
}

async function venueLatency() {
  const dataDirectory = await mkdtemp(join(tmpdir(), 'bench-venues-'));
  const portal = await startPortal({ DATA_DIR: dataDirectory });
  try {
    const client = createDocumentClient({
      endpoint: portal.databaseEndpoint,
      region: 'us-east-1',
      requestTimeoutMs: 10_000,
    });
    const rounds = 400;
    const time = async (run: () => Promise<unknown>) => {
      const durations: number[] = [];
      for (let round = 0; round < rounds; round += 1) {
        const started = performance.now();
        await run();
        durations.push(performance.now() - started);
      }
      return durations;
    };
    const url = new URL('/api/venues/west-scenic-zone', portal.url);
    await time(async () => (await fetch(url)).arrayBuffer());
    const api = await time(async () => {
      const response = await fetch(url);
      if (response.status !== 200) throw new Error(`GET answered ${response.status}`);
      await response.arrayBuffer();
    });
    const raw = await time(() =>
      client.send(
        new GetCommand({ TableName: 'wuzhen-venues', Key: { pk: 'VENUE#west-scenic-zone', sk: 'PROFILE' } }),
      ),
    );
    console.log(`\nGET /api/venues/{id} through the local server against GetItem, ${rounds} sequential each`);
    row('API p50 / p95', `${percentile(api, 0.5).toFixed(2)} / ${percentile(api, 0.95).toFixed(2)} ms`);
    row('GetItem p50 / p95', `${percentile(raw, 0.5).toFixed(2)} / ${percentile(raw, 0.95).toFixed(2)} ms`);
    row('API ÷ GetItem at p50', (percentile(api, 0.5) / percentile(raw, 0.5)).toFixed(2));
    client.destroy();
  } finally {
    await portal.stop();
    await rm(dataDirectory, { recursive: true, force: true });
  }
}

await nearbyReads(0.11, 'in a 12 km square');
await nearbyReads(0.27, 'in a 30 km square');
await venueLatency();

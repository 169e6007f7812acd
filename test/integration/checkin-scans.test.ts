import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateCheckinCode } from '../../functions/domain/checkin-code-generator.ts';
import { type OfflineScan, receiptFor } from '../../functions/domain/offline-scans.ts';
import { DynamoDbCheckinScanStore } from '../../functions/store/dynamodb/checkin-scan-store.ts';
import { isolatedTables } from '../support/isolated-tables.ts';
import { scanTable } from '../support/table-scan.ts';

let tables: Awaited<ReturnType<typeof isolatedTables>>;
let store: DynamoDbCheckinScanStore;
beforeAll(async () => {
  tables = await isolatedTables();
  store = new DynamoDbCheckinScanStore(tables.documentClient, tables.tableNames.registrations);
});
afterAll(() => tables.dispose());

const expiresAt = Date.parse('2027-12-31T00:00:00Z') / 1000;
/** A code some registration holds (its claim item): a scan of any other code is not kept. */
const claimedCode = async () => {
  const code = generateCheckinCode();
  await tables.documentClient.send(
    new PutCommand({
      TableName: tables.tableNames.registrations,
      Item: { pk: `CODE#${code}`, sk: 'CODE', registrationId: `r-${code}` },
    }),
  );
  return code;
};
let nonces = 0;
const scanOf = (code: string, overrides: Partial<OfflineScan> = {}): OfflineScan => ({
  nonce: `n-${++nonces}-${code}`,
  edition: '2027',
  code,
  scannedAt: '2027-11-09T01:00:00.000Z',
  desk: 'hall-a-1',
  ...overrides,
});

describe('uploaded check-in scans on DynamoDB Local', () => {
  it('keep a scan once by its nonce, with its scan and arrival times, however often it is uploaded', async () => {
    const scan = scanOf(await claimedCode());
    const first = await store.record(scan, '2027-11-09T03:00:00.000Z', expiresAt);
    const again = await store.record(scan, '2027-11-09T03:05:00.000Z', expiresAt);
    const stored = { ...scan, arrivedAt: '2027-11-09T03:00:00.000Z' };
    expect(first).toEqual({ outcome: 'stored', scan: stored, ticketScans: [stored] });
    expect(again).toEqual({ outcome: 'replayed', scan: stored, ticketScans: [stored] });
    expect(await store.scansOf('2027', scan.code)).toEqual([stored]);
  });

  it('refuse a nonce sent again with another scan, storing nothing', async () => {
    const scan = scanOf(await claimedCode());
    await store.record(scan, '2027-11-09T03:00:00.000Z', expiresAt);
    const before = await store.figures('2027');
    const otherCode = await claimedCode();
    await expect(
      store.record({ ...scan, code: otherCode }, '2027-11-09T03:01:00.000Z', expiresAt),
    ).resolves.toEqual({
      outcome: 'nonce-reused',
    });
    await expect(
      store.record({ ...scan, desk: 'hall-b-2' }, '2027-11-09T03:01:00.000Z', expiresAt),
    ).resolves.toEqual({
      outcome: 'nonce-reused',
    });
    expect(await store.scansOf('2027', otherCode)).toEqual([]);
    expect(await store.scansOf('2027', scan.code)).toHaveLength(1);
    expect(await store.figures('2027')).toEqual(before);
  });

  it('keep both scans of a ticket scanned at two desks; the receipts name the scan that checked it in', async () => {
    const code = await claimedCode();
    const atHallA = scanOf(code, { desk: 'hall-a-1', scannedAt: '2027-11-09T01:00:00.000Z' });
    const atHallB = scanOf(code, { desk: 'hall-b-2', scannedAt: '2027-11-09T01:07:00.000Z' });
    // Hall B comes back online first, and its (later) scan checks the ticket in; then hall A's arrives.
    const fromB = await store.record(atHallB, '2027-11-09T02:00:00.000Z', expiresAt);
    const fromA = await store.record(atHallA, '2027-11-09T02:30:00.000Z', expiresAt);
    if (!('scan' in fromA) || !('scan' in fromB)) throw new Error('not stored');
    expect(fromB.ticketScans).toEqual([fromB.scan]);
    expect(fromA.ticketScans).toHaveLength(2);
    expect(receiptFor(fromB.scan, fromB.outcome, fromB.scan)).not.toHaveProperty('duplicateOf');
    expect(receiptFor(fromA.scan, fromA.outcome, fromB.scan)).toEqual({
      nonce: atHallA.nonce,
      outcome: 'stored',
      arrivedAt: '2027-11-09T02:30:00.000Z',
      duplicateOf: { ...atHallB, arrivedAt: '2027-11-09T02:00:00.000Z' },
    });
    expect(await store.scansOf('2027', code)).toHaveLength(2);
  });

  it('keep no scan of a code no registration holds (erased since the upload read it)', async () => {
    const scan = scanOf(generateCheckinCode(), { edition: '2033' });
    await expect(store.record(scan, '2027-11-09T03:00:00.000Z', expiresAt)).resolves.toEqual({
      outcome: 'unknown-code',
    });
    const items = await scanTable(inject('dynamodbEndpoint'), tables.tableNames.registrations);
    expect(
      items.filter(({ pk }) => String(pk).includes(scan.code) || String(pk).includes(scan.nonce)),
    ).toEqual([]);
    expect(await store.figures('2033')).toEqual({ scans: 0, ticketsScanned: 0, duplicates: 0 });
  });

  it('count tickets and duplicates for the organizer page, with uploads racing from several desks', async () => {
    const edition = '2031';
    const twice = await claimedCode();
    const thrice = await claimedCode();
    const once = await claimedCode();
    const scans = [
      scanOf(twice, { edition, desk: 'a' }),
      scanOf(twice, { edition, desk: 'b' }),
      scanOf(thrice, { edition, desk: 'a' }),
      scanOf(thrice, { edition, desk: 'b' }),
      scanOf(thrice, { edition, desk: 'c' }),
      scanOf(once, { edition, desk: 'c' }),
    ];
    // Each scan uploaded by two requests at once (a retry racing the original), all together.
    const outcomes = await Promise.all(
      [...scans, ...scans].map((scan) => store.record(scan, '2027-11-09T04:00:00.000Z', expiresAt)),
    );
    expect(outcomes.filter(({ outcome }) => outcome === 'stored')).toHaveLength(6);
    expect(outcomes.filter(({ outcome }) => outcome === 'replayed')).toHaveLength(6);
    expect(await store.figures(edition)).toEqual({ scans: 6, ticketsScanned: 3, duplicates: 3 });
    expect((await store.scansOf(edition, thrice)).map(({ desk }) => desk).sort()).toEqual(['a', 'b', 'c']);
  });

  it('expire with the edition: every item they write carries the expiry', async () => {
    const scan = scanOf(await claimedCode(), { edition: '2032' });
    await store.record(scan, '2027-11-09T03:00:00.000Z', expiresAt);
    const items = (await scanTable(inject('dynamodbEndpoint'), tables.tableNames.registrations)).filter(
      ({ pk }) =>
        [`SCANNONCE#${scan.nonce}`, `SCANS#2032#${scan.code}`, 'SCANFIGURES#2032'].includes(String(pk)),
    );
    expect(items).toHaveLength(4);
    expect(items.every((item) => item.expiresAt === expiresAt)).toBe(true);
  });
});

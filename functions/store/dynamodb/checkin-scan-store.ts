import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { OfflineScan, StoredScan } from '../../domain/offline-scans.ts';
import { withRetries } from '../../domain/retry.ts';
import type { CheckinScanStore, RecordedScan, ScanFigures } from '../checkin-scan-store.ts';
import { registrationKeys, scanKeys } from './registration-keys.ts';
import { type ConditionedItem, writeTransaction } from './transaction.ts';

const storedScan = (item: Record<string, unknown>): StoredScan => ({
  nonce: String(item.nonce),
  edition: String(item.edition),
  code: String(item.code),
  scannedAt: String(item.scannedAt),
  desk: String(item.desk),
  arrivedAt: String(item.arrivedAt),
});

/** Every item of a ticket's partition (its scans and its count), read consistently. */
async function ticketItems(
  client: DynamoDBDocumentClient,
  table: string,
  edition: string,
  code: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': scanKeys.ticket(edition, code) },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** The scans of one ticket: what the receipts compare, and what its holder's download shows. */
export async function ticketScans(
  client: DynamoDBDocumentClient,
  table: string,
  edition: string,
  code: string,
): Promise<StoredScan[]> {
  const items = await ticketItems(client, table, edition, code);
  return items.filter(({ sk }) => String(sk).startsWith(scanKeys.scanPrefix)).map(storedScan);
}

/**
 * Deletes a ticket's scans, their nonce claims and its count, for the erasure of its registration
 * (which deletes the code's claim, so no later upload can store a scan of it again). The edition's
 * figures keep counting them: counts, nobody's data.
 */
export async function forgetTicketScans(
  client: DynamoDBDocumentClient,
  table: string,
  edition: string,
  code: string,
): Promise<void> {
  for (const item of await ticketItems(client, table, edition, code)) {
    const keys = [{ pk: item.pk, sk: item.sk }];
    if (String(item.sk).startsWith(scanKeys.scanPrefix)) keys.push(scanKeys.nonce(String(item.nonce)));
    for (const Key of keys) await client.send(new DeleteCommand({ TableName: table, Key }));
  }
}

/**
 * For an erasure's transaction: the ticket has no scans (its count is absent), so a scan recorded
 * after its scans were deleted fails the erasure, which deletes them again.
 */
export const noScansOf = (
  table: string,
  edition: string,
  code: string,
): ConditionedItem<'ticket_scanned'> => ({
  item: {
    ConditionCheck: {
      TableName: table,
      Key: scanKeys.ticketCount(edition, code),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  },
  whenConditionFails: 'ticket_scanned',
});

const sameScan = (a: OfflineScan, b: OfflineScan) =>
  a.edition === b.edition && a.code === b.code && a.scannedAt === b.scannedAt && a.desk === b.desk;

/**
 * Each scan is one transaction: the nonce claimed (only if unclaimed, so a repeated upload stores
 * nothing), the code's claim checked (an erased ticket's scan is not kept), the scan put, the ticket's count and the edition's figures raised. Whether the ticket
 * was scanned before decides between two forms — the ticket's count created only if absent, or
 * raised only if present — so two desks uploading the same ticket at once count one ticket and one
 * duplicate, never two tickets.
 */
export class DynamoDbCheckinScanStore implements CheckinScanStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#table = tableName;
  }

  record(scan: OfflineScan, arrivedAt: string, expiresAt: number): Promise<RecordedScan> {
    // Every scan of an edition raises its figures item, so uploads at once conflict there: retried.
    return withRetries(() => this.#recordOnce(scan, arrivedAt, expiresAt));
  }

  async #recordOnce(scan: OfflineScan, arrivedAt: string, expiresAt: number): Promise<RecordedScan> {
    const stored: StoredScan = { ...scan, arrivedAt };
    for (const firstOfTicket of [true, false]) {
      const failure = await writeTransaction<'nonce' | 'ticket' | 'code'>(this.#client, [
        {
          item: {
            Put: {
              TableName: this.#table,
              Item: { ...scanKeys.nonce(scan.nonce), ...stored, expiresAt },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          whenConditionFails: 'nonce',
        },
        {
          // The code's claim still exists: an erasure deletes it, so no scan is kept after one.
          item: {
            ConditionCheck: {
              TableName: this.#table,
              Key: registrationKeys.code(scan.code),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
          whenConditionFails: 'code',
        },
        {
          item: {
            Put: {
              TableName: this.#table,
              Item: { ...scanKeys.scan(scan.edition, scan.code, scan.nonce), ...stored, expiresAt },
            },
          },
        },
        {
          item: {
            Update: {
              TableName: this.#table,
              Key: scanKeys.ticketCount(scan.edition, scan.code),
              UpdateExpression: 'ADD scanCount :one SET expiresAt = :expiresAt',
              ConditionExpression: firstOfTicket ? 'attribute_not_exists(pk)' : 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':one': 1, ':expiresAt': expiresAt },
            },
          },
          whenConditionFails: 'ticket',
        },
        {
          item: {
            Update: {
              TableName: this.#table,
              Key: scanKeys.figures(scan.edition),
              UpdateExpression: 'ADD scans :one, ticketsScanned :ticket SET expiresAt = :expiresAt',
              ExpressionAttributeValues: {
                ':one': 1,
                ':ticket': firstOfTicket ? 1 : 0,
                ':expiresAt': expiresAt,
              },
            },
          },
        },
      ]);
      if (failure === 'nonce') return this.#replay(scan);
      if (failure === 'code') return { outcome: 'unknown-code' };
      if (failure === undefined) {
        return { outcome: 'stored', scan: stored, ticketScans: await this.scansOf(scan.edition, scan.code) };
      }
    }
    // The ticket's count was absent, then present: only a deletion in between (its expiry) does that.
    throw new Error('DynamoDbCheckinScanStore: the ticket count changed twice during one scan');
  }

  async #replay(scan: OfflineScan): Promise<RecordedScan> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: scanKeys.nonce(scan.nonce), ConsistentRead: true }),
    );
    if (!Item) throw new Error('DynamoDbCheckinScanStore: a claimed nonce has no item');
    const earlier = storedScan(Item);
    if (!sameScan(earlier, scan)) return { outcome: 'nonce-reused' };
    return { outcome: 'replayed', scan: earlier, ticketScans: await this.scansOf(scan.edition, scan.code) };
  }

  scansOf(edition: string, code: string): Promise<StoredScan[]> {
    return ticketScans(this.#client, this.#table, edition, code);
  }

  async figures(edition: string): Promise<ScanFigures> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: scanKeys.figures(edition), ConsistentRead: true }),
    );
    const scans = Number(Item?.scans ?? 0);
    const ticketsScanned = Number(Item?.ticketsScanned ?? 0);
    return { scans, ticketsScanned, duplicates: scans - ticketsScanned };
  }
}

/**
 * The registrations table's stream for the bundled mailer (`npm start -- --bundled`): the outbox
 * index is polled as local/outbox-poller.ts polls it, and each pending item is handed to the mailer
 * bundle as the stream delivers a new item in AWS: an INSERT record with the item's NEW_IMAGE in
 * DynamoDB JSON (the low-level client's Query answers in it), in a batch of at most ten (the event
 * source's batch size, infra/constructs/mail.ts). Until the mailer marks an item sent it stays in the
 * index and is offered again, as a failed batch is retried in AWS.
 */
import { randomUUID } from 'node:crypto';
import { type AttributeValue, type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { tables } from '../functions/store/tables.ts';
import { pollEvery } from './outbox-poller.ts';

const batchSize = 10;
const { registrations } = tables;

/** The event the registrations table's stream sends the mailer for these new items. */
export function streamInsertEvent(
  items: Array<Record<string, AttributeValue>>,
  { region, tableName, streamLabel }: { region: string; tableName: string; streamLabel: string },
): DynamoDBStreamEvent {
  const eventSourceARN = `arn:aws:dynamodb:${region}:000000000000:table/${tableName}/stream/${streamLabel}`;
  return {
    Records: items.map((item, index): DynamoDBRecord => {
      const keys = [registrations.partitionKey.name, registrations.sortKey.name];
      const Keys = Object.fromEntries(keys.map((name) => [name, item[name] as AttributeValue]));
      return {
        eventID: randomUUID().replaceAll('-', ''),
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: region,
        eventSourceARN,
        dynamodb: {
          ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
          Keys: Keys as never,
          NewImage: item as never,
          // Increasing, as a shard's are.
          SequenceNumber: String(BigInt(Date.now()) * 1_000_000n + BigInt(index)),
          SizeBytes: Buffer.byteLength(JSON.stringify(item)),
          StreamViewType: registrations.stream ?? 'NEW_IMAGE',
        },
      };
    }),
  };
}

export interface OutboxStreamOptions {
  client: DynamoDBClient;
  tableName: string;
  region: string;
  /** The mailer: resolves when the batch is handled, rejects when it failed. */
  deliver(event: DynamoDBStreamEvent): Promise<unknown>;
  intervalMs?: number;
}

export function startOutboxStream({
  client,
  tableName,
  region,
  deliver,
  intervalMs = 500,
}: OutboxStreamOptions) {
  const streamLabel = new Date().toISOString().replace(/Z$/, '');
  return pollEvery(intervalMs, async () => {
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'outbox',
        KeyConditionExpression: 'outboxKey = :pending',
        ExpressionAttributeValues: { ':pending': { S: 'PENDING' } },
        Limit: batchSize,
      }),
    );
    if (Items.length) await deliver(streamInsertEvent(Items, { region, tableName, streamLabel }));
  });
}

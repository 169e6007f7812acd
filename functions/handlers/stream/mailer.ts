import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { deliverOutbox } from '../../mail/deliver-outbox.ts';
import type { QueuedMessage } from '../../store/outbox-store.ts';
import { mailDelivery } from '../wiring.ts';

const delivery = mailDelivery();

/** The outbox messages among a stream batch: new items that still wait to be sent. */
export function pendingMessages(event: DynamoDBStreamEvent): QueuedMessage[] {
  return event.Records.flatMap((record) => {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) return [];
    const item = unmarshall(image as Record<string, AttributeValue>);
    return item.outboxKey === 'PENDING' ? [item.message as QueuedMessage] : [];
  });
}

/** Triggered by the registrations table's stream; a failure retries the batch, then lands in the DLQ. */
export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  await deliverOutbox(pendingMessages(event), delivery);
}

import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { OutboxMessage } from '../domain/registration-model.ts';
import { deliverOutbox } from '../mail/deliver-outbox.ts';
import { createSesTransport } from '../mail/ses-transport.ts';
import { documentClient, tableNames } from '../store/dynamodb/environment.ts';
import { DynamoDbOutboxStore } from '../store/dynamodb/outbox-store.ts';

const delivery = {
  transport: createSesTransport(new SESv2Client({})),
  outbox: new DynamoDbOutboxStore(documentClient, tableNames.registrations),
  from: process.env.MAIL_FROM ?? '',
  now: () => new Date(),
};

/** The outbox messages among a stream batch: new items that still wait to be sent. */
export function pendingMessages(event: DynamoDBStreamEvent): OutboxMessage[] {
  return event.Records.flatMap((record) => {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) return [];
    const item = unmarshall(image as Record<string, AttributeValue>);
    return item.outboxKey === 'PENDING' ? [item.message as OutboxMessage] : [];
  });
}

/** Triggered by the registrations table's stream; a failure retries the batch, then lands in the DLQ. */
export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  await deliverOutbox(pendingMessages(event), delivery);
}

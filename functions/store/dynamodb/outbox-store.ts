import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { currentRequestId } from '../../telemetry/correlation.ts';
import type { OutboxStore, QueuedMessage } from '../outbox-store.ts';
import { registrationKeys as keys } from './registration-keys.ts';
import type { ConditionedItem } from './transaction.ts';

/** A sent message is kept a week for support questions, then expires. */
const keepSentSeconds = 7 * 24 * 60 * 60;

/**
 * A message queued in the outbox (the registrations table), in the transaction of the change it
 * reports. A message id is new: its item can only fail to be written because the transaction
 * repeats. The message carries the id of the request queuing it, if any, for the mailer's log lines.
 */
export function outboxPut(tableName: string, queued: QueuedMessage): ConditionedItem<'state_changed'> {
  const requestId = currentRequestId();
  const message = requestId ? { ...queued, requestId } : queued;
  return {
    item: {
      Put: {
        TableName: tableName,
        Item: { ...keys.outbox(message.id), outboxKey: 'PENDING', outboxOrder: message.id, message },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    whenConditionFails: 'state_changed',
  };
}

/**
 * A message removed from the outbox, queued or sent, in the transaction that erases or anonymises
 * the person it was written to.
 */
export function outboxDelete(tableName: string, messageId: string): ConditionedItem<never> {
  return { item: { Delete: { TableName: tableName, Key: keys.outbox(messageId) } } };
}

export class DynamoDbOutboxStore implements OutboxStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#table = tableName;
  }

  async pending(limit: number): Promise<QueuedMessage[]> {
    const { Items = [] } = await this.#client.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'outbox',
        KeyConditionExpression: 'outboxKey = :pending',
        ExpressionAttributeValues: { ':pending': 'PENDING' },
        Limit: limit,
      }),
    );
    return Items.map((item) => item.message as QueuedMessage);
  }

  async markSent(id: string, at: Date): Promise<boolean> {
    // The manage link holds a secret token: once delivered, the copy here is dropped.
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: keys.outbox(id),
          UpdateExpression:
            'SET sentAt = :at, expiresAt = :expires REMOVE outboxKey, outboxOrder, message.manageUrl',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':at': at.toISOString(),
            ':expires': Math.floor(at.getTime() / 1000) + keepSentSeconds,
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
    return true;
  }
}

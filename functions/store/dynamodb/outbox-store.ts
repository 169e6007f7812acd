import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxMessage } from '../../domain/registration-model.ts';
import type { OutboxStore } from '../outbox-store.ts';
import { registrationKeys as keys } from './registration-keys.ts';

/** A sent message is kept a week for support questions, then expires. */
const keepSentSeconds = 7 * 24 * 60 * 60;

export class DynamoDbOutboxStore implements OutboxStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#table = tableName;
  }

  async pending(limit: number): Promise<OutboxMessage[]> {
    const { Items = [] } = await this.#client.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'outbox',
        KeyConditionExpression: 'outboxKey = :pending',
        ExpressionAttributeValues: { ':pending': 'PENDING' },
        Limit: limit,
      }),
    );
    return Items.map((item) => item.message as OutboxMessage);
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

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyBegin, IdempotencyStore } from '../idempotency-store.ts';
import type { IdempotencyCompletion } from '../registration-store.ts';
import { registrationKeys as keys } from './registration-keys.ts';
import type { ConditionedItem } from './transaction.ts';

/** A request that died mid-way stops blocking its key after this long. */
const lockMs = 5_000;
/** How long a key's answer can be replayed. */
const keepSeconds = 24 * 60 * 60;

/**
 * The completion of a record `begin` claimed, for the transaction of the change it answers: only
 * while it is still in progress for the same request, or nothing of the change is written.
 */
export function idempotencyCompletionItem(
  tableName: string,
  completion: IdempotencyCompletion,
): ConditionedItem<'state_changed'> {
  return {
    item: {
      Update: {
        TableName: tableName,
        Key: keys.idempotency(completion.recordId),
        UpdateExpression: 'SET #state = :completed, sealedResponse = :response REMOVE lockedUntil',
        ConditionExpression: '#state = :inProgress AND requestHash = :requestHash',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':completed': 'completed',
          ':inProgress': 'in_progress',
          ':response': completion.sealedResponse,
          ':requestHash': completion.requestHash,
        },
      },
    },
    whenConditionFails: 'state_changed',
  };
}

export class DynamoDbIdempotencyStore implements IdempotencyStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#table = tableName;
  }

  async begin(recordId: string, requestHash: string, now: Date): Promise<IdempotencyBegin> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#table,
          Item: {
            ...keys.idempotency(recordId),
            state: 'in_progress',
            requestHash,
            lockedUntil: now.getTime() + lockMs,
            expiresAt: Math.floor(now.getTime() / 1000) + keepSeconds,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :inProgress AND lockedUntil < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':inProgress': 'in_progress', ':now': now.getTime() },
        }),
      );
      return { state: 'started' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: keys.idempotency(recordId), ConsistentRead: true }),
    );
    if (Item?.state === 'completed') {
      return { state: 'completed', requestHash: Item.requestHash, sealedResponse: Item.sealedResponse };
    }
    return { state: 'in_flight', requestHash: Item?.requestHash ?? requestHash };
  }

  async abandon(recordId: string): Promise<void> {
    try {
      await this.#client.send(
        new DeleteCommand({
          TableName: this.#table,
          Key: keys.idempotency(recordId),
          ConditionExpression: '#state = :inProgress',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':inProgress': 'in_progress' },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}

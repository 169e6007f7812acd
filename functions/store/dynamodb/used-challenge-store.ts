import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { UsedChallengeStore } from '../used-challenge-store.ts';

/**
 * One `CHALLENGE#<hash>` item per solved challenge, written only if absent (a conditional put, so
 * two requests racing with one solution cannot both pass) and removed by TTL after it expires.
 * It lives in the table of the function that accepts the solution, so no function needs another
 * table for it.
 */
export class DynamoDbUsedChallengeStore implements UsedChallengeStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#table = tableName;
  }

  async claim(
    challenge: string,
    expiresAt: number,
    retryKey?: string,
  ): Promise<'claimed' | 'retry' | 'used'> {
    try {
      const { Attributes } = await this.#client.send(
        new PutCommand({
          TableName: this.#table,
          Item: { pk: `CHALLENGE#${challenge}`, sk: 'used', expiresAt, ...(retryKey ? { retryKey } : {}) },
          ConditionExpression: retryKey
            ? 'attribute_not_exists(pk) OR retryKey = :retryKey'
            : 'attribute_not_exists(pk)',
          ...(retryKey ? { ExpressionAttributeValues: { ':retryKey': retryKey } } : {}),
          ReturnValues: 'ALL_OLD',
        }),
      );
      return Attributes ? 'retry' : 'claimed';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'used';
      throw error;
    }
  }

  async release(challenge: string) {
    await this.#client.send(
      new DeleteCommand({ TableName: this.#table, Key: { pk: `CHALLENGE#${challenge}`, sk: 'used' } }),
    );
  }
}

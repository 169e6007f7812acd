import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { fixedWindow, type RateLimit, type RateLimiter } from '../rate-limiter.ts';

const counterKey = (key: string, windowStart: number) => ({
  pk: `RATE#${createHash('sha256').update(key).digest('hex')}`,
  sk: String(windowStart),
});

/**
 * Fixed-window counters in DynamoDB: one item per client and window, counted with a conditional
 * ADD, so concurrent requests can never exceed the limit; expired windows are removed by TTL.
 * The client's address is stored only as a hash.
 */
export class DynamoDbRateLimiter implements RateLimiter {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#table = tableName;
  }

  async count(key: string, windowSeconds: number, now: Date) {
    const { start: windowStart } = fixedWindow(now, windowSeconds);
    const { Attributes } = await this.#client.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: counterKey(key, windowStart),
        UpdateExpression: 'ADD hits :one SET expiresAt = :expires',
        ExpressionAttributeValues: { ':one': 1, ':expires': windowStart + windowSeconds * 2 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.hits ?? 1);
  }

  async recent(key: string, windowSeconds: number, now: Date) {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#table,
        Key: counterKey(key, fixedWindow(now, windowSeconds).start),
        ConsistentRead: true,
      }),
    );
    return Number(Item?.hits ?? 0);
  }

  async hit(key: string, { limit, windowSeconds }: RateLimit, now: Date) {
    const { start: windowStart, retryAfterSeconds } = fixedWindow(now, windowSeconds);
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: counterKey(key, windowStart),
          UpdateExpression: 'ADD hits :one SET expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': limit,
            ':expires': windowStart + windowSeconds * 2,
          },
        }),
      );
      return { ok: true as const };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { ok: false as const, retryAfterSeconds };
      throw error;
    }
  }
}

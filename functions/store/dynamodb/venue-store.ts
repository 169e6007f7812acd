import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Venue } from '../../../content/schemas/venue.ts';
import type { Review, StoredVenue, VenueStore } from '../venue-store.ts';
import { decodeCursor, encodeCursor, InvalidCursorError } from './cursor.ts';
import { cancellationCodes } from './transaction-errors.ts';

const venueKey = (id: string) => ({ pk: `VENUE#${id}`, sk: 'PROFILE' });
const reviewKey = (venueId: string, reviewId: string) => ({
  pk: `VENUE#${venueId}`,
  sk: `REVIEW#${reviewId}`,
});
/** Finds a review's venue from the review id alone, for organizers hiding it. */
const reviewReferenceKey = (reviewId: string) => ({ pk: `REVIEW#${reviewId}`, sk: 'REFERENCE' });

interface VenueItem {
  venue: Venue;
  ratingCount?: number;
  ratingSum?: number;
}

export class DynamoDbVenueStore implements VenueStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async getVenue(id: string): Promise<StoredVenue | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: venueKey(id) }),
    );
    if (!Item) return undefined;
    const { venue, ratingCount = 0, ratingSum = 0 } = Item as VenueItem;
    return {
      venue,
      rating: { average: ratingCount ? ratingSum / ratingCount : null, count: ratingCount },
    };
  }

  async upsertVenues(venues: readonly Venue[]): Promise<void> {
    // The content document is replaced whole; rating totals live beside it and are kept.
    for (const venue of venues) {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: venueKey(venue.id),
          UpdateExpression: 'SET #venue = :venue',
          ExpressionAttributeNames: { '#venue': 'venue' },
          ExpressionAttributeValues: { ':venue': venue },
        }),
      );
    }
  }

  async addReview(review: Review): Promise<boolean> {
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.#tableName,
                Key: venueKey(review.venueId),
                UpdateExpression: 'ADD ratingCount :one, ratingSum :rating',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':one': 1, ':rating': review.rating },
              },
            },
            {
              Put: {
                TableName: this.#tableName,
                Item: { ...reviewKey(review.venueId, review.id), review, hidden: false },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.#tableName,
                Item: { ...reviewReferenceKey(review.id), venueId: review.venueId },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  async listReviews(venueId: string, limit: number, cursor?: string) {
    const items: Review[] = [];
    let startKey: Record<string, unknown> | undefined = cursor
      ? this.#reviewCursor(venueId, cursor)
      : undefined;
    let lastKey: Record<string, unknown> = {};
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reviews)',
          FilterExpression: '#hidden = :visible',
          ExpressionAttributeNames: { '#hidden': 'hidden' },
          ExpressionAttributeValues: { ':pk': `VENUE#${venueId}`, ':reviews': 'REVIEW#', ':visible': false },
          ScanIndexForward: false,
          ExclusiveStartKey: startKey,
          Limit: 100,
        }),
      );
      for (const item of page.Items ?? []) {
        if (items.length === limit) return { items, nextCursor: encodeCursor(lastKey) };
        items.push(item.review as Review);
        lastKey = { pk: item.pk, sk: item.sk };
      }
      startKey = page.LastEvaluatedKey;
      if (items.length === limit && startKey) return { items, nextCursor: encodeCursor(lastKey) };
    } while (startKey);
    return { items, nextCursor: null };
  }

  async hideReview(reviewId: string): Promise<boolean> {
    const { Item: reference } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: reviewReferenceKey(reviewId), ConsistentRead: true }),
    );
    if (!reference) return false;
    const venueId = reference.venueId as string;
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: reviewKey(venueId, reviewId), ConsistentRead: true }),
    );
    const review = Item?.review as Review | undefined;
    if (!review || Item?.hidden) return false;
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.#tableName,
                Key: reviewKey(venueId, reviewId),
                UpdateExpression: 'SET #hidden = :hidden',
                ConditionExpression: '#hidden = :visible',
                ExpressionAttributeNames: { '#hidden': 'hidden' },
                ExpressionAttributeValues: { ':hidden': true, ':visible': false },
              },
            },
            {
              Update: {
                TableName: this.#tableName,
                Key: venueKey(venueId),
                UpdateExpression: 'ADD ratingCount :minusOne, ratingSum :minusRating',
                ExpressionAttributeValues: { ':minusOne': -1, ':minusRating': -review.rating },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  #reviewCursor(venueId: string, cursor: string): Record<string, string> {
    const key = decodeCursor(cursor);
    if (
      Object.keys(key).sort().join(',') !== 'pk,sk' ||
      key.pk !== `VENUE#${venueId}` ||
      !key.sk?.startsWith('REVIEW#')
    ) {
      throw new InvalidCursorError('the cursor is not one this API gave out');
    }
    return key;
  }
}

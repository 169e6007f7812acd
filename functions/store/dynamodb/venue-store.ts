import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Venue } from '../../../content/schemas/venue.ts';
import type { StoredVenue, VenueStore } from '../venue-store.ts';

const venueKey = (id: string) => ({ pk: `VENUE#${id}`, sk: 'PROFILE' });

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
}

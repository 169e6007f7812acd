import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type Venue, type VenueCategory, venueCategories } from '../../../content/schemas/venue.ts';
import type { AuditEntry } from '../../domain/audit.ts';
import { geoIndexKeys, type NearbyRange } from '../../domain/geo.ts';
import { idTimePrefix } from '../../domain/ids.ts';
import type { OpeningSchedule } from '../../domain/opening-schedule.ts';
import { indexTerms } from '../../domain/search-terms.ts';
import { searchableTexts } from '../../domain/venue-filter.ts';
import { decodeCursor, encodeCursor } from '../page-cursor.ts';
import { InvalidCursorError } from '../store-errors.ts';
import type { Review, StoredVenue, VenueRead, VenueStore } from '../venue-store.ts';
import { auditItem } from './audit-store.ts';
import { writeTransaction } from './transaction.ts';

const venueKey = (id: string) => ({ pk: `VENUE#${id}`, sk: 'PROFILE' });
const termKey = (term: string, venueId: string) => ({ pk: `TERM#${term}`, sk: venueId });

const reviewKey = (venueId: string, reviewId: string) => ({
  pk: `VENUE#${venueId}`,
  sk: `REVIEW#${reviewId}`,
});
/** Finds a review's venue from the review id alone, for organizers hiding it. */
const reviewReferenceKey = (reviewId: string) => ({ pk: `REVIEW#${reviewId}`, sk: 'REFERENCE' });

/** A venue being removed (`removing`, see removeVenue) is no longer shown, though its item remains. */
const isShown = (item: Record<string, unknown>) => !item.removing;

function toStoredVenue(item: Record<string, unknown>): StoredVenue {
  const {
    venue,
    ratingCount = 0,
    ratingSum = 0,
    openingSchedule,
  } = item as { venue: Venue; ratingCount?: number; ratingSum?: number; openingSchedule?: OpeningSchedule };
  return {
    venue,
    rating: { average: ratingCount ? ratingSum / ratingCount : null, count: ratingCount },
    ...(openingSchedule ? { openingSchedule } : {}),
  };
}

export class DynamoDbVenueStore implements VenueStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  readonly #auditTable: string | undefined;

  /** `auditTableName`: where a hidden review's audit entry goes (the staff functions only). */
  constructor(client: DynamoDBDocumentClient, tableName: string, auditTableName?: string) {
    this.#client = client;
    this.#tableName = tableName;
    this.#auditTable = auditTableName;
  }

  async getVenue(id: string): Promise<StoredVenue | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: venueKey(id) }),
    );
    return Item && isShown(Item) ? toStoredVenue(Item) : undefined;
  }

  async upsertVenues(
    venues: readonly Venue[],
    openingSchedules: Readonly<Record<string, OpeningSchedule>> = {},
  ): Promise<void> {
    // The content document is replaced whole; rating totals live beside it and are kept. The
    // lookup attributes are derived from it here, so the indexes always agree with the content. A
    // venue back in content while its removal was under way stays (removeVenue checks the mark).
    for (const venue of venues) {
      const { geoCell, geoKey } = geoIndexKeys(venue.location, venue.id);
      const terms = indexTerms(searchableTexts(venue));
      const schedule = openingSchedules[venue.id];
      const { Attributes } = await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: venueKey(venue.id),
          UpdateExpression:
            'SET #venue = :venue, #id = :id, categoryKey = :category, geoCell = :geoCell, geoKey = :geoKey, terms = :terms' +
            (schedule
              ? ', openingSchedule = :schedule REMOVE removing'
              : ' REMOVE openingSchedule, removing'),
          ExpressionAttributeNames: { '#venue': 'venue', '#id': 'id' },
          ExpressionAttributeValues: {
            ':venue': venue,
            ':id': venue.id,
            ':category': venue.category,
            ':geoCell': geoCell,
            ':geoKey': geoKey,
            ':terms': terms,
            ...(schedule ? { ':schedule': schedule } : {}),
          },
          ReturnValues: 'UPDATED_OLD',
        }),
      );
      const previous = (Attributes?.terms as string[] | undefined) ?? [];
      // A venue whose removal was under way may have lost term items already: all are written again.
      const before = new Set(Attributes?.removing ? [] : previous);
      const after = new Set(terms);
      await this.#writeTermItems(
        venue.id,
        terms.filter((term) => !before.has(term)),
        previous.filter((term) => !after.has(term)),
      );
    }
  }

  /** One item per (term, venue): a text search reads the items of its terms, never the whole table. */
  #writeTermItems(venueId: string, added: string[], removed: string[]) {
    return this.#batchWrite([
      ...added.map((term) => ({ PutRequest: { Item: { ...termKey(term, venueId), venueId } } })),
      ...removed.map((term) => ({ DeleteRequest: { Key: termKey(term, venueId) } })),
    ]);
  }

  /** Puts and deletes, 25 to a batch, retrying what DynamoDB leaves unprocessed. */
  async #batchWrite(requests: Record<string, unknown>[]) {
    for (let start = 0; start < requests.length; start += 25) {
      let pending: Record<string, unknown>[] | undefined = requests.slice(start, start + 25);
      for (let attempt = 0; pending?.length && attempt < 10; attempt += 1) {
        const { UnprocessedItems } = await this.#client.send(
          new BatchWriteCommand({ RequestItems: { [this.#tableName]: pending as never } }),
        );
        pending = UnprocessedItems?.[this.#tableName] as Record<string, unknown>[] | undefined;
        if (pending?.length) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
  }

  async storedVenueIds(): Promise<string[]> {
    const ids: string[] = [];
    for (const category of venueCategories) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.#client.send(
          new QueryCommand({
            TableName: this.#tableName,
            IndexName: 'byCategory',
            KeyConditionExpression: 'categoryKey = :category',
            ExpressionAttributeValues: { ':category': category },
            ProjectionExpression: '#id',
            ExpressionAttributeNames: { '#id': 'id' },
            ExclusiveStartKey: startKey,
          }),
        );
        ids.push(...(page.Items ?? []).map((item) => item.id as string));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
    return ids;
  }

  async removeVenue(id: string): Promise<{ reviews: number }> {
    // The mark comes first: from then on no review lands (addReview's condition), searches and
    // lookups pass the venue by, and the nearby index forgets it. The category index keeps it, so
    // a removal stopped midway is found and finished by the next seed.
    let marked: Record<string, unknown> | undefined;
    try {
      ({ Attributes: marked } = await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: venueKey(id),
          UpdateExpression: 'SET removing = :true REMOVE geoCell, geoKey',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':true': true },
          ReturnValues: 'ALL_NEW',
        }),
      ));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { reviews: 0 };
      throw error;
    }
    await this.#writeTermItems(id, [], (marked?.terms as string[] | undefined) ?? []);
    let reviews = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reviews)',
          ExpressionAttributeValues: { ':pk': `VENUE#${id}`, ':reviews': 'REVIEW#' },
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      const keys = (page.Items ?? []) as Array<{ pk: string; sk: string }>;
      await this.#batchWrite(
        keys.flatMap((key) => [
          { DeleteRequest: { Key: key } },
          { DeleteRequest: { Key: reviewReferenceKey(key.sk.slice('REVIEW#'.length)) } },
        ]),
      );
      reviews += keys.length;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    // Last, and only while still marked: had the venue come back into content meanwhile, it stays.
    try {
      await this.#client.send(
        new DeleteCommand({
          TableName: this.#tableName,
          Key: venueKey(id),
          ConditionExpression: 'removing = :true',
          ExpressionAttributeValues: { ':true': true },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    return { reviews };
  }

  async venueIdsWithTerm(term: string): Promise<{ ids: string[]; itemsRead: number; readUnits: number }> {
    const ids: string[] = [];
    let itemsRead = 0;
    let readUnits = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :term',
          ExpressionAttributeValues: { ':term': `TERM#${term}` },
          ExclusiveStartKey: startKey,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      ids.push(...(page.Items ?? []).map((item) => item.venueId as string));
      itemsRead += page.ScannedCount ?? 0;
      readUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return { ids, itemsRead, readUnits };
  }

  async venuesById(ids: readonly string[]): Promise<VenueRead> {
    const read: VenueRead = { venues: [], itemsRead: 0, readUnits: 0 };
    for (let start = 0; start < ids.length; start += 100) {
      let keys: Record<string, unknown>[] | undefined = ids.slice(start, start + 100).map(venueKey);
      for (let attempt = 0; keys?.length && attempt < 10; attempt += 1) {
        const page: BatchGetCommandOutput = await this.#client.send(
          new BatchGetCommand({
            RequestItems: { [this.#tableName]: { Keys: keys } },
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        const items = page.Responses?.[this.#tableName] ?? [];
        read.venues.push(...items.filter(isShown).map(toStoredVenue));
        read.itemsRead += items.length;
        read.readUnits +=
          page.ConsumedCapacity?.reduce((sum, used) => sum + (used.CapacityUnits ?? 0), 0) ?? 0;
        keys = page.UnprocessedKeys?.[this.#tableName]?.Keys;
        if (keys?.length) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
    return read;
  }

  venuesInRanges(ranges: readonly NearbyRange[]): Promise<VenueRead> {
    return this.#readAll(
      ranges.map(({ partition, from, to }) => ({
        TableName: this.#tableName,
        IndexName: 'geo',
        KeyConditionExpression: 'geoCell = :cell AND geoKey BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':cell': partition, ':from': from, ':to': to },
      })),
    );
  }

  venuesInCategories(categories: readonly VenueCategory[]): Promise<VenueRead> {
    return this.#readAll(
      categories.map((category) => ({
        TableName: this.#tableName,
        IndexName: 'byCategory',
        KeyConditionExpression: 'categoryKey = :category',
        ExpressionAttributeValues: { ':category': category },
      })),
    );
  }

  /** Runs the queries side by side, each to its last page, counting what they read. */
  async #readAll(queries: QueryCommandInput[]): Promise<VenueRead> {
    const read: VenueRead = { venues: [], itemsRead: 0, readUnits: 0 };
    await Promise.all(
      queries.map(async (query) => {
        let startKey: Record<string, unknown> | undefined;
        do {
          const page = await this.#client.send(
            new QueryCommand({ ...query, ExclusiveStartKey: startKey, ReturnConsumedCapacity: 'TOTAL' }),
          );
          read.venues.push(...(page.Items ?? []).filter(isShown).map(toStoredVenue));
          read.itemsRead += page.ScannedCount ?? 0;
          read.readUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
          startKey = page.LastEvaluatedKey;
        } while (startKey);
      }),
    );
    return read;
  }

  async addReview(review: Review): Promise<boolean> {
    const failed = await writeTransaction(this.#client, [
      {
        item: {
          Update: {
            TableName: this.#tableName,
            Key: venueKey(review.venueId),
            UpdateExpression: 'ADD ratingCount :one, ratingSum :rating',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(removing)',
            ExpressionAttributeValues: { ':one': 1, ':rating': review.rating },
          },
        },
        whenConditionFails: 'no_such_venue',
      },
      {
        item: {
          Put: {
            TableName: this.#tableName,
            Item: { ...reviewKey(review.venueId, review.id), review, hidden: false },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        whenConditionFails: 'review_id_taken',
      },
      {
        item: {
          Put: {
            TableName: this.#tableName,
            Item: { ...reviewReferenceKey(review.id), venueId: review.venueId },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        whenConditionFails: 'review_id_taken',
      },
    ]);
    if (failed === 'review_id_taken') throw new Error(`review id ${review.id} is taken`);
    return failed === undefined;
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
          // An anonymised review has no text left to show; its rating still counts.
          FilterExpression: '#hidden = :visible AND attribute_not_exists(anonymised)',
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

  async anonymiseReviewsBefore(before: Date, limit: number): Promise<number> {
    const { venues } = await this.venuesInCategories(venueCategories);
    let anonymised = 0;
    for (const { venue } of venues) {
      if (anonymised === limit) break;
      const { Items = [] } = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :before',
          FilterExpression: 'attribute_exists(#review.author)',
          ExpressionAttributeNames: { '#review': 'review' },
          ExpressionAttributeValues: {
            ':pk': `VENUE#${venue.id}`,
            ':first': 'REVIEW#',
            ':before': `REVIEW#${idTimePrefix(before)}`,
          },
        }),
      );
      for (const item of Items.slice(0, limit - anonymised)) {
        await this.#client.send(
          new UpdateCommand({
            TableName: this.#tableName,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: 'SET anonymised = :true REMOVE #review.author, #review.#comment',
            ExpressionAttributeNames: { '#review': 'review', '#comment': 'comment' },
            ExpressionAttributeValues: { ':true': true },
          }),
        );
        anonymised += 1;
      }
    }
    return anonymised;
  }

  async hideReview(reviewId: string, audit?: AuditEntry): Promise<boolean> {
    const auditPut = auditItem<'already_hidden'>(this.#auditTable, audit);
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
    const failed = await writeTransaction(this.#client, [
      {
        item: {
          Update: {
            TableName: this.#tableName,
            Key: reviewKey(venueId, reviewId),
            UpdateExpression: 'SET #hidden = :hidden',
            ConditionExpression: '#hidden = :visible',
            ExpressionAttributeNames: { '#hidden': 'hidden' },
            ExpressionAttributeValues: { ':hidden': true, ':visible': false },
          },
        },
        whenConditionFails: 'already_hidden',
      },
      {
        item: {
          Update: {
            TableName: this.#tableName,
            Key: venueKey(venueId),
            UpdateExpression: 'ADD ratingCount :minusOne, ratingSum :minusRating',
            ExpressionAttributeValues: { ':minusOne': -1, ':minusRating': -review.rating },
          },
        },
      },
      ...(auditPut ? [auditPut] : []),
    ]);
    return failed === undefined;
  }

  #reviewCursor(venueId: string, cursor: string): Record<string, string> {
    const key = decodeCursor(cursor);
    if (
      Object.keys(key).sort().join(',') !== 'pk,sk' ||
      key.pk !== `VENUE#${venueId}` ||
      !key.sk?.startsWith('REVIEW#')
    ) {
      throw new InvalidCursorError();
    }
    return key;
  }
}

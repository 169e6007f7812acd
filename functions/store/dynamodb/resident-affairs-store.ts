import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { newId } from '../../domain/ids.ts';
import { isClosedState } from '../../domain/resident-affairs/lifecycle.ts';
import type { ServiceRequest, TimelineEntry } from '../../domain/resident-affairs/model.ts';
import { statesOfStatus } from '../../domain/resident-affairs/request-filters.ts';
import { decodeCursor, encodeCursor } from '../page-cursor.ts';
import type {
  Anonymisation,
  Merge,
  NewServiceRequest,
  Page,
  ResidentAffairsStore,
  ServiceRequestQuery,
  StoredServiceRequest,
  TimelineAppend,
} from '../resident-affairs-store.ts';
import { type AffairsConflictReason, InvalidCursorError, ResidentAffairsConflict } from '../store-errors.ts';
import { auditItem } from './audit-store.ts';
import { idempotencyCompletionItem } from './idempotency-store.ts';
import { outboxDelete, outboxPut } from './outbox-store.ts';
import { type ConditionedItem, writeTransaction } from './transaction.ts';

type Item = ConditionedItem<AffairsConflictReason>;

const requestPartition = (id: string) => `REQUEST#${id}`;
const requestKey = (id: string) => ({ pk: requestPartition(id), sk: 'REQUEST' });
/** Entries sort by time in their request's partition; the id tells apart two in the same millisecond. */
const timelineKey = (requestId: string, at: string) => ({
  pk: requestPartition(requestId),
  sk: `TIMELINE#${at}#${newId()}`,
});

/** The one `byDate` partition (see tables.ts). */
const everyRequest = 'REQUESTS';
const open = 'OPEN';
const closed = 'CLOSED';

/**
 * A request's place by submission, the id settling ties: its `byDate` sort key, and its `byStage`
 * one while open (the queue: longest-waiting first). Times are as `Date.toISOString()` writes them.
 */
const submissionOrder = (request: Pick<ServiceRequest, 'id' | 'submittedAt'>) =>
  `${request.submittedAt}#${request.id}`;

/** Where a request stands in the `byStage` index: open by submission, closed by when it closed (`at`). */
function stage(request: Pick<ServiceRequest, 'id' | 'state' | 'submittedAt'>, at: string) {
  return isClosedState(request.state)
    ? { stageKey: closed, stageOrder: `${at}#${request.id}` }
    : { stageKey: open, stageOrder: submissionOrder(request) };
}

/** The key attributes of each way of reading, as a cursor carries them. */
const cursorFields = {
  byDate: ['listKey', 'listOrder', 'pk', 'sk'],
  byStage: ['pk', 'sk', 'stageKey', 'stageOrder'],
} as const;

/** The ids of the e-mails queued for a request, kept on its item (a string set) so an erasure finds them. */
const messageIdsOf = (item: Record<string, unknown>) =>
  [...((item.messageIds as Set<string> | undefined) ?? [])].sort();

function toStored(items: Record<string, unknown>[]): StoredServiceRequest | undefined {
  const [head, ...entries] = items;
  if (head?.sk !== 'REQUEST') return undefined;
  return {
    request: head.request as ServiceRequest,
    timeline: entries.map((item) => item.entry as TimelineEntry),
    ...(head.anonymisedAt ? { anonymisedAt: head.anonymisedAt as string } : {}),
    messageIds: messageIdsOf(head),
  };
}

export class DynamoDbResidentAffairsStore implements ResidentAffairsStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #auditTable: string | undefined;

  readonly #outboxTable: string | undefined;

  /**
   * `auditTableName`: where staff changes write their audit entries (the staff function only);
   * `outboxTableName`: the mail outbox's table (the registrations table), where public notes queue
   * their e-mails and from which anonymisation removes them.
   */
  constructor(
    client: DynamoDBDocumentClient,
    tableName: string,
    auditTableName?: string,
    outboxTableName?: string,
  ) {
    this.#client = client;
    this.#table = tableName;
    this.#auditTable = auditTableName;
    this.#outboxTable = outboxTableName;
  }

  /** The outbox's table, which a change queuing or removing e-mails must have been given. */
  #outbox(): string {
    if (!this.#outboxTable) throw new Error('e-mails to queue or remove, but no outbox table was given');
    return this.#outboxTable;
  }

  async create({ request, firstEntry, idempotency }: NewServiceRequest): Promise<void> {
    await this.#transact([
      {
        item: {
          Put: {
            TableName: this.#table,
            Item: {
              ...requestKey(request.id),
              request,
              followTokenHash: request.followTokenHash,
              listKey: everyRequest,
              listOrder: submissionOrder(request),
              ...stage(request, request.submittedAt),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        whenConditionFails: 'state_changed',
      },
      {
        item: {
          Put: {
            TableName: this.#table,
            Item: { ...timelineKey(request.id, firstEntry.at), entry: firstEntry },
          },
        },
      },
      idempotency && idempotencyCompletionItem(this.#table, idempotency),
    ]);
  }

  async get(id: string): Promise<StoredServiceRequest | undefined> {
    return toStored(await this.#partition(id));
  }

  /** The request's item and its timeline's, in key order: the request first, then entries by time. */
  async #partition(id: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': requestPartition(id) },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  async getMany(ids: readonly string[]): Promise<ServiceRequest[]> {
    const found = new Map<string, ServiceRequest>();
    const unique = [...new Set(ids)];
    for (let start = 0; start < unique.length; start += 100) {
      let keys: Record<string, unknown>[] | undefined = unique.slice(start, start + 100).map(requestKey);
      for (let attempt = 0; keys?.length && attempt < 10; attempt += 1) {
        const page: BatchGetCommandOutput = await this.#client.send(
          new BatchGetCommand({
            RequestItems: { [this.#table]: { Keys: keys, ConsistentRead: true } },
          }),
        );
        for (const item of page.Responses?.[this.#table] ?? []) {
          const request = item.request as ServiceRequest;
          found.set(request.id, request);
        }
        keys = page.UnprocessedKeys?.[this.#table]?.Keys;
        if (keys?.length) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
    return unique.flatMap((id) => found.get(id) ?? []);
  }

  async getByFollowToken(followTokenHash: string): Promise<StoredServiceRequest | undefined> {
    const { Items = [] } = await this.#client.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'byFollowToken',
        KeyConditionExpression: 'followTokenHash = :hash',
        ExpressionAttributeValues: { ':hash': followTokenHash },
        ProjectionExpression: 'pk',
        Limit: 1,
      }),
    );
    const pk = Items[0]?.pk as string | undefined;
    return pk ? this.get(pk.slice('REQUEST#'.length)) : undefined;
  }

  async list(query: ServiceRequestQuery): Promise<Page<ServiceRequest>> {
    // A window that ends before it starts holds nothing (and BETWEEN would refuse it).
    if (query.from > query.to) return { items: [], nextCursor: null };
    const filters: string[] = [];
    const names: Record<string, string> = { '#request': 'request' };
    const values: Record<string, unknown> = {
      ':all': everyRequest,
      ':from': query.from,
      // "~" sorts after "#" and every id character: the window takes in its last instant's requests.
      ':to': `${query.to}~`,
    };
    if (query.serviceCode) {
      filters.push('#request.serviceCode = :serviceCode');
      values[':serviceCode'] = query.serviceCode;
    }
    if (query.status) {
      const states = statesOfStatus(query.status);
      filters.push(`#request.#state IN (${states.map((_, index) => `:state${index}`).join(', ')})`);
      names['#state'] = 'state';
      for (const [index, state] of states.entries()) values[`:state${index}`] = state;
    }
    const startKey = query.cursor
      ? this.#cursorKey(
          query.cursor,
          'byDate',
          (key) => (key.listOrder ?? '') >= query.from && (key.listOrder ?? '') <= `${query.to}~`,
        )
      : undefined;
    return this.#page(
      {
        TableName: this.#table,
        IndexName: 'byDate',
        KeyConditionExpression: 'listKey = :all AND listOrder BETWEEN :from AND :to',
        ScanIndexForward: false,
        ...(filters.length
          ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names }
          : {}),
        ExpressionAttributeValues: values,
      },
      'byDate',
      query.limit,
      startKey,
    );
  }

  async queuePage(limit: number, cursor?: string): Promise<Page<ServiceRequest>> {
    const startKey = cursor ? this.#cursorKey(cursor, 'byStage', (key) => key.stageKey === open) : undefined;
    return this.#page(
      {
        TableName: this.#table,
        IndexName: 'byStage',
        KeyConditionExpression: 'stageKey = :open',
        ExpressionAttributeValues: { ':open': open },
      },
      'byStage',
      limit,
      startKey,
    );
  }

  async closedBefore(before: string, limit: number): Promise<ServiceRequest[]> {
    if (limit < 1) return [];
    const { Items = [] } = await this.#client.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'byStage',
        KeyConditionExpression: 'stageKey = :closed AND stageOrder < :before',
        ExpressionAttributeValues: { ':closed': closed, ':before': before },
        Limit: limit,
      }),
    );
    return Items.map((item) => item.request as ServiceRequest);
  }

  /** Reads an index page by page, a filter may leave pages short, until `limit` items or the end. */
  async #page(
    input: QueryCommandInput,
    index: keyof typeof cursorFields,
    limit: number,
    cursorKey: Record<string, unknown> | undefined,
  ): Promise<Page<ServiceRequest>> {
    const items: ServiceRequest[] = [];
    let startKey = cursorKey;
    let lastKey: Record<string, unknown> = {};
    do {
      const page = await this.#client.send(
        new QueryCommand({ ...input, ExclusiveStartKey: startKey, Limit: Math.max(limit, 50) }),
      );
      for (const item of page.Items ?? []) {
        if (items.length === limit) return { items, nextCursor: encodeCursor(lastKey) };
        items.push(item.request as ServiceRequest);
        lastKey = Object.fromEntries(cursorFields[index].map((field) => [field, item[field]]));
      }
      startKey = page.LastEvaluatedKey;
      if (items.length === limit && startKey) return { items, nextCursor: encodeCursor(lastKey) };
    } while (startKey);
    return { items, nextCursor: null };
  }

  /** A cursor is only good for the way of reading that gave it out, and within its bounds. */
  #cursorKey(
    cursor: string,
    index: keyof typeof cursorFields,
    withinQuery: (key: Record<string, string>) => boolean,
  ): Record<string, string> {
    const key = decodeCursor(cursor);
    const valid =
      Object.keys(key).sort().join(',') === cursorFields[index].join(',') &&
      key.sk === 'REQUEST' &&
      withinQuery(key);
    if (!valid) throw new InvalidCursorError();
    return key;
  }

  async append({
    requestId,
    expectedState,
    entry,
    note,
    change = {},
    audit,
    message,
  }: TimelineAppend): Promise<void> {
    const names: Record<string, string> = { '#request': 'request', '#state': 'state' };
    const set = Object.entries(change).filter(([, value]) => value !== undefined && value !== null);
    const removals = Object.entries(change).flatMap(([field, value]) => {
      if (value !== null) return [];
      names[`#${field}`] = field;
      return [`#request.#${field}`];
    });
    const values: Record<string, unknown> = { ':expected': expectedState };
    const updates = set.map(([field, value]) => {
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      return `#request.#${field} = :${field}`;
    });
    if (change.state && isClosedState(change.state)) {
      // The request moves in the byStage index with its state: out of the queue when it closes,
      // back to its place (its submission) when it opens again.
      updates.push('stageKey = :closed', 'stageOrder = :closedOrder');
      values[':closed'] = closed;
      values[':closedOrder'] = `${entry.at}#${requestId}`;
    } else if (change.state) {
      updates.push('stageKey = :open', 'stageOrder = listOrder');
      values[':open'] = open;
    }
    if (message) values[':messageIds'] = new Set([message.id]);
    names['#mergedInto'] = 'mergedInto';
    const expression = [
      updates.length ? `SET ${updates.join(', ')}` : '',
      removals.length ? `REMOVE ${removals.join(', ')}` : '',
      message ? 'ADD messageIds :messageIds' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const guard = {
      TableName: this.#table,
      Key: requestKey(requestId),
      ConditionExpression:
        '#request.#state = :expected AND attribute_not_exists(#request.#mergedInto) AND attribute_not_exists(anonymisedAt)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
    await this.#transact([
      {
        // A note alone changes nothing of the request, but is still only added while it is as seen.
        item: expression ? { Update: { ...guard, UpdateExpression: expression } } : { ConditionCheck: guard },
        whenConditionFails: 'state_changed',
      },
      ...[entry, note].flatMap((written) =>
        written
          ? [
              {
                item: {
                  Put: {
                    TableName: this.#table,
                    Item: { ...timelineKey(requestId, written.at), entry: written },
                  },
                },
              },
            ]
          : [],
      ),
      auditItem(this.#auditTable, audit),
      message && outboxPut(this.#outbox(), message),
    ]);
  }

  async merge(merge: Merge): Promise<void> {
    if (merge.duplicateId === merge.intoId) throw new ResidentAffairsConflict('not_found');
    await this.#transact([
      {
        item: {
          Update: {
            TableName: this.#table,
            Key: requestKey(merge.duplicateId),
            UpdateExpression:
              'SET #request.#state = :closed, #request.mergedInto = :into, stageKey = :closedStage, stageOrder = :stageOrder',
            ConditionExpression:
              'attribute_exists(pk) AND #request.#state = :expected AND attribute_not_exists(#request.mergedInto) AND attribute_not_exists(anonymisedAt)',
            ExpressionAttributeNames: { '#request': 'request', '#state': 'state' },
            ExpressionAttributeValues: {
              ':closed': 'closed',
              ':into': merge.intoId,
              ':expected': merge.expectedState,
              ':closedStage': closed,
              ':stageOrder': `${merge.at}#${merge.duplicateId}`,
            },
          },
        },
        whenConditionFails: 'state_changed',
      },
      {
        // The request kept must be there and not itself merged away, or the duplicate would point nowhere.
        item: {
          ConditionCheck: {
            TableName: this.#table,
            Key: requestKey(merge.intoId),
            ConditionExpression:
              'attribute_exists(pk) AND attribute_not_exists(#request.mergedInto) AND attribute_not_exists(anonymisedAt)',
            ExpressionAttributeNames: { '#request': 'request' },
          },
        },
        whenConditionFails: 'not_found',
      },
      {
        item: {
          Put: {
            TableName: this.#table,
            Item: { ...timelineKey(merge.duplicateId, merge.at), entry: merge.duplicateEntry },
          },
        },
      },
      {
        item: {
          Put: {
            TableName: this.#table,
            Item: { ...timelineKey(merge.intoId, merge.at), entry: merge.intoEntry },
          },
        },
      },
      auditItem(this.#auditTable, merge.audit),
    ]);
  }

  /**
   * One transaction: the request replaced by what it keeps (out of the byStage index, so the rule
   * never reads it again), every timeline entry without its text. A request's timeline is a
   * handful of entries, well within a transaction's 100 items.
   */
  async anonymise({ kept, expectedState, at }: Anonymisation): Promise<string[]> {
    const [head, ...entries] = await this.#partition(kept.id);
    if (head?.sk !== 'REQUEST' || head.anonymisedAt) throw new ResidentAffairsConflict('state_changed');
    const messageIds = messageIdsOf(head);
    await this.#transact([
      {
        item: {
          Update: {
            TableName: this.#table,
            Key: requestKey(kept.id),
            UpdateExpression:
              'SET #request = :kept, anonymisedAt = :at REMOVE stageKey, stageOrder, messageIds',
            ConditionExpression: '#request.#state = :expected AND attribute_not_exists(anonymisedAt)',
            ExpressionAttributeNames: { '#request': 'request', '#state': 'state' },
            ExpressionAttributeValues: { ':kept': kept, ':at': at, ':expected': expectedState },
          },
        },
        whenConditionFails: 'state_changed',
      },
      ...entries
        .filter((item) => (item.entry as TimelineEntry).text !== undefined)
        .map(({ pk, sk }) => ({
          item: {
            Update: {
              TableName: this.#table,
              Key: { pk, sk },
              UpdateExpression: 'REMOVE entry.#text',
              ExpressionAttributeNames: { '#text': 'text' },
            },
          },
        })),
      ...messageIds.map((id) => outboxDelete(this.#outbox(), id)),
    ]);
    return messageIds;
  }

  /** Runs a transaction; a failed condition becomes the ResidentAffairsConflict its item names. */
  async #transact(items: ReadonlyArray<Item | undefined>): Promise<void> {
    const failed = await writeTransaction(
      this.#client,
      items.filter((item) => item !== undefined),
    );
    if (failed) throw new ResidentAffairsConflict(failed);
  }
}

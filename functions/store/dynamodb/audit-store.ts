import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, AuditQuery } from '../../domain/audit.ts';
import type { AuditStore } from '../audit-store.ts';
import { decodeCursor, encodeCursor } from '../page-cursor.ts';
import { InvalidCursorError } from '../store-errors.ts';
import type { ConditionedItem, TransactItem } from './transaction.ts';

/** Every entry lives in this one partition (see tables.ts), ordered by `sk`. */
const trail = 'TRAIL';

const sortKey = (entry: Pick<AuditEntry, 'at' | 'id'>) => `${entry.at}#${entry.id}`;

/**
 * The Put of one entry, for `append` and for the transactions of the changes it records. Its
 * condition makes the trail append-only: an entry that exists is never overwritten.
 */
export function auditEntryPut(
  tableName: string,
  entry: AuditEntry,
): { Put: NonNullable<TransactItem['Put']> } {
  return {
    Put: {
      TableName: tableName,
      Item: { pk: trail, sk: sortKey(entry), ...entry },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * The audit entry's item in a change's transaction, or none when the change records none. Its
 * condition fails only on an id clash, so it names no conflict reason: the transaction then throws.
 */
export function auditItem<Reason>(
  tableName: string | undefined,
  entry: AuditEntry | undefined,
): ConditionedItem<Reason> | undefined {
  if (!entry) return undefined;
  if (!tableName) throw new Error('an audit entry to write, but no audit table was configured');
  return { item: auditEntryPut(tableName, entry) };
}

/** An item is its entry and the two key attributes. */
function toEntry({ pk: _pk, sk: _sk, ...entry }: Record<string, unknown>): AuditEntry {
  return entry as unknown as AuditEntry;
}

/** The key attributes of each way of reading the trail, as a cursor carries them. */
const indexKeys = {
  trail: ['pk', 'sk'],
  byActor: ['actor', 'pk', 'sk'],
  byAction: ['action', 'pk', 'sk'],
} as const;

export class DynamoDbAuditStore implements AuditStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#table = tableName;
  }

  async append(entry: AuditEntry): Promise<void> {
    await this.#client.send(new PutCommand(auditEntryPut(this.#table, entry).Put));
  }

  async list(query: AuditQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
    // A range that ends before it starts holds nothing (and BETWEEN would refuse it).
    if (query.from && query.to && query.from > query.to) return { items: [], nextCursor: null };
    // The most selective key: an actor, else an action, else the whole trail; the rest filters.
    const index = query.actor ? 'byActor' : query.action ? 'byAction' : 'trail';
    const values: Record<string, unknown> = {};
    const names: Record<string, string> = {};
    const keyConditions: string[] = [];
    if (index === 'byActor') {
      keyConditions.push('actor = :actor');
      values[':actor'] = query.actor;
    } else if (index === 'byAction') {
      keyConditions.push('#action = :action');
      names['#action'] = 'action';
      values[':action'] = query.action;
    } else {
      keyConditions.push('pk = :trail');
      values[':trail'] = trail;
    }
    // "~" sorts after "#" and every digit, so the upper bound takes in the whole last millisecond.
    if (query.from || query.to) {
      keyConditions.push('sk BETWEEN :from AND :to');
      values[':from'] = query.from ?? '0';
      values[':to'] = `${query.to ?? '9999'}~`;
    }
    const filters: string[] = [];
    if (index === 'byActor' && query.action) {
      filters.push('#action = :action');
      names['#action'] = 'action';
      values[':action'] = query.action;
    }
    if (query.registration) {
      filters.push('contains(registrationIds, :registration)');
      values[':registration'] = query.registration;
    }
    const items: AuditEntry[] = [];
    let startKey: Record<string, unknown> | undefined = query.cursor
      ? this.#cursorKey(query.cursor, index, query)
      : undefined;
    let lastKey: Record<string, unknown> = {};
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#table,
          ...(index === 'trail' ? {} : { IndexName: index }),
          KeyConditionExpression: keyConditions.join(' AND '),
          ScanIndexForward: false,
          ExclusiveStartKey: startKey,
          Limit: 200,
          ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
          ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
        }),
      );
      for (const item of page.Items ?? []) {
        if (items.length === query.limit) return { items, nextCursor: encodeCursor(lastKey) };
        items.push(toEntry(item));
        lastKey = Object.fromEntries(indexKeys[index].map((key) => [key, item[key]]));
      }
      startKey = page.LastEvaluatedKey;
      if (items.length === query.limit && startKey) return { items, nextCursor: encodeCursor(lastKey) };
    } while (startKey);
    return { items, nextCursor: null };
  }

  /** A cursor is only good for the way of reading that gave it out (the same actor or action). */
  #cursorKey(cursor: string, index: keyof typeof indexKeys, query: AuditQuery): Record<string, string> {
    const key = decodeCursor(cursor);
    const fields = Object.keys(key).sort().join(',');
    const valid =
      fields === [...indexKeys[index]].sort().join(',') &&
      key.pk === trail &&
      (index !== 'byActor' || key.actor === query.actor) &&
      (index !== 'byAction' || key.action === query.action) &&
      (!query.from || (key.sk ?? '') >= query.from) &&
      (!query.to || (key.sk ?? '') <= `${query.to}~`);
    if (!valid) throw new InvalidCursorError();
    return key;
  }
}

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Category } from '../../../content/schemas/edition.ts';
import type { AuditEntry } from '../../domain/audit.ts';
import { keptAfterErasure, readErased } from '../../domain/erased-registration.ts';
import {
  type CounterChanges,
  capacityChange,
  combinedEffect,
  holdsEmailClaim,
  type LifecycleStep,
  lifecycle,
} from '../../domain/registration-lifecycle.ts';
import type { OutboxMessage, Registration } from '../../domain/registration-model.ts';
import { searchTextOf } from '../../domain/registration-search-text.ts';
import { type SeatRule, seatRules } from '../../domain/seat-rules.ts';
import type { EditionInfo } from '../edition-info.ts';
import { decodeCursor, encodeCursor } from '../page-cursor.ts';
import type {
  CategoryState,
  Erasure,
  NewRegistration,
  RegistrationEdit,
  RegistrationQuery,
  RegistrationRecord,
  RegistrationStore,
  Resend,
  StatusChange,
  StoredRegistration,
  Transition,
} from '../registration-store.ts';
import {
  type ConflictReason,
  InvalidCursorError,
  RegistrationConflict,
  TransactionBusyError,
} from '../store-errors.ts';
import { auditItem } from './audit-store.ts';
import { forgetTicketScans, noScansOf, ticketScans } from './checkin-scan-store.ts';
import { idempotencyCompletionItem } from './idempotency-store.ts';
import { outboxDelete, outboxPut } from './outbox-store.ts';
import { registrationKeys as keys, normalizeEmail } from './registration-keys.ts';
import { type ConditionedItem, writeTransaction } from './transaction.ts';

type Item = ConditionedItem<ConflictReason>;

/** How often an erasure deletes a ticket's scans again when uploads keep recording new ones. */
const erasureScanRounds = 5;

/**
 * The seat rules (seat-rules.ts) as one condition expression, with exactly the names and values it
 * uses (DynamoDB refuses unused ones): compiled, never restated, so the database enforces under
 * contention the very rule the domain decided by.
 */
function seatConditionExpression(rules: readonly SeatRule[]) {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const operand = (operand: string | number) => {
    if (typeof operand === 'number') {
      const placeholder = `:seat${Object.keys(values).length}`;
      values[placeholder] = operand;
      return placeholder;
    }
    names[`#${operand}`] = operand;
    return `#${operand}`;
  };
  const expression = rules
    .map(({ join, comparisons }) => {
      const parts = comparisons.map(
        ([left, comparator, right]) => `${operand(left)} ${comparator} ${operand(right)}`,
      );
      return `(${parts.join(` ${join} `)})`;
    })
    .join(' AND ');
  return { expression, names, values };
}

/**
 * The update of a category's counters for the given changes, conditioned on its seat rules; a
 * failed seat rule means the seats changed since they were read, a missing category that it is gone.
 */
function counterUpdate(
  tableName: string,
  key: Record<string, string>,
  counters: CounterChanges,
  rules: readonly SeatRule[],
): Item | undefined {
  const deltas = Object.entries(counters);
  if (!deltas.length) return undefined;
  const seat = seatConditionExpression(rules);
  return {
    item: {
      Update: {
        TableName: tableName,
        Key: key,
        UpdateExpression: `SET ${deltas.map(([counter]) => `#${counter} = #${counter} + :${counter}`).join(', ')}`,
        ConditionExpression: ['attribute_exists(pk)', ...(rules.length ? [seat.expression] : [])].join(
          ' AND ',
        ),
        ExpressionAttributeNames: {
          ...Object.fromEntries(deltas.map(([counter]) => [`#${counter}`, counter])),
          ...seat.names,
        },
        ExpressionAttributeValues: {
          ...Object.fromEntries(deltas.map(([counter, delta]) => [`:${counter}`, delta])),
          ...seat.values,
        },
      },
    },
    whenConditionFails: rules.length ? 'seats_changed' : 'not_found',
  };
}

const registrationFields = [
  'id',
  'edition',
  'category',
  'status',
  'name',
  'email',
  'country',
  'organization',
  'jobTitle',
  'language',
  'dietary',
  'needsVisaLetter',
  'code',
  'createdAt',
  'updatedAt',
  'checkedInAt',
  'erasedAt',
  'consent',
] as const satisfies ReadonlyArray<keyof Registration>;

function toRegistration(item: Record<string, unknown>): Registration {
  const registration: Record<string, unknown> = {};
  for (const field of registrationFields) if (item[field] !== undefined) registration[field] = item[field];
  return item.erasedAt ? readErased(registration) : (registration as unknown as Registration);
}

/**
 * Attributes of a registration item that are keys, index copies or secrets' hashes rather than what
 * the registrant gave or was given: left out of their download (docs/registration.md lists them).
 */
const internalAttributes = new Set([
  'pk',
  'sk',
  'editionKey',
  'createdOrder',
  'waitlistKey',
  'waitlistOrder',
  'searchText',
  'manageTokenHash',
  'checkinNonce',
  'outboxIds',
  'idempotencyRecordId',
]);

/** The ids of the messages written for a registration, kept on its item so an erasure finds them. */
const messageIdSet = (...ids: string[]) => new Set(ids);

function toCategory(item: Record<string, unknown>): CategoryState {
  const { pk: _pk, sk: _sk, ...category } = item;
  return category as unknown as CategoryState;
}

const waitlistEntry = (registration: Registration, order: string) => ({
  waitlistKey: keys.waitlist(registration.edition, registration.category),
  waitlistOrder: `${order}#${registration.id}`,
});

export class DynamoDbRegistrationStore implements RegistrationStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #auditTable: string | undefined;

  /** `auditTableName`: where staff changes write their audit entries (the organizer function only). */
  constructor(client: DynamoDBDocumentClient, tableName: string, auditTableName?: string) {
    this.#client = client;
    this.#table = tableName;
    this.#auditTable = auditTableName;
  }

  async listCategories(edition: string): Promise<CategoryState[]> {
    const { Items = [] } = await this.#client.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.categories(edition) },
        ConsistentRead: true,
      }),
    );
    return Items.map(toCategory).sort((a, b) => a.position - b.position);
  }

  async getCategory(edition: string, id: string): Promise<CategoryState | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: keys.category(edition, id), ConsistentRead: true }),
    );
    return Item && toCategory(Item);
  }

  async currentEdition(): Promise<EditionInfo | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: keys.currentEdition, ConsistentRead: true }),
    );
    return (
      Item && {
        id: Item.id as string,
        name: Item.name as EditionInfo['name'],
        noticeVersion: Item.noticeVersion as string,
      }
    );
  }

  async upsertEdition(
    { id: edition, name, noticeVersion }: EditionInfo,
    categories: readonly Category[],
  ): Promise<void> {
    await this.#client.send(
      new PutCommand({
        TableName: this.#table,
        Item: { ...keys.currentEdition, id: edition, name, noticeVersion },
      }),
    );
    for (const [position, category] of categories.entries()) {
      // The optional fields: set when the content has them, removed when it no longer does.
      const optional = {
        opensAt: category.opensAt,
        closesAt: category.closesAt,
        badgeColour: category.badgeColour,
      };
      const set = Object.entries(optional).filter(([, value]) => value !== undefined);
      const remove = Object.entries(optional).filter(([, value]) => value === undefined);
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: keys.category(edition, category.id),
          UpdateExpression: [
            `SET #id = :id, edition = :edition, #name = :name, needsApproval = :needsApproval,
              #capacity = if_not_exists(#capacity, :capacity),
              #confirmed = if_not_exists(#confirmed, :zero), #waitlisted = if_not_exists(#waitlisted, :zero),
              pending = if_not_exists(pending, :zero), checkedIn = if_not_exists(checkedIn, :zero),
              #position = :position`,
            ...set.map(([field]) => `, ${field} = :${field}`),
            remove.length ? ` REMOVE ${remove.map(([field]) => field).join(', ')}` : '',
          ].join(''),
          ExpressionAttributeNames: {
            '#id': 'id',
            '#name': 'name',
            '#position': 'position',
            '#capacity': 'capacity',
            '#confirmed': 'confirmed',
            '#waitlisted': 'waitlisted',
          },
          ExpressionAttributeValues: {
            ':id': category.id,
            ':edition': edition,
            ':name': category.name,
            ':needsApproval': category.needsApproval,
            ':capacity': category.capacity,
            ':zero': 0,
            ':position': position,
            ...Object.fromEntries(set.map(([field, value]) => [`:${field}`, value])),
          },
        }),
      );
    }
  }

  async create({ registration, change, manageTokenHash, outbox, idempotency }: NewRegistration) {
    const step: LifecycleStep = lifecycle[change];
    const claim = (key: Record<string, string>, whenTaken: ConflictReason): Item => ({
      item: {
        Put: {
          TableName: this.#table,
          Item: { ...key, registrationId: registration.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      whenConditionFails: whenTaken,
    });
    const items: Array<Item | undefined> = [
      {
        item: {
          Put: {
            TableName: this.#table,
            Item: {
              ...keys.registration(registration.id),
              ...registration,
              status: step.to,
              manageTokenHash,
              outboxIds: messageIdSet(outbox.id),
              ...(idempotency ? { idempotencyRecordId: idempotency.recordId } : {}),
              editionKey: registration.edition,
              createdOrder: `${registration.createdAt}#${registration.id}`,
              searchText: searchTextOf(registration),
              ...(step.to === 'waitlisted' ? waitlistEntry(registration, registration.createdAt) : {}),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        whenConditionFails: 'state_changed',
      },
      claim(keys.email(registration.edition, normalizeEmail(registration.email)), 'email_taken'),
      claim(keys.code(registration.code), 'code_taken'),
      counterUpdate(
        this.#table,
        keys.category(registration.edition, registration.category),
        step.counters,
        step.seat ? [seatRules[step.seat]] : [],
      ),
      outboxPut(this.#table, outbox),
      idempotency && idempotencyCompletionItem(this.#table, idempotency),
    ];
    await this.#transact(items);
  }

  async get(id: string): Promise<StoredRegistration | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: keys.registration(id), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return {
      registration: toRegistration(Item),
      manageTokenHash: Item.manageTokenHash as string,
      checkinNonce: Item.checkinNonce as string | undefined,
    };
  }

  async findIdByCode(code: string): Promise<string | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: keys.code(code), ConsistentRead: true }),
    );
    return Item?.registrationId as string | undefined;
  }

  async findIdByEmail(edition: string, email: string): Promise<string | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.email(edition, normalizeEmail(email)),
        ConsistentRead: true,
      }),
    );
    return Item?.registrationId as string | undefined;
  }

  async queueOnce(message: OutboxMessage, once: { key: string; until: string }): Promise<boolean> {
    try {
      await this.#transact([
        this.#onceMarker(once, message.createdAt),
        outboxPut(this.#table, message),
        this.#keepMessageId(message, {}, 'not_found'),
      ]);
      return true;
    } catch (error) {
      // Already told today, or the registration was erased meanwhile: nothing to send.
      if (error instanceof RegistrationConflict && ['already_queued', 'not_found'].includes(error.reason)) {
        return false;
      }
      throw error;
    }
  }

  async resend({ message, status, manageTokenHash, once, audit }: Resend): Promise<void> {
    await this.#transact([
      this.#onceMarker(once, message.createdAt),
      outboxPut(this.#table, message),
      this.#keepMessageId(message, { status, manageTokenHash }, 'state_changed'),
      auditItem(this.#auditTable, audit),
    ]);
  }

  /** Holds a key until `until`: a second message under it fails with already_queued meanwhile. */
  #onceMarker({ key, until }: { key: string; until: string }, at: string): Item {
    return {
      item: {
        Put: {
          TableName: this.#table,
          Item: { ...keys.queuedOnce(key), expiresAt: Math.floor(Date.parse(until) / 1000) },
          // TTL deletes expired items within days, not at once: an expired marker counts as gone.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': Math.floor(Date.parse(at) / 1000) },
        },
      },
      whenConditionFails: 'already_queued',
    };
  }

  /**
   * The registration keeps the ids of its messages, so an erasure and its holder's download find this
   * copy too. It must still be there and not erased (and, for a resend, still have the status the
   * message was chosen for); a resend's new manage token replaces the old in the same update.
   */
  #keepMessageId(
    message: OutboxMessage,
    { status, manageTokenHash }: { status?: Registration['status']; manageTokenHash?: string },
    whenConditionFails: ConflictReason,
  ): Item {
    const condition = ['attribute_exists(pk)', 'attribute_not_exists(erasedAt)'];
    const values: Record<string, unknown> = { ':messageIds': messageIdSet(message.id) };
    if (status) {
      condition.push('#status = :status');
      values[':status'] = status;
    }
    if (manageTokenHash) values[':tokenHash'] = manageTokenHash;
    return {
      item: {
        Update: {
          TableName: this.#table,
          Key: keys.registration(message.registrationId),
          UpdateExpression: `${manageTokenHash ? 'SET manageTokenHash = :tokenHash ' : ''}ADD outboxIds :messageIds`,
          ConditionExpression: condition.join(' AND '),
          ...(status ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
          ExpressionAttributeValues: values,
        },
      },
      whenConditionFails,
    };
  }

  async transition({ changes, at, checkinNonce, audit }: Transition): Promise<void> {
    const [first] = changes;
    if (!first) return;
    const { counters, seats } = combinedEffect(changes.map(({ change }) => change));
    await this.#transact([
      ...changes.flatMap((change) => this.#statusChangeItems(change, at, checkinNonce)),
      counterUpdate(
        this.#table,
        keys.category(first.registration.edition, first.registration.category),
        counters,
        seats.map((seat) => seatRules[seat]),
      ),
      auditItem(this.#auditTable, audit),
    ]);
  }

  async edit({ registration, changes, at, audit }: RegistrationEdit): Promise<void> {
    const edited = { ...registration, ...changes };
    const set = Object.entries(changes).filter(([, value]) => value !== undefined);
    const removesOrganization = 'organization' in changes && changes.organization === undefined;
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = {
      ':status': registration.status,
      ':read': registration.updatedAt,
      ':at': at,
      ':searchText': searchTextOf(edited),
    };
    for (const [field, value] of set) {
      names[`#${field}`] = field;
      values[`:${field}`] = value;
    }
    const oldEmail = normalizeEmail(registration.email);
    const newEmail = normalizeEmail(edited.email);
    const ownClaim = (email: string) => keys.email(registration.edition, email);
    await this.#transact([
      {
        item: {
          Update: {
            TableName: this.#table,
            Key: keys.registration(registration.id),
            UpdateExpression: [
              `SET ${[...set.map(([field]) => `#${field} = :${field}`), 'updatedAt = :at', 'searchText = :searchText'].join(', ')}`,
              removesOrganization ? ' REMOVE organization' : '',
            ].join(''),
            ConditionExpression: '#status = :status AND updatedAt = :read AND attribute_not_exists(erasedAt)',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
        whenConditionFails: 'state_changed',
      },
      ...(newEmail === oldEmail
        ? []
        : [
            {
              item: {
                Delete: {
                  TableName: this.#table,
                  Key: ownClaim(oldEmail),
                  ConditionExpression: 'registrationId = :id',
                  ExpressionAttributeValues: { ':id': registration.id },
                },
              },
              whenConditionFails: 'state_changed' as const,
            },
            {
              item: {
                Put: {
                  TableName: this.#table,
                  Item: { ...ownClaim(newEmail), registrationId: registration.id },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              whenConditionFails: 'email_taken' as const,
            },
          ]),
      auditItem(this.#auditTable, audit),
    ]);
  }

  /** The items one lifecycle entry writes: the registration, the freed e-mail, the message. */
  #statusChangeItems({ registration, change, message }: StatusChange, at: string, nonce?: string): Item[] {
    const step: LifecycleStep = lifecycle[change];
    const set = step.checksIn ? ['checkedInAt = :at'] : ['#status = :to', 'updatedAt = :at'];
    const values: Record<string, unknown> = { ':at': at, ':from': step.from };
    if (step.checksIn && nonce) {
      set.push('checkinNonce = :nonce');
      values[':nonce'] = nonce;
    }
    if (!step.checksIn) values[':to'] = step.to;
    if (step.to === 'waitlisted') {
      const entry = waitlistEntry(registration, at);
      set.push('waitlistKey = :waitlistKey', 'waitlistOrder = :waitlistOrder');
      values[':waitlistKey'] = entry.waitlistKey;
      values[':waitlistOrder'] = entry.waitlistOrder;
    }
    const leavesWaitlist = step.from === 'waitlisted' && step.to !== 'waitlisted';
    if (message) values[':messageIds'] = messageIdSet(message.id);
    const items: Item[] = [
      {
        item: {
          Update: {
            TableName: this.#table,
            Key: keys.registration(registration.id),
            UpdateExpression: [
              `SET ${set.join(', ')}`,
              leavesWaitlist ? ' REMOVE waitlistKey, waitlistOrder' : '',
              message ? ' ADD outboxIds :messageIds' : '',
            ].join(''),
            ConditionExpression: `#status = :from${step.requireNotCheckedIn ? ' AND attribute_not_exists(checkedInAt)' : ''}`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: values,
          },
        },
        whenConditionFails: 'state_changed',
      },
    ];
    if (step.email === 'release') {
      items.push({
        item: {
          Delete: {
            TableName: this.#table,
            Key: keys.email(registration.edition, normalizeEmail(registration.email)),
            ConditionExpression: 'registrationId = :id',
            ExpressionAttributeValues: { ':id': registration.id },
          },
        },
        whenConditionFails: 'state_changed',
      });
    }
    if (message) items.push(outboxPut(this.#table, message));
    return items;
  }

  async oldestWaitlisted(edition: string, category: string): Promise<Registration | undefined> {
    const { Items = [] } = await this.#client.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: 'waitlist',
        KeyConditionExpression: 'waitlistKey = :key',
        ExpressionAttributeValues: { ':key': keys.waitlist(edition, category) },
        Limit: 1,
      }),
    );
    return Items[0] && toRegistration(Items[0]);
  }

  async setCapacity(
    edition: string,
    category: string,
    capacity: number,
    audit?: AuditEntry,
  ): Promise<CategoryState> {
    const keepsConfirmed = seatConditionExpression([capacityChange.condition(capacity)]);
    const update = {
      TableName: this.#table,
      Key: keys.category(edition, category),
      UpdateExpression: 'SET #capacity = :capacity',
      ConditionExpression: `attribute_exists(pk) AND ${keepsConfirmed.expression}`,
      ExpressionAttributeNames: { '#capacity': 'capacity', ...keepsConfirmed.names },
      ExpressionAttributeValues: { ':capacity': capacity, ...keepsConfirmed.values },
    };
    if (audit) {
      // With its audit entry the change is a transaction, which returns no values: read them after.
      await this.#transact([
        { item: { Update: update }, whenConditionFails: 'seats_changed' },
        auditItem(this.#auditTable, audit),
      ]);
      const changed = await this.getCategory(edition, category);
      if (!changed) throw new RegistrationConflict('not_found');
      return changed;
    }
    try {
      const { Attributes } = await this.#client.send(
        new UpdateCommand({ ...update, ReturnValues: 'ALL_NEW' }),
      );
      return toCategory(Attributes ?? {});
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new RegistrationConflict('seats_changed');
      throw error;
    }
  }

  async list(query: RegistrationQuery): Promise<{ items: Registration[]; nextCursor: string | null }> {
    // Erased registrations have nothing to show an organizer; the statistics still count them.
    const filters: string[] = ['attribute_not_exists(erasedAt)'];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':edition': query.edition };
    if (query.status) {
      filters.push('#status = :status');
      names['#status'] = 'status';
      values[':status'] = query.status;
    }
    if (query.category) {
      filters.push('category = :category');
      values[':category'] = query.category;
    }
    if (query.country) {
      filters.push('country = :country');
      values[':country'] = query.country;
    }
    if (query.text) {
      filters.push('contains(searchText, :text)');
      values[':text'] = query.text.toLowerCase();
    }
    const items: Registration[] = [];
    let startKey: Record<string, unknown> | undefined = query.cursor ? this.#listCursor(query) : undefined;
    let lastKey: Record<string, unknown> = {};
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#table,
          IndexName: 'byEdition',
          KeyConditionExpression: 'editionKey = :edition',
          ScanIndexForward: false,
          ExclusiveStartKey: startKey,
          Limit: 200,
          FilterExpression: filters.join(' AND '),
          ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
        } satisfies QueryCommandInput),
      );
      for (const item of page.Items ?? []) {
        if (items.length === query.limit) return { items, nextCursor: encodeCursor(lastKey) };
        items.push(toRegistration(item));
        lastKey = { pk: item.pk, sk: item.sk, editionKey: item.editionKey, createdOrder: item.createdOrder };
      }
      startKey = page.LastEvaluatedKey;
      if (items.length === query.limit && startKey) return { items, nextCursor: encodeCursor(lastKey) };
    } while (startKey);
    return { items, nextCursor: null };
  }

  #listCursor(query: RegistrationQuery): Record<string, string> {
    const key = decodeCursor(query.cursor ?? '');
    const fields = Object.keys(key).sort().join(',');
    if (fields !== 'createdOrder,editionKey,pk,sk' || key.editionKey !== query.edition) {
      throw new InvalidCursorError();
    }
    return key;
  }

  async *all(edition: string): AsyncGenerator<Registration> {
    for await (const item of this.#editionItems(edition)) yield toRegistration(item);
  }

  /** The items of an edition's registrations, page by page through the byEdition index. */
  async *#editionItems(
    edition: string,
    { unerasedOnly = false, pageSize }: { unerasedOnly?: boolean; pageSize?: number } = {},
  ): AsyncGenerator<Record<string, unknown>> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#table,
          IndexName: 'byEdition',
          KeyConditionExpression: 'editionKey = :edition',
          ...(unerasedOnly ? { FilterExpression: 'attribute_not_exists(erasedAt)' } : {}),
          ExpressionAttributeValues: { ':edition': edition },
          ExclusiveStartKey: startKey,
          ...(pageSize ? { Limit: pageSize } : {}),
        }),
      );
      yield* page.Items ?? [];
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  async record(id: string): Promise<RegistrationRecord | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: keys.registration(id), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const registration = Object.fromEntries(
      Object.entries(Item).filter(([attribute]) => !internalAttributes.has(attribute)),
    );
    const messages = [];
    for (const messageId of [...((Item.outboxIds as Set<string> | undefined) ?? [])].sort()) {
      const { Item: copy } = await this.#client.send(
        new GetCommand({ TableName: this.#table, Key: keys.outbox(messageId), ConsistentRead: true }),
      );
      if (copy)
        messages.push({
          message: copy.message as OutboxMessage,
          ...(copy.sentAt ? { sentAt: copy.sentAt } : {}),
        });
    }
    // Found by the ticket's own code, held on the registration item (none once it is erased).
    const checkinScans =
      typeof Item.code === 'string' && Item.code
        ? await ticketScans(this.#client, this.#table, String(Item.edition), Item.code)
        : [];
    return { registration, messages, checkinScans };
  }

  /**
   * One transaction: the registration item replaced by what an erasure keeps (on condition that it
   * is still as read), its e-mail claim (while it holds one) and code claim deleted, its idempotency
   * record and message copies deleted, and the status changes (cancellation, promotion) with their
   * counters. A registration's messages are a handful (one per status change), so all fit.
   */
  async erase({
    registration,
    changes,
    at,
    audit,
    revokedTicket,
  }: Erasure): Promise<{ messageIds: string[] }> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#table,
        Key: keys.registration(registration.id),
        ConsistentRead: true,
      }),
    );
    if (!Item) throw new RegistrationConflict('state_changed');
    // Before the transaction, which could not hold a ticket scanned many times; a failed erasure
    // is tried again, and a scan arriving once the code's claim is gone is refused (its record
    // checks the claim). One recorded in between is caught by the transaction's check below.
    const code = typeof Item.code === 'string' && Item.code ? Item.code : undefined;
    if (code) await forgetTicketScans(this.#client, this.#table, registration.edition, code);
    const own = changes.find((change) => change.registration.id === registration.id);
    const others = changes.filter((change) => change !== own);
    const kept: Record<string, unknown> = {
      ...Object.fromEntries(keptAfterErasure.map((field) => [field, Item[field]])),
      ...(own ? { status: lifecycle[own.change].to, updatedAt: at } : {}),
      erasedAt: at,
    };
    const messageIds = [...((Item.outboxIds as Set<string> | undefined) ?? [])];
    const { counters, seats } = combinedEffect(changes.map(({ change }) => change));
    const ownClaim = (key: Record<string, string>): Item => ({
      item: {
        Delete: {
          TableName: this.#table,
          Key: key,
          ConditionExpression: 'registrationId = :id',
          ExpressionAttributeValues: { ':id': registration.id },
        },
      },
      whenConditionFails: 'state_changed',
    });
    const items: Array<ConditionedItem<ConflictReason | 'ticket_scanned'> | undefined> = [
      code ? noScansOf(this.#table, registration.edition, code) : undefined,
      {
        item: {
          Put: {
            TableName: this.#table,
            Item: {
              ...keys.registration(registration.id),
              ...kept,
              // Kept so the holder of the manage link is told "gone" and anyone else "not found".
              manageTokenHash: Item.manageTokenHash,
              editionKey: Item.editionKey,
              createdOrder: Item.createdOrder,
            },
            ConditionExpression: [
              '#status = :status',
              'updatedAt = :updatedAt',
              'attribute_not_exists(erasedAt)',
              registration.checkedInAt
                ? 'attribute_exists(checkedInAt)'
                : 'attribute_not_exists(checkedInAt)',
            ].join(' AND '),
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': registration.status,
              ':updatedAt': registration.updatedAt,
            },
          },
        },
        whenConditionFails: 'state_changed',
      },
      holdsEmailClaim(registration.status)
        ? ownClaim(keys.email(registration.edition, normalizeEmail(registration.email)))
        : undefined,
      ownClaim(keys.code(registration.code)),
      revokedTicket
        ? {
            item: {
              Put: {
                TableName: this.#table,
                Item: {
                  pk: keys.revokedTickets(registration.edition),
                  sk: revokedTicket.codeHash,
                  expiresAt: revokedTicket.expiresAt,
                },
              },
            },
          }
        : undefined,
      Item.idempotencyRecordId
        ? { item: { Delete: { TableName: this.#table, Key: keys.idempotency(Item.idempotencyRecordId) } } }
        : undefined,
      ...messageIds.map((messageId) => outboxDelete(this.#table, messageId)),
      ...others.flatMap((change) => this.#statusChangeItems(change, at)),
      counterUpdate(
        this.#table,
        keys.category(registration.edition, registration.category),
        counters,
        seats.map((seat) => seatRules[seat]),
      ),
      auditItem(this.#auditTable, audit),
    ];
    for (let attempt = 1; ; attempt++) {
      const failed = await writeTransaction(
        this.#client,
        items.filter((item) => item !== undefined),
      );
      if (failed === undefined) return { messageIds };
      if (failed !== 'ticket_scanned') throw new RegistrationConflict(failed);
      // An upload that read the code's claim before the erasure recorded a scan after its scans were
      // deleted: delete them again, so no scan naming the code outlives the erasure.
      if (!code || attempt === erasureScanRounds) {
        throw new TransactionBusyError('ticket scanned during erasure');
      }
      await forgetTicketScans(this.#client, this.#table, registration.edition, code);
    }
  }

  async revokedTickets(
    edition: string,
    { limit, cursor }: { limit: number; cursor?: string },
  ): Promise<{ codeHashes: string[]; nextCursor: string | null }> {
    const pk = keys.revokedTickets(edition);
    let startKey: Record<string, string> | undefined;
    if (cursor !== undefined) {
      startKey = decodeCursor(cursor);
      if (Object.keys(startKey).sort().join(',') !== 'pk,sk' || startKey.pk !== pk) {
        throw new InvalidCursorError();
      }
    }
    const page = await this.#client.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ExclusiveStartKey: startKey,
        Limit: limit,
      }),
    );
    const codeHashes = (page.Items ?? []).map((item) => String(item.sk));
    const last = page.LastEvaluatedKey;
    return { codeHashes, nextCursor: last ? encodeCursor({ pk: last.pk, sk: last.sk }) : null };
  }

  async unerased(edition: string, limit: number): Promise<Registration[]> {
    const found: Registration[] = [];
    if (limit < 1) return found;
    for await (const item of this.#editionItems(edition, { unerasedOnly: true, pageSize: limit })) {
      found.push(toRegistration(item));
      if (found.length === limit) break;
    }
    return found;
  }

  /** Runs a transaction; a failed condition becomes the RegistrationConflict its item names. */
  async #transact(items: ReadonlyArray<Item | undefined>): Promise<void> {
    const failed = await writeTransaction(
      this.#client,
      items.filter((item) => item !== undefined),
    );
    if (failed) throw new RegistrationConflict(failed);
  }
}

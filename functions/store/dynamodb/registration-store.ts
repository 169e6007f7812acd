import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Category } from '../../../content/schemas/edition.ts';
import type { OutboxMessage, Registration, RegistrationStatus } from '../../domain/registration-model.ts';
import type { EditionInfo } from '../edition-info.ts';
import type {
  CategoryCounters,
  CategoryState,
  NewRegistration,
  RegistrationQuery,
  RegistrationStore,
  SeatCondition,
  StoredRegistration,
  Transition,
} from '../registration-store.ts';
import { type ConflictReason, RegistrationConflict, TransactionBusyError } from '../store-errors.ts';
import { decodeCursor, encodeCursor, InvalidCursorError } from './cursor.ts';
import { registrationKeys as keys, normalizeEmail } from './registration-keys.ts';
import { cancellationCodes, isRetryableCancellation } from './transaction-errors.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const counterOf: Record<RegistrationStatus, keyof CategoryCounters | undefined> = {
  confirmed: 'confirmed',
  waitlisted: 'waitlisted',
  pending_approval: 'pending',
  rejected: undefined,
  cancelled: undefined,
};

const seatNames = { '#confirmed': 'confirmed', '#capacity': 'capacity', '#waitlisted': 'waitlisted' };

/** Each condition with exactly the names and values it uses: DynamoDB refuses unused ones. */
const seatConditions: Record<
  SeatCondition,
  { expression: string; names: Record<string, string>; values: Record<string, number> }
> = {
  open_seat: {
    expression: '#confirmed < #capacity AND #waitlisted = :zero',
    names: seatNames,
    values: { ':zero': 0 },
  },
  no_open_seat: {
    expression: '(#confirmed >= #capacity OR #waitlisted > :zero)',
    names: seatNames,
    values: { ':zero': 0 },
  },
  seat_for_waitlist: {
    expression: '#confirmed < #capacity',
    names: { '#confirmed': 'confirmed', '#capacity': 'capacity' },
    values: {},
  },
};

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
] as const satisfies ReadonlyArray<keyof Registration>;

function toRegistration(item: Record<string, unknown>): Registration {
  const registration: Record<string, unknown> = {};
  for (const field of registrationFields) if (item[field] !== undefined) registration[field] = item[field];
  return registration as unknown as Registration;
}

function toCategory(item: Record<string, unknown>): CategoryState {
  const { pk: _pk, sk: _sk, ...category } = item;
  return category as unknown as CategoryState;
}

const waitlistEntry = (registration: Registration, order: string) => ({
  waitlistKey: keys.waitlist(registration.edition, registration.category),
  waitlistOrder: `${order}#${registration.id}`,
});

function outboxPut(tableName: string, message: OutboxMessage): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: { ...keys.outbox(message.id), outboxKey: 'PENDING', outboxOrder: message.id, message },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export class DynamoDbRegistrationStore implements RegistrationStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#table = tableName;
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
    return Item && { id: Item.id as string, name: Item.name as EditionInfo['name'] };
  }

  async upsertEdition({ id: edition, name }: EditionInfo, categories: readonly Category[]): Promise<void> {
    await this.#client.send(
      new PutCommand({ TableName: this.#table, Item: { ...keys.currentEdition, id: edition, name } }),
    );
    for (const [position, category] of categories.entries()) {
      const window = { opensAt: category.opensAt, closesAt: category.closesAt };
      const set = Object.entries(window).filter(([, value]) => value !== undefined);
      const remove = Object.entries(window).filter(([, value]) => value === undefined);
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
          ExpressionAttributeNames: { '#id': 'id', '#name': 'name', '#position': 'position', ...seatNames },
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

  async create({ registration, manageTokenHash, seatCondition, outbox, idempotency }: NewRegistration) {
    const counter = counterOf[registration.status];
    const seat = seatCondition && seatConditions[seatCondition];
    if (!counter) throw new Error(`a new registration cannot be ${registration.status}`);
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.#table,
          Item: {
            ...keys.registration(registration.id),
            ...registration,
            manageTokenHash,
            editionKey: registration.edition,
            createdOrder: `${registration.createdAt}#${registration.id}`,
            searchText: [registration.name, registration.email, registration.organization ?? '']
              .join(' ')
              .toLowerCase(),
            ...(registration.status === 'waitlisted'
              ? waitlistEntry(registration, registration.createdAt)
              : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.#table,
          Item: {
            ...keys.email(registration.edition, normalizeEmail(registration.email)),
            registrationId: registration.id,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.#table,
          Item: { ...keys.code(registration.code), registrationId: registration.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: this.#table,
          Key: keys.category(registration.edition, registration.category),
          UpdateExpression: 'SET #counter = #counter + :one',
          ConditionExpression: ['attribute_exists(pk)', ...(seat ? [seat.expression] : [])].join(' AND '),
          ExpressionAttributeNames: { '#counter': counter, ...seat?.names },
          ExpressionAttributeValues: { ':one': 1, ...seat?.values },
        },
      },
      outboxPut(this.#table, outbox),
    ];
    if (idempotency) {
      items.push({
        Update: {
          TableName: this.#table,
          Key: keys.idempotency(idempotency.recordId),
          UpdateExpression: 'SET #state = :completed, sealedResponse = :response REMOVE lockedUntil',
          ConditionExpression: '#state = :inProgress AND requestHash = :requestHash',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':completed': 'completed',
            ':inProgress': 'in_progress',
            ':response': idempotency.sealedResponse,
            ':requestHash': idempotency.requestHash,
          },
        },
      });
    }
    await this.#transact(items, [
      'state_changed',
      'email_taken',
      'code_taken',
      'seats_changed',
      'state_changed',
      'state_changed',
    ]);
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

  async transition(transition: Transition): Promise<void> {
    const { registration, at } = transition;
    const items: TransactItem[] = [this.#statusUpdate(transition)];
    const reasons: ConflictReason[] = ['state_changed'];
    if (transition.promote) {
      items.push(
        this.#statusUpdate({
          registration: transition.promote,
          to: 'confirmed',
          at,
          counters: {},
          releaseEmail: false,
          outbox: [],
        }),
      );
      reasons.push('state_changed');
    }
    const deltas = Object.entries(transition.counters).filter(([, delta]) => delta);
    if (deltas.length) {
      const seat = transition.seatCondition && seatConditions[transition.seatCondition];
      items.push({
        Update: {
          TableName: this.#table,
          Key: keys.category(registration.edition, registration.category),
          UpdateExpression: `SET ${deltas.map(([counter]) => `#${counter} = #${counter} + :${counter}`).join(', ')}`,
          ConditionExpression: ['attribute_exists(pk)', ...(seat ? [seat.expression] : [])].join(' AND '),
          ExpressionAttributeNames: {
            ...Object.fromEntries(deltas.map(([counter]) => [`#${counter}`, counter])),
            ...seat?.names,
          },
          ExpressionAttributeValues: {
            ...Object.fromEntries(deltas.map(([counter, delta]) => [`:${counter}`, delta])),
            ...seat?.values,
          },
        },
      });
      reasons.push('seats_changed');
    }
    if (transition.releaseEmail) {
      items.push({
        Delete: {
          TableName: this.#table,
          Key: keys.email(registration.edition, normalizeEmail(registration.email)),
          ConditionExpression: 'registrationId = :id',
          ExpressionAttributeValues: { ':id': registration.id },
        },
      });
      reasons.push('state_changed');
    }
    for (const message of transition.outbox) {
      items.push(outboxPut(this.#table, message));
      reasons.push('state_changed');
    }
    await this.#transact(items, reasons);
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

  async setCapacity(edition: string, category: string, capacity: number): Promise<CategoryState> {
    try {
      const { Attributes } = await this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: keys.category(edition, category),
          UpdateExpression: 'SET #capacity = :capacity',
          ConditionExpression: 'attribute_exists(pk) AND #confirmed <= :capacity',
          ExpressionAttributeNames: { '#capacity': 'capacity', '#confirmed': 'confirmed' },
          ExpressionAttributeValues: { ':capacity': capacity },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toCategory(Attributes ?? {});
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new RegistrationConflict('seats_changed');
      throw error;
    }
  }

  async checkIn(registration: Registration, at: string, nonce: string | undefined): Promise<void> {
    await this.#transact(
      [
        {
          Update: {
            TableName: this.#table,
            Key: keys.registration(registration.id),
            UpdateExpression: `SET checkedInAt = :at${nonce ? ', checkinNonce = :nonce' : ''}`,
            ConditionExpression: '#status = :confirmed AND attribute_not_exists(checkedInAt)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':at': at,
              ':confirmed': 'confirmed',
              ...(nonce ? { ':nonce': nonce } : {}),
            },
          },
        },
        {
          Update: {
            TableName: this.#table,
            Key: keys.category(registration.edition, registration.category),
            UpdateExpression: 'SET checkedIn = checkedIn + :one',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
      ],
      ['state_changed', 'not_found'],
    );
  }

  async list(query: RegistrationQuery): Promise<{ items: Registration[]; nextCursor: string | null }> {
    const filters: string[] = [];
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
          ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
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
      throw new InvalidCursorError('the cursor is not one this API gave out');
    }
    return key;
  }

  async *all(edition: string): AsyncGenerator<Registration> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#table,
          IndexName: 'byEdition',
          KeyConditionExpression: 'editionKey = :edition',
          ExpressionAttributeValues: { ':edition': edition },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) yield toRegistration(item);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  #statusUpdate({
    registration,
    to,
    at,
    waitlistOrder,
    requireNotCheckedIn,
  }: Omit<Transition, 'counters' | 'outbox' | 'releaseEmail'> & Partial<Transition>): TransactItem {
    const set = ['#status = :to', 'updatedAt = :at'];
    const values: Record<string, unknown> = { ':to': to, ':at': at, ':from': registration.status };
    if (to === 'waitlisted') {
      const entry = waitlistEntry(registration, waitlistOrder ?? at);
      set.push('waitlistKey = :waitlistKey', 'waitlistOrder = :waitlistOrder');
      values[':waitlistKey'] = entry.waitlistKey;
      values[':waitlistOrder'] = entry.waitlistOrder;
    }
    const remove =
      registration.status === 'waitlisted' && to !== 'waitlisted' ? ' REMOVE waitlistKey, waitlistOrder' : '';
    return {
      Update: {
        TableName: this.#table,
        Key: keys.registration(registration.id),
        UpdateExpression: `SET ${set.join(', ')}${remove}`,
        ConditionExpression: `#status = :from${requireNotCheckedIn ? ' AND attribute_not_exists(checkedInAt)' : ''}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      },
    };
  }

  /** Runs a transaction; a failed condition becomes the RegistrationConflict named for its item. */
  async #transact(items: TransactItem[], reasons: ConflictReason[]): Promise<void> {
    try {
      await this.#client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      const failed = codes.indexOf('ConditionalCheckFailed');
      if (failed >= 0) throw new RegistrationConflict(reasons[failed] ?? 'state_changed');
      if (isRetryableCancellation(codes)) throw new TransactionBusyError(codes.join(','));
      throw error;
    }
  }
}

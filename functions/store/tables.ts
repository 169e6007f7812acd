/**
 * Every DynamoDB table and index, defined once. The local bootstrap, the tests and the CDK stack
 * all read these definitions, so keys and indexes cannot drift apart between them.
 */
export interface KeyAttribute {
  name: string;
  type: 'S' | 'N';
}

export interface IndexDefinition {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
}

export interface TableDefinition {
  /** The environment variable that carries the deployed table's name into a function. */
  nameVariable: string;
  /** The table's name where no variable sets it (locally). */
  defaultName: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  indexes: IndexDefinition[];
  timeToLiveAttribute?: string;
  /** Feeds a stream consumer (the outbox mailer) with each new item image. */
  stream?: 'NEW_IMAGE';
}

const pk: KeyAttribute = { name: 'pk', type: 'S' };
const sk: KeyAttribute = { name: 'sk', type: 'S' };

const text = (name: string): KeyAttribute => ({ name, type: 'S' });

export const tables: Record<'venues' | 'registrations' | 'audit' | 'residentAffairs', TableDefinition> = {
  /**
   * Venues of the town guide, their reviews, their search-term items, the per-client request
   * counters that rate-limit reviews, and the proof-of-work solutions reviews used (`CHALLENGE#`,
   * each written once, removed by TTL).
   */
  venues: {
    nameVariable: 'VENUES_TABLE',
    defaultName: 'wuzhen-venues',
    partitionKey: pk,
    sortKey: sk,
    indexes: [
      // Nearby search: a coarse geohash cell per partition, the fine geohash (and id) in order.
      { name: 'geo', partitionKey: text('geoCell'), sortKey: text('geoKey') },
      // Listing by category without a Scan.
      { name: 'byCategory', partitionKey: text('categoryKey'), sortKey: text('id') },
    ],
    timeToLiveAttribute: 'expiresAt',
  },
  /**
   * Registrations and everything that must change with them in one transaction: category
   * counters, the e-mail and check-in code claims, idempotency records and the outbox; beside
   * them, the proof-of-work solutions registrations used (`CHALLENGE#`, each written once) and the
   * per-address and per-domain registration counters that set the difficulty (`RATE#`), both TTL.
   */
  registrations: {
    nameVariable: 'REGISTRATIONS_TABLE',
    defaultName: 'wuzhen-registrations',
    partitionKey: pk,
    sortKey: sk,
    indexes: [
      // Sparse: only waitlisted registrations carry these keys, oldest first per category.
      { name: 'waitlist', partitionKey: text('waitlistKey'), sortKey: text('waitlistOrder') },
      // Every registration of an edition, newest first, for the organizers' list.
      { name: 'byEdition', partitionKey: text('editionKey'), sortKey: text('createdOrder') },
      // Sparse: messages not yet handed to the mail service.
      { name: 'outbox', partitionKey: text('outboxKey'), sortKey: text('outboxOrder') },
    ],
    timeToLiveAttribute: 'expiresAt',
    stream: 'NEW_IMAGE',
  },
  /**
   * The audit trail of staff access, a table of its own so that no function may change or delete
   * an entry (they get PutItem and Query only). Every entry is in one partition, `sk` = time#id, newest
   * last: staff write a few entries a second at most, far below a partition's 1,000 writes a second.
   * Entries expire by TTL after the retention period (docs/audit.md).
   */
  audit: {
    nameVariable: 'AUDIT_TABLE',
    defaultName: 'wuzhen-audit',
    partitionKey: pk,
    sortKey: sk,
    indexes: [
      // One staff member's entries, in time order.
      { name: 'byActor', partitionKey: text('actor'), sortKey: sk },
      // One action's entries, in time order.
      { name: 'byAction', partitionKey: text('action'), sortKey: sk },
    ],
    timeToLiveAttribute: 'expiresAt',
  },
  /**
   * Residents' service requests (Open311), each with its timeline in its own partition
   * (`REQUEST#id`: the request, then its entries in time order), and the idempotency records of
   * their creation (TTL). Every request of a township of 4,000 sits in the one `byDate` partition:
   * a few a minute at most, far below a partition's 1,000 writes a second.
   */
  residentAffairs: {
    nameVariable: 'RESIDENT_AFFAIRS_TABLE',
    defaultName: 'wuzhen-resident-affairs',
    partitionKey: pk,
    sortKey: sk,
    indexes: [
      // Sparse: open requests (`OPEN`) longest-waiting first, the staff queue; closed ones
      // (`CLOSED`) by when they closed, for the retention rule. Anonymised requests carry neither.
      { name: 'byStage', partitionKey: text('stageKey'), sortKey: text('stageOrder') },
      // Every request by submission time, for the public listing's date window without a Scan.
      { name: 'byDate', partitionKey: text('listKey'), sortKey: text('listOrder') },
      // The request a follow link's token (its hash) opens.
      { name: 'byFollowToken', partitionKey: text('followTokenHash') },
    ],
    timeToLiveAttribute: 'expiresAt',
  },
};

export type TableId = keyof typeof tables;
export type TableNames = Record<TableId, string>;

export function tableNamesFrom(env: Record<string, string | undefined>, prefix = ''): TableNames {
  const entries = Object.entries(tables).map(([id, table]) => [
    id,
    env[table.nameVariable] ?? `${prefix}${table.defaultName}`,
  ]);
  return Object.fromEntries(entries) as TableNames;
}

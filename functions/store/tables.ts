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
}

const pk: KeyAttribute = { name: 'pk', type: 'S' };
const sk: KeyAttribute = { name: 'sk', type: 'S' };

export const tables: Record<'venues', TableDefinition> = {
  /** Venues of the town guide, their reviews and the lookup indexes derived from them. */
  venues: {
    nameVariable: 'VENUES_TABLE',
    defaultName: 'wuzhen-venues',
    partitionKey: pk,
    sortKey: sk,
    indexes: [],
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

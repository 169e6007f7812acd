import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/store/dynamodb/client.ts';
import { type TableNames, tableNamesFrom } from '../../functions/store/tables.ts';

export type Item = Record<string, unknown>;

/** Every item of a table, read with a full scan (test-sized tables only). */
export async function scanTable(endpoint: string, tableName: string): Promise<Item[]> {
  const client = createDocumentClient({
    endpoint,
    region: 'us-east-1',
    requestTimeoutMs: 5000,
    maxAttempts: 3,
  });
  try {
    const items: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, ConsistentRead: true }),
      );
      items.push(...((page.Items ?? []) as Item[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  } finally {
    client.destroy();
  }
}

/** The portal's own table names (as `npm start` creates them). */
export const portalTables: TableNames = tableNamesFrom({});

/** Both tables as a sorted, comparable snapshot. */
export async function snapshotTables(endpoint: string): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const [id, name] of Object.entries(portalTables)) {
    const items = await scanTable(endpoint, name);
    snapshot[id] = items.map(stableJson).sort();
  }
  return snapshot;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value instanceof Set) return stableJson([...value].sort());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${stableJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

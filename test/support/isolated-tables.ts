import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import {
  createDocumentClient,
  createDynamoDbClient,
  type DynamoDbSettings,
  localTimeouts,
} from '../../functions/store/dynamodb/client.ts';
import { deleteTables, ensureTables } from '../../functions/store/dynamodb/table-setup.ts';
import { type TableNames, tableNamesFrom } from '../../functions/store/tables.ts';

/** A fresh set of the portal's tables on the run's DynamoDB Local, private to one test file. */
export async function isolatedTables() {
  const settings: DynamoDbSettings = {
    endpoint: inject('dynamodbEndpoint'),
    region: 'us-east-1',
    ...localTimeouts,
  };
  const tableNames: TableNames = tableNamesFrom({}, `t${randomUUID().slice(0, 8)}-`);
  const client = createDynamoDbClient({ ...settings, requestTimeoutMs: 10_000 });
  await ensureTables(client, tableNames);
  const documentClient = createDocumentClient(settings);
  // For a test's own look at what is stored: never cut short by the functions' fail-fast timeouts.
  const inspectionClient = createDocumentClient({ ...settings, requestTimeoutMs: 10_000 });
  return {
    settings,
    tableNames,
    documentClient,
    inspectionClient,
    async dispose() {
      await deleteTables(client, tableNames);
      documentClient.destroy();
      inspectionClient.destroy();
      client.destroy();
    },
  };
}

import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import {
  createDocumentClient,
  createDynamoDbClient,
  type DynamoDbSettings,
} from '../../functions/store/dynamodb/client.ts';
import { deleteTables, ensureTables } from '../../functions/store/dynamodb/table-setup.ts';
import { type TableNames, tableNamesFrom } from '../../functions/store/tables.ts';

/** A fresh set of the portal's tables on the run's DynamoDB Local, private to one test file. */
export async function isolatedTables() {
  const settings: DynamoDbSettings = { endpoint: inject('dynamodbEndpoint'), region: 'us-east-1' };
  const tableNames: TableNames = tableNamesFrom({}, `t${randomUUID().slice(0, 8)}-`);
  const client = createDynamoDbClient(settings);
  await ensureTables(client, tableNames);
  const documentClient = createDocumentClient(settings);
  return {
    settings,
    tableNames,
    documentClient,
    async dispose() {
      await deleteTables(client, tableNames);
      documentClient.destroy();
      client.destroy();
    },
  };
}

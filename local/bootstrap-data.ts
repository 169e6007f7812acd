import { loadVenues } from '../content/load.ts';
import { seedContent } from '../functions/domain/seed.ts';
import {
  createDocumentClient,
  createDynamoDbClient,
  type DynamoDbSettings,
} from '../functions/store/dynamodb/client.ts';
import { ensureTables } from '../functions/store/dynamodb/table-setup.ts';
import { DynamoDbVenueStore } from '../functions/store/dynamodb/venue-store.ts';
import type { TableNames } from '../functions/store/tables.ts';

/** Creates the missing tables and upserts `content/` into them: run on every start. */
export async function bootstrapData(settings: DynamoDbSettings, tableNames: TableNames) {
  const client = createDynamoDbClient(settings);
  try {
    await ensureTables(client, tableNames);
  } finally {
    client.destroy();
  }
  const documentClient = createDocumentClient(settings);
  try {
    return await seedContent(new DynamoDbVenueStore(documentClient, tableNames.venues), {
      venues: await loadVenues(),
    });
  } finally {
    documentClient.destroy();
  }
}

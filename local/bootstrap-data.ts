import { currentEdition, loadEditions, loadPrivacyNotice, loadVenues } from '../content/load.ts';
import { seedContent } from '../functions/domain/seed.ts';
import {
  createDocumentClient,
  createDynamoDbClient,
  type DynamoDbSettings,
} from '../functions/store/dynamodb/client.ts';
import { DynamoDbRegistrationStore } from '../functions/store/dynamodb/registration-store.ts';
import { ensureTables } from '../functions/store/dynamodb/table-setup.ts';
import { DynamoDbVenueStore } from '../functions/store/dynamodb/venue-store.ts';
import type { TableNames } from '../functions/store/tables.ts';

/**
 * Creates the missing tables (the stack's job in AWS): run on every start, when the JVM may still be
 * warming up, so with patient timeouts.
 */
export async function createMissingTables(settings: DynamoDbSettings, tableNames: TableNames) {
  const client = createDynamoDbClient({ ...settings, requestTimeoutMs: 10_000 });
  try {
    await ensureTables(client, tableNames);
  } finally {
    client.destroy();
  }
}

/** Creates the missing tables and upserts `content/` into them (the seed trigger's job in AWS). */
export async function bootstrapData(settings: DynamoDbSettings, tableNames: TableNames) {
  await createMissingTables(settings, tableNames);
  const documentClient = createDocumentClient({ ...settings, requestTimeoutMs: 10_000 });
  try {
    return await seedContent(
      {
        venues: new DynamoDbVenueStore(documentClient, tableNames.venues),
        registrations: new DynamoDbRegistrationStore(documentClient, tableNames.registrations),
      },
      {
        venues: await loadVenues(),
        currentEdition: currentEdition(await loadEditions()),
        privacyNotice: await loadPrivacyNotice(),
      },
    );
  } finally {
    documentClient.destroy();
  }
}

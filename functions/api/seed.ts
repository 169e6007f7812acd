import { currentEdition, loadEditions, loadVenues } from '../../content/load.ts';
import { seedContent } from '../domain/seed.ts';
import { createDocumentClient, dynamoDbSettingsFrom } from '../store/dynamodb/client.ts';
import { DynamoDbRegistrationStore } from '../store/dynamodb/registration-store.ts';
import { DynamoDbVenueStore } from '../store/dynamodb/venue-store.ts';
import { tableNamesFrom } from '../store/tables.ts';

/**
 * Runs once per deployment (a CDK trigger): upserts the venues and the current edition from the
 * content copied next to this bundle. A failure fails the deployment, so bad content never goes
 * live half-seeded. A deployment can wait, so attempts are patient, unlike the API's.
 */
export async function handler() {
  const client = createDocumentClient({
    ...dynamoDbSettingsFrom(process.env),
    requestTimeoutMs: 5_000,
    maxAttempts: 5,
  });
  const tableNames = tableNamesFrom(process.env);
  const seeded = await seedContent(
    {
      venues: new DynamoDbVenueStore(client, tableNames.venues),
      registrations: new DynamoDbRegistrationStore(client, tableNames.registrations),
    },
    { venues: await loadVenues(), currentEdition: currentEdition(await loadEditions()) },
  );
  console.log(JSON.stringify({ message: 'content seeded', ...seeded }));
  return seeded;
}

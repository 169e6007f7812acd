import type { RegistrationContext } from '../../domain/registration-context.ts';
import { documentClient, tableNames } from './environment.ts';
import { DynamoDbIdempotencyStore } from './idempotency-store.ts';
import { DynamoDbRegistrationStore } from './registration-store.ts';

const store = new DynamoDbRegistrationStore(documentClient, tableNames.registrations);
const idempotency = new DynamoDbIdempotencyStore(documentClient, tableNames.registrations);
let edition: RegistrationContext['edition'] | undefined;

/** The registration context of a function: built once per container, the edition read on first use. */
export async function registrationContext(): Promise<RegistrationContext> {
  edition ??= await store.currentEdition();
  if (!edition) throw new Error('no current edition: the content has not been seeded');
  return {
    store,
    idempotency,
    edition,
    siteOrigin: process.env.SITE_ORIGIN ?? 'http://127.0.0.1:4321',
    now: () => new Date(),
  };
}

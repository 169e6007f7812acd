import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { ProofOfWork } from '../domain/challenges.ts';
import type { Probe } from '../domain/health.ts';
import { proofOfWorkSettingsFrom } from '../domain/proof-of-work.ts';
import type { RegistrationContext } from '../domain/registration-context.ts';
import { createSesTransport } from '../mail/ses-transport.ts';
import { createDocumentClient, dynamoDbSettingsFrom } from '../store/dynamodb/client.ts';
import { dynamoDbProbe } from '../store/dynamodb/health-probe.ts';
import { DynamoDbIdempotencyStore } from '../store/dynamodb/idempotency-store.ts';
import { DynamoDbOutboxStore } from '../store/dynamodb/outbox-store.ts';
import { DynamoDbRateLimiter } from '../store/dynamodb/rate-limiter.ts';
import { DynamoDbRegistrationStore } from '../store/dynamodb/registration-store.ts';
import { DynamoDbUsedChallengeStore } from '../store/dynamodb/used-challenge-store.ts';
import { DynamoDbVenueStore } from '../store/dynamodb/venue-store.ts';
import { type TableId, tableNamesFrom } from '../store/tables.ts';

/**
 * The one place where the functions meet AWS: each entry point asks here for its dependencies, built
 * from the environment the stack (or the local server) gives it, once per container. Nothing else
 * under functions/ constructs a DynamoDB adapter.
 */
const tableNames = tableNamesFrom(process.env);
let documentClient: ReturnType<typeof createDocumentClient> | undefined;
const client = () => {
  documentClient ??= createDocumentClient(dynamoDbSettingsFrom(process.env));
  return documentClient;
};
let clock: () => Date = () => new Date();
const now = () => clock();

/**
 * Sets the clock every function reads. Only the local server calls this (for tests and local
 * trials, from LOCAL_CLOCK_START); no Lambda entry point does, so a deployment always runs on the
 * real time whatever its environment says.
 */
export function useClock(localClock: () => Date): void {
  clock = localClock;
}

export const healthProbes = (): Record<string, Probe> => ({
  dynamodb: dynamoDbProbe(client(), tableNames.venues),
});

let proofOfWorkSecret: Promise<string> | undefined;

/**
 * The key challenges are signed with: PROOF_OF_WORK_SECRET locally (the local server keeps one
 * under its data folder), in AWS read once per container from the Secrets Manager secret the stack
 * names, so the key never sits in the function's configuration.
 */
async function readProofOfWorkSecret(): Promise<string> {
  const local = process.env.PROOF_OF_WORK_SECRET;
  if (local) return local;
  const secretId = process.env.PROOF_OF_WORK_SECRET_ARN;
  if (!secretId) throw new Error('neither PROOF_OF_WORK_SECRET nor PROOF_OF_WORK_SECRET_ARN is set');
  const { SecretString } = await new SecretsManagerClient({}).send(
    new GetSecretValueCommand({ SecretId: secretId }),
  );
  if (!SecretString) throw new Error('the proof-of-work secret is empty');
  return SecretString;
}

/**
 * Proof of work for a function: solutions claimed in, and registrations counted in, the table the
 * function already uses, so it needs no other table. A failed secret read is retried next time.
 */
export function proofOfWork(table: TableId): () => Promise<ProofOfWork> {
  const settings = proofOfWorkSettingsFrom(process.env);
  const rateLimiter = new DynamoDbRateLimiter(client(), tableNames[table]);
  const usedChallenges = new DynamoDbUsedChallengeStore(client(), tableNames[table]);
  return async () => {
    proofOfWorkSecret ??= readProofOfWorkSecret().catch((error: unknown) => {
      proofOfWorkSecret = undefined;
      throw error;
    });
    return { secret: await proofOfWorkSecret, settings, rateLimiter, usedChallenges, now };
  };
}

export const venueDependencies = () => ({
  store: new DynamoDbVenueStore(client(), tableNames.venues),
  rateLimiter: new DynamoDbRateLimiter(client(), tableNames.venues),
  now,
  proofOfWork: proofOfWork('venues'),
});

/** The registration context of a function: built once per container, the edition read on first use. */
export function registrationContexts(): () => Promise<RegistrationContext> {
  const store = new DynamoDbRegistrationStore(client(), tableNames.registrations);
  const idempotency = new DynamoDbIdempotencyStore(client(), tableNames.registrations);
  let edition: RegistrationContext['edition'] | undefined;
  return async () => {
    edition ??= await store.currentEdition();
    if (!edition) throw new Error('no current edition: the content has not been seeded');
    return {
      store,
      idempotency,
      edition,
      siteOrigin: process.env.SITE_ORIGIN ?? 'http://127.0.0.1:4321',
      now,
    };
  };
}

export const mailDelivery = () => ({
  transport: createSesTransport(new SESv2Client({})),
  outbox: new DynamoDbOutboxStore(client(), tableNames.registrations),
  from: process.env.MAIL_FROM ?? '',
  now,
});

/** A deployment can wait, so the seed's attempts are patient, unlike the API's. */
export function seedStores() {
  const patient = createDocumentClient({
    ...dynamoDbSettingsFrom(process.env),
    requestTimeoutMs: 5_000,
    maxAttempts: 5,
  });
  return {
    venues: new DynamoDbVenueStore(patient, tableNames.venues),
    registrations: new DynamoDbRegistrationStore(patient, tableNames.registrations),
  };
}

import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { CheckinDeskDependencies } from '../api/checkin-desk.ts';
import type { ResidentAffairsDependencies } from '../api/resident-affairs-dependencies.ts';
import type { ResidentAffairsStaffDependencies } from '../api/resident-affairs-staff.ts';
import { defaultAuditRetentionDays } from '../domain/audit.ts';
import type { ProofOfWork } from '../domain/challenges.ts';
import { checkinSigningKey } from '../domain/checkin-signing-key.ts';
import type { Probe } from '../domain/health.ts';
import { proofOfWorkSettingsFrom } from '../domain/proof-of-work.ts';
import type { RegistrationContext } from '../domain/registration-context.ts';
import {
  type AnonymiseDependencies,
  defaultResidentAffairsRetentionDays,
} from '../domain/resident-affairs/anonymise.ts';
import { defaultFirstResponseTargetMinutes } from '../domain/resident-affairs/lifecycle.ts';
import type { StaffAuditDependencies } from '../http/staff-audit.ts';
import { createSesTransport } from '../mail/ses-transport.ts';
import { DynamoDbAuditStore } from '../store/dynamodb/audit-store.ts';
import { DynamoDbCheckinScanStore } from '../store/dynamodb/checkin-scan-store.ts';
import { createDocumentClient, dynamoDbSettingsFrom } from '../store/dynamodb/client.ts';
import { dynamoDbProbe } from '../store/dynamodb/health-probe.ts';
import { DynamoDbIdempotencyStore } from '../store/dynamodb/idempotency-store.ts';
import { DynamoDbOutboxStore } from '../store/dynamodb/outbox-store.ts';
import { DynamoDbRateLimiter } from '../store/dynamodb/rate-limiter.ts';
import { DynamoDbRegistrationStore } from '../store/dynamodb/registration-store.ts';
import { DynamoDbResidentAffairsStore } from '../store/dynamodb/resident-affairs-store.ts';
import { DynamoDbUsedChallengeStore } from '../store/dynamodb/used-challenge-store.ts';
import { DynamoDbVenueStore } from '../store/dynamodb/venue-store.ts';
import { createFilesystemPhotoStore } from '../store/filesystem/photo-store.ts';
import type { PhotoStore } from '../store/photo-store.ts';
import { createS3PhotoStore } from '../store/s3/photo-store.ts';
import { type TableId, tableNamesFrom } from '../store/tables.ts';
import { tracer } from '../telemetry/telemetry.ts';

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

let mailCopies: RegistrationContext['mailCopies'];

/**
 * Where delivered messages leave copies an erasure must remove. Only the local server calls this
 * (its `.eml` folder); in AWS, SES keeps none.
 */
export function useMailCopies(copies: RegistrationContext['mailCopies']): void {
  mailCopies = copies;
}

export const healthProbes = (): Record<string, Probe> => ({
  dynamodb: dynamoDbProbe(client(), tableNames.venues),
});

/**
 * A key the stack generated in Secrets Manager (named by `arnVariable`, readable only by the
 * functions that need it), or locally the value the local server sets in `localVariable` (kept under
 * .data/): read once per container, so it never sits in a function's configuration. A failed read
 * is not kept: the next request tries again.
 */
function secretKey(localVariable: string, arnVariable: string): () => Promise<string> {
  let key: Promise<string> | undefined;
  const read = async () => {
    const local = process.env[localVariable];
    if (local) return local;
    const secretId = process.env[arnVariable];
    if (!secretId) throw new Error(`neither ${localVariable} nor ${arnVariable} is set`);
    const { SecretString } = await tracer
      .captureAWSv3Client(new SecretsManagerClient({}))
      .send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!SecretString) throw new Error(`the secret ${arnVariable} names is empty`);
    return SecretString;
  };
  return () => {
    key ??= read().catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  };
}

/** The key that hashes client addresses in the audit trail. */
const auditAddressKey = secretKey('AUDIT_ADDRESS_KEY', 'AUDIT_ADDRESS_KEY_SECRET_ARN');

/** The audit trail of staff requests, for the functions that serve `/api/admin/*`. */
export const staffAuditDependencies = (): StaffAuditDependencies => ({
  store: new DynamoDbAuditStore(client(), tableNames.audit),
  addressKey: auditAddressKey,
  now,
  retentionDays: Number(process.env.AUDIT_RETENTION_DAYS ?? defaultAuditRetentionDays),
});

/** The secret every edition's check-in signing key is derived from (checkin-signing-key.ts). */
const checkinSigningSecret = secretKey('CHECKIN_SIGNING_SECRET', 'CHECKIN_SIGNING_SECRET_ARN');

/**
 * An edition's check-in signing key, for the functions that sign tickets (registrations: the ticket
 * image; the mailer: the ticket e-mail) or publish its public key (organizer: the desks).
 */
export const checkinSigningKeys = async (edition: string) =>
  checkinSigningKey(await checkinSigningSecret(), edition);

/** What the check-in desks' routes need, on the registrations table (where the tickets are). */
export const checkinDeskDependencies = (
  contextFor: () => Promise<RegistrationContext>,
): CheckinDeskDependencies => ({
  contextFor,
  scans: new DynamoDbCheckinScanStore(client(), tableNames.registrations),
  signingKey: checkinSigningKeys,
});

/** The key challenges are signed with. */
const proofOfWorkSecret = secretKey('PROOF_OF_WORK_SECRET', 'PROOF_OF_WORK_SECRET_ARN');

/**
 * Proof of work for a function: solutions claimed in, and registrations counted in, the table the
 * function already uses, so it needs no other table.
 */
export function proofOfWork(table: TableId): () => Promise<ProofOfWork> {
  const settings = proofOfWorkSettingsFrom(process.env);
  const rateLimiter = new DynamoDbRateLimiter(client(), tableNames[table]);
  const usedChallenges = new DynamoDbUsedChallengeStore(client(), tableNames[table]);
  return async () => ({ secret: await proofOfWorkSecret(), settings, rateLimiter, usedChallenges, now });
}

export const venueDependencies = () => ({
  store: new DynamoDbVenueStore(client(), tableNames.venues, tableNames.audit),
  rateLimiter: new DynamoDbRateLimiter(client(), tableNames.venues),
  now,
  proofOfWork: proofOfWork('venues'),
});

/**
 * Where photos are kept: the folder PHOTO_DIRECTORY names (the local server's `<DATA_DIR>/uploads`),
 * else the bucket PHOTO_BUCKET names.
 */
function photoStore(): PhotoStore {
  const directory = process.env.PHOTO_DIRECTORY;
  if (directory) return createFilesystemPhotoStore({ directory });
  const bucket = process.env.PHOTO_BUCKET;
  if (!bucket) throw new Error('neither PHOTO_DIRECTORY nor PHOTO_BUCKET is set');
  return createS3PhotoStore({ client: tracer.captureAWSv3Client(new S3Client({})), bucket });
}

/** The key photo view URLs are signed with (functions/domain/photos/photo-view-url.ts). */
const photoViewSecret = secretKey('PHOTO_VIEW_SECRET', 'PHOTO_VIEW_SECRET_ARN');

/** The first-response target staff work to, in minutes (30 unless the stack says otherwise). */
const firstResponseTargetMinutes = () =>
  Number(process.env.FIRST_RESPONSE_TARGET_MINUTES ?? defaultFirstResponseTargetMinutes);

/**
 * Residents' requests, with the outbox (in the registrations table) where staff replies are queued
 * and from which an erasure or the retention rule removes them; with the audit table for the staff
 * desk, whose changes write their entry in the same transaction.
 */
const residentAffairsStore = (auditTable?: string) =>
  new DynamoDbResidentAffairsStore(
    client(),
    tableNames.residentAffairs,
    auditTable,
    tableNames.registrations,
  );

/** The public resident-affairs function's dependencies: its table, photos, and the guide's landmarks. */
export function residentAffairsDependencies(): ResidentAffairsDependencies {
  const venues = new DynamoDbVenueStore(client(), tableNames.venues);
  let photos: PhotoStore | undefined;
  return {
    store: residentAffairsStore(),
    idempotency: new DynamoDbIdempotencyStore(client(), tableNames.residentAffairs),
    rateLimiter: new DynamoDbRateLimiter(client(), tableNames.residentAffairs),
    // Built on first use, as the secrets are: loading the entry point needs no configuration.
    get photos() {
      photos ??= photoStore();
      return photos;
    },
    photoViewSecret,
    proofOfWork: proofOfWork('residentAffairs'),
    findLandmark: async (id) => {
      const stored = await venues.getVenue(id);
      return stored && { location: stored.venue.location, name: stored.venue.name };
    },
    get siteOrigin() {
      return process.env.SITE_ORIGIN ?? 'http://127.0.0.1:4321';
    },
    firstResponseTargetMinutes: firstResponseTargetMinutes(),
    ...(mailCopies ? { mailCopies } : {}),
    now,
  };
}

/** The registration context of a function: built once per container, the edition read on first use. */
export function registrationContexts(): () => Promise<RegistrationContext> {
  const store = new DynamoDbRegistrationStore(client(), tableNames.registrations, tableNames.audit);
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
      ...(mailCopies ? { mailCopies } : {}),
    };
  };
}

/**
 * The staff desk of resident affairs: its changes write their audit entry, and a public note its
 * e-mail in the outbox (the registrations table), in the change's transaction.
 */
export const residentAffairsStaffDependencies = (): ResidentAffairsStaffDependencies => ({
  store: residentAffairsStore(tableNames.audit),
  photoViewSecret,
  now,
  targetMinutes: firstResponseTargetMinutes(),
});

/** The retention rule of resident affairs: requests, their photos, and their e-mails in the outbox. */
export const residentAffairsRetention = () => ({
  dependencies: {
    store: residentAffairsStore(),
    photos: photoStore(),
    ...(mailCopies ? { mailCopies } : {}),
    now,
  } satisfies AnonymiseDependencies,
  retentionDays: Number(process.env.RESIDENT_AFFAIRS_RETENTION_DAYS ?? defaultResidentAffairsRetentionDays),
});

/** The current edition's id, for the outbox items queued before messages named their edition. */
const currentEditionId = async () => {
  const edition = await new DynamoDbRegistrationStore(client(), tableNames.registrations).currentEdition();
  if (!edition) throw new Error('no current edition: the content has not been seeded');
  return edition.id;
};

export const mailDelivery = () => ({
  transport: createSesTransport(tracer.captureAWSv3Client(new SESv2Client({}))),
  outbox: new DynamoDbOutboxStore(client(), tableNames.registrations),
  from: process.env.MAIL_FROM ?? '',
  siteOrigin: process.env.SITE_ORIGIN ?? 'http://127.0.0.1:4321',
  signingKey: checkinSigningKeys,
  currentEdition: currentEditionId,
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

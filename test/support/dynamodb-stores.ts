import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbAuditStore } from '../../functions/store/dynamodb/audit-store.ts';
import { DynamoDbIdempotencyStore } from '../../functions/store/dynamodb/idempotency-store.ts';
import { DynamoDbOutboxStore } from '../../functions/store/dynamodb/outbox-store.ts';
import { DynamoDbRateLimiter } from '../../functions/store/dynamodb/rate-limiter.ts';
import { DynamoDbRegistrationStore } from '../../functions/store/dynamodb/registration-store.ts';
import { DynamoDbVenueStore } from '../../functions/store/dynamodb/venue-store.ts';
import type { TableNames } from '../../functions/store/tables.ts';
import type { ScenarioStores } from './domain-scenarios.ts';

/** Every store port over DynamoDB, for the scenarios the in-memory stores also run. */
export function dynamoDbStores(client: DynamoDBDocumentClient, tableNames: TableNames): ScenarioStores {
  return {
    registrations: new DynamoDbRegistrationStore(client, tableNames.registrations, tableNames.audit),
    idempotency: new DynamoDbIdempotencyStore(client, tableNames.registrations),
    outbox: new DynamoDbOutboxStore(client, tableNames.registrations),
    venues: new DynamoDbVenueStore(client, tableNames.venues, tableNames.audit),
    rateLimiter: new DynamoDbRateLimiter(client, tableNames.venues),
    audit: new DynamoDbAuditStore(client, tableNames.audit),
  };
}

import { MemoryAuditStore } from './audit-store.ts';
import { MemoryIdempotencyStore } from './idempotency-store.ts';
import { MemoryOutboxStore } from './outbox-store.ts';
import { MemoryRateLimiter } from './rate-limiter.ts';
import { MemoryRegistrationData } from './registration-data.ts';
import { MemoryRegistrationStore } from './registration-store.ts';
import { MemoryVenueStore } from './venue-store.ts';

/**
 * Every store port in memory, for unit tests of the domain's decisions: the registration ports
 * share their data as the DynamoDB adapters share one table.
 */
export function memoryStores() {
  const data = new MemoryRegistrationData();
  return {
    registrations: new MemoryRegistrationStore(data),
    idempotency: new MemoryIdempotencyStore(data),
    outbox: new MemoryOutboxStore(data),
    venues: new MemoryVenueStore(data.audit),
    audit: new MemoryAuditStore(data.audit),
    rateLimiter: new MemoryRateLimiter(),
  };
}

import { venueRoutes } from '../../functions/api/venues.ts';
import { routeHandler } from '../../functions/http/route-handler.ts';
import { contract } from '../../functions/routes.ts';
import { DynamoDbRateLimiter } from '../../functions/store/dynamodb/rate-limiter.ts';
import type { VenueStore } from '../../functions/store/venue-store.ts';
import type { isolatedTables } from './isolated-tables.ts';
import { testProofOfWork } from './proof-of-work.ts';
import { testStaffAudit } from './staff-audit.ts';

/** The venues function's routes over a test file's tables, as the API answers them. */
export function venueApi(tables: Awaited<ReturnType<typeof isolatedTables>>, store: VenueStore) {
  return routeHandler(
    contract,
    venueRoutes({
      store,
      rateLimiter: new DynamoDbRateLimiter(tables.inspectionClient, tables.tableNames.venues),
      now: () => new Date(),
      proofOfWork: testProofOfWork(tables.inspectionClient, tables.tableNames.venues),
    }),
    testStaffAudit(tables.inspectionClient, tables.tableNames),
  );
}

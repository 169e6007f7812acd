import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { defaultAuditRetentionDays } from '../../functions/domain/audit.ts';
import type { StaffAuditDependencies } from '../../functions/http/staff-audit.ts';
import { DynamoDbAuditStore } from '../../functions/store/dynamodb/audit-store.ts';
import type { TableNames } from '../../functions/store/tables.ts';

/** The key the tests' handlers hash client addresses with. */
export const testAddressKey = 'test-audit-address-key';

/** The audit trail a test's handlers write to, on the test's own audit table, as wiring.ts builds it. */
export function testStaffAudit(
  client: DynamoDBDocumentClient,
  tableNames: TableNames,
  now: () => Date = () => new Date(),
): StaffAuditDependencies {
  return {
    store: new DynamoDbAuditStore(client, tableNames.audit),
    addressKey: async () => testAddressKey,
    now,
    retentionDays: defaultAuditRetentionDays,
  };
}

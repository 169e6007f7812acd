import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  domainScenarios,
  registrationStoreContract,
  type ScenarioStores,
} from '../support/domain-scenarios.ts';
import { dynamoDbStores } from '../support/dynamodb-stores.ts';
import { isolatedTables } from '../support/isolated-tables.ts';

// The scenarios test/unit/domain-decisions.test.ts runs on the in-memory stores: the same
// decisions and port promises hold on DynamoDB, so the in-memory stores cannot drift from it.
let tables: Awaited<ReturnType<typeof isolatedTables>>;
let stores: ScenarioStores;
beforeAll(async () => {
  tables = await isolatedTables();
  stores = dynamoDbStores(tables.documentClient, tables.tableNames);
});
afterAll(() => tables.dispose());

describe('the domain’s decisions on DynamoDB', () => {
  for (const scenario of domainScenarios) it(scenario.name, () => scenario.run(stores));
});

describe('the DynamoDB registration store keeps the port’s contract', () => {
  for (const scenario of registrationStoreContract) it(scenario.name, () => scenario.run(stores));
});

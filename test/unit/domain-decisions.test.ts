import { describe, it } from 'vitest';
import { memoryStores } from '../../functions/store/memory/stores.ts';
import { domainScenarios, registrationStoreContract } from '../support/domain-scenarios.ts';

// The same scenarios run on DynamoDB Local in test/integration/domain-decisions.test.ts.
describe('the domain’s decisions on the in-memory stores', () => {
  for (const scenario of domainScenarios) it(scenario.name, () => scenario.run(memoryStores()));
});

describe('the in-memory registration store keeps the port’s contract', () => {
  for (const scenario of registrationStoreContract) it(scenario.name, () => scenario.run(memoryStores()));
});

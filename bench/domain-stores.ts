/**
 * The domain's decisions on the in-memory stores against the same decisions through DynamoDB Local:
 * every scenario of test/support/domain-scenarios.ts (register, waiting list, approval,
 * cancellation with promotion, capacity change, check-in, idempotent replay, listing, review rate
 * limit, and the registration port's own refusals), run in rounds on each store set. This is what
 * the unit tests on the in-memory stores save against the same tests on DynamoDB Local.
 * Prints figures; exits 1 only when a scenario fails.
 */
import { createDocumentClient, createDynamoDbClient } from '../functions/store/dynamodb/client.ts';
import { ensureTables } from '../functions/store/dynamodb/table-setup.ts';
import { memoryStores } from '../functions/store/memory/stores.ts';
import { tableNamesFrom } from '../functions/store/tables.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import {
  domainScenarios,
  registrationStoreContract,
  type ScenarioStores,
} from '../test/support/domain-scenarios.ts';
import { dynamoDbStores } from '../test/support/dynamodb-stores.ts';
import { percentile } from './support/load.ts';
import { tableLines } from './support/table.ts';

const rounds = 5;
const scenarios = [...domainScenarios, ...registrationStoreContract];

/** Milliseconds each scenario took, one array per scenario, over all rounds after a warm-up round. */
async function timeScenarios(storesFor: () => ScenarioStores): Promise<number[][]> {
  const times = scenarios.map(() => [] as number[]);
  for (let round = 0; round <= rounds; round += 1) {
    for (const [index, scenario] of scenarios.entries()) {
      const started = performance.now();
      await scenario.run(storesFor());
      if (round > 0) times[index]?.push(performance.now() - started);
    }
  }
  return times;
}

const median = (values: readonly number[]) => percentile(values, 50);
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(0));

const database = await startDynamoDbLocal();
try {
  const settings = { endpoint: database.endpoint, region: 'us-east-1', requestTimeoutMs: 10_000 };
  const tableNames = tableNamesFrom({}, 'bench-domain-');
  await ensureTables(createDynamoDbClient(settings), tableNames);
  const client = createDocumentClient(settings);
  const onDynamoDb = dynamoDbStores(client, tableNames);

  const memory = await timeScenarios(memoryStores);
  const dynamo = await timeScenarios(() => onDynamoDb);
  client.destroy();

  console.log(`${scenarios.length} scenarios, median of ${rounds} rounds after a warm-up round, ms`);
  const rows = scenarios.map((scenario, index) => {
    const inMemory = median(memory[index] ?? []);
    const local = median(dynamo[index] ?? []);
    return [scenario.name.slice(0, 60), ms(inMemory), ms(local), `${(local / inMemory).toFixed(0)}×`];
  });
  const roundTotals = (times: number[][]) =>
    Array.from({ length: rounds }, (_, round) => sum(times.map((scenario) => scenario[round] ?? 0)));
  const memoryTotal = median(roundTotals(memory));
  const dynamoTotal = median(roundTotals(dynamo));
  rows.push([
    'all scenarios (median round)',
    ms(memoryTotal),
    ms(dynamoTotal),
    `${(dynamoTotal / memoryTotal).toFixed(0)}×`,
  ]);
  for (const line of tableLines(['scenario', 'in memory', 'DynamoDB Local', 'ratio'], rows))
    console.log(line);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await database.stop();
}

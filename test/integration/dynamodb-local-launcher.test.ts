import { afterAll, describe, expect, it } from 'vitest';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb-local.ts';

const started: DynamoDbLocal[] = [];
afterAll(async () => {
  await Promise.all(started.map((database) => database.stop()));
});

describe('the DynamoDB Local launcher', () => {
  it('does not take another process listening on its port for its own database', async () => {
    const first = await startDynamoDbLocal();
    started.push(first);
    const port = Number(new URL(first.endpoint).port);
    // The port accepts connections at once, but from the first JVM: the second must not be ready.
    await expect(startDynamoDbLocal({ port })).rejects.toThrow(/Failed to bind/);
  });
});

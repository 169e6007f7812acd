import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { localTimeouts } from '../functions/store/dynamodb/client.ts';
import { type DynamoDbLocal, requireJava, startDynamoDbLocal } from './dynamodb-local.ts';

/**
 * For the local commands that work on the portal's data (`npm run shred`, `npm run retention`): the
 * data folder's own DynamoDB Local, started here (stop the portal first), unless the environment
 * names another database (DYNAMODB_ENDPOINT, or AWS credentials and `tableVariable`). Sets the
 * variables the wiring reads; undefined when another database is used.
 */
export async function ownDatabase(
  dataDirectory: string,
  tableVariable: string,
): Promise<DynamoDbLocal | undefined> {
  if (process.env.DYNAMODB_ENDPOINT || process.env[tableVariable]) return undefined;
  requireJava();
  const databaseDirectory = join(dataDirectory, 'dynamodb');
  await mkdir(databaseDirectory, { recursive: true });
  const database = await startDynamoDbLocal({ dataDirectory: databaseDirectory });
  process.env.DYNAMODB_ENDPOINT = database.endpoint;
  process.env.DYNAMODB_REQUEST_TIMEOUT_MS ??= String(localTimeouts.requestTimeoutMs);
  process.env.AWS_REGION ??= 'us-east-1';
  return database;
}

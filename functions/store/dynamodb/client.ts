import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoDbSettings {
  /** Set locally and in tests (DynamoDB Local); absent in AWS. */
  endpoint?: string;
  region: string;
}

export function dynamoDbSettingsFrom(env: Record<string, string | undefined>): DynamoDbSettings {
  return { endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION ?? 'us-east-1' };
}

/**
 * A fault must answer 503 within about a second, never hang: the SDK's default request timeout
 * only logs a warning, so each attempt is bounded here and retries are few.
 */
export function createDynamoDbClient({ endpoint, region }: DynamoDbSettings): DynamoDBClient {
  return new DynamoDBClient({
    region,
    endpoint,
    // DynamoDB Local accepts any credentials; in AWS the function's role provides them.
    credentials: endpoint ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined,
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 250, requestTimeout: 400, throwOnRequestTimeout: true },
  });
}

export function createDocumentClient(settings: DynamoDbSettings): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(createDynamoDbClient(settings), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

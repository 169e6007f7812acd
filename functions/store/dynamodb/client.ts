import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tracer } from '../../telemetry/telemetry.ts';
import { StoreUnavailableError } from '../store-errors.ts';
import { isDatabaseUnavailable } from './errors.ts';

export interface DynamoDbSettings {
  /** Set locally and in tests (DynamoDB Local); absent in AWS. */
  endpoint?: string;
  region: string;
  /** How long one attempt may take. */
  requestTimeoutMs?: number;
  maxAttempts?: number;
}

/**
 * In AWS, DynamoDB answers in milliseconds: short attempts with one retry ride out a blip.
 * DynamoDB Local answers in tens of milliseconds, hundreds under load, so the local server
 * gives one longer attempt instead (DYNAMODB_REQUEST_TIMEOUT_MS, DYNAMODB_MAX_ATTEMPTS).
 * Either way a fault is answered within about a second.
 */
export function dynamoDbSettingsFrom(env: Record<string, string | undefined>): DynamoDbSettings {
  return {
    endpoint: env.DYNAMODB_ENDPOINT,
    region: env.AWS_REGION ?? 'us-east-1',
    requestTimeoutMs: Number(env.DYNAMODB_REQUEST_TIMEOUT_MS) || undefined,
    maxAttempts: Number(env.DYNAMODB_MAX_ATTEMPTS) || undefined,
  };
}

/** The settings the local server and the tests use against DynamoDB Local. */
export const localTimeouts = { requestTimeoutMs: 900, maxAttempts: 1 } as const;

/**
 * A fault must answer 503 within about a second, never hang: the SDK's default request timeout
 * only logs a warning, so each attempt is bounded here and retries are few.
 */
export function createDynamoDbClient({
  endpoint,
  region,
  requestTimeoutMs = 400,
  maxAttempts = 2,
}: DynamoDbSettings): DynamoDBClient {
  const client = new DynamoDBClient({
    region,
    endpoint,
    // DynamoDB Local accepts any credentials; in AWS the function's role provides them.
    credentials: endpoint ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined,
    maxAttempts,
    requestHandler: {
      connectionTimeout: Math.min(requestTimeoutMs, 1000),
      requestTimeout: requestTimeoutMs,
      throwOnRequestTimeout: true,
      // The local server shares one client among all its requests; in Lambda one runs at a time.
      httpAgent: { keepAlive: true, maxSockets: 64 },
    },
  });
  // The one place where DynamoDB's ways of being unreachable (timeouts, refused connections,
  // throttling, its own 5xx) become the ports' StoreUnavailableError; outermost, so it sees what is
  // left after the SDK's own retries. Every other error (a failed condition) passes unchanged.
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        throw new StoreUnavailableError(`DynamoDB unavailable (${(error as Error).name})`, { cause: error });
      }
    },
    { step: 'initialize', priority: 'high', name: 'translateUnavailable' },
  );
  return client;
}

export function createDocumentClient(settings: DynamoDbSettings): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(tracer.captureAWSv3Client(createDynamoDbClient(settings)), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

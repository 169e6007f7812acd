import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Resolves when the table answers; rejects on any fault or when the signal aborts. */
export function dynamoDbProbe(client: DynamoDBDocumentClient, tableName: string) {
  return async (signal: AbortSignal): Promise<void> => {
    await client.send(new DescribeTableCommand({ TableName: tableName }), { abortSignal: signal });
  };
}

import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { TransactionBusyError } from '../store-errors.ts';
import { cancellationCodes, isRetryableCancellation } from './transaction-errors.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One item of a transaction, with what it means when its condition (if it has one) does not hold. */
export interface ConditionedItem<Reason> {
  item: TransactItem;
  whenConditionFails?: Reason;
}

/**
 * Writes the items all together or not at all. Resolves to undefined when written, or to the
 * reason carried by the first item whose condition failed; a cancellation caused only by other
 * transactions or throttling throws TransactionBusyError, which the callers retry.
 */
export async function writeTransaction<Reason>(
  client: DynamoDBDocumentClient,
  items: ReadonlyArray<ConditionedItem<Reason>>,
): Promise<Reason | undefined> {
  try {
    await client.send(new TransactWriteCommand({ TransactItems: items.map(({ item }) => item) }));
    return undefined;
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    const failed = codes.indexOf('ConditionalCheckFailed');
    const reason = items[failed]?.whenConditionFails;
    if (reason !== undefined) return reason;
    if (isRetryableCancellation(codes)) throw new TransactionBusyError(codes.join(','));
    throw error;
  }
}

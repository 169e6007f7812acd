import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** Why each item of a cancelled transaction failed, in the order the items were sent; undefined otherwise. */
export function cancellationCodes(error: unknown): Array<string | undefined> | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((reason) => reason.Code);
}

/** A cancellation is worth retrying when no condition failed, only a conflict or throttling. */
export function isRetryableCancellation(codes: Array<string | undefined>): boolean {
  return !codes.includes('ConditionalCheckFailed') && codes.some((code) => code && code !== 'None');
}

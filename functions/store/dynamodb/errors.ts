const transientNames = new Set([
  'TimeoutError',
  'AbortError',
  'RequestTimeout',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
]);

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/** True when DynamoDB could not be reached or asked us to back off: worth a retry, not a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as Error & { code?: string };
  const { $retryable, $fault } = error as Error & { $retryable?: unknown; $fault?: string };
  return (
    transientNames.has(error.name) ||
    (code !== undefined && networkCodes.has(code)) ||
    Boolean($retryable) ||
    // A 5xx from DynamoDB (InternalFailure, InternalServerError…) is its fault, not the caller's.
    $fault === 'server'
  );
}

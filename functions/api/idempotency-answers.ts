import { problem } from '../http/response.ts';

/** The answer when an earlier request with the same Idempotency-Key decides this one (`runOnce`). */
export function earlierRequestProblem(kind: 'key_reused' | 'in_flight') {
  return kind === 'key_reused'
    ? problem({
        kind: 'idempotency-key-reused',
        detail: 'This Idempotency-Key was used with a different request body.',
      })
    : problem({
        kind: 'request-in-progress',
        detail: 'A request with this Idempotency-Key is still being processed; retry shortly.',
        headers: { 'retry-after': '1' },
      });
}

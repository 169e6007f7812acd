/**
 * The local portal's clock. Registration windows close on dates in the content, so tests (and anyone
 * trying the portal) pin the portal's notion of "now" with LOCAL_CLOCK_START: an ISO 8601 instant at
 * which the clock starts when the server starts, then runs on at the real pace. Unset, it is the real
 * time. Only local/server.ts reads it; the Lambda functions never do.
 */
export function localClock(env: Record<string, string | undefined>): () => Date {
  const start = env.LOCAL_CLOCK_START;
  if (!start) return () => new Date();
  const startsAt = Date.parse(start);
  if (Number.isNaN(startsAt)) throw new Error(`LOCAL_CLOCK_START is not an ISO 8601 instant: ${start}`);
  const offsetMs = startsAt - Date.now();
  return () => new Date(Date.now() + offsetMs);
}

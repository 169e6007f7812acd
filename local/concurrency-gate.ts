/**
 * Lets at most `maxConcurrent` calls run at once and queues the rest for at most `maxWaitMs`;
 * a call that waits longer is refused without running. Locally one process serves every request,
 * so this stands in for Lambda's concurrency limit: past what DynamoDB Local can serve, requests
 * are turned away at once (503) instead of all starting, all slowing down and timing out half-done.
 */
export function concurrencyGate({ maxConcurrent, maxWaitMs }: { maxConcurrent: number; maxWaitMs: number }) {
  let running = 0;
  const waiting: Array<() => void> = [];

  const admitted = () =>
    new Promise<boolean>((resolve) => {
      if (running < maxConcurrent) {
        running += 1;
        resolve(true);
        return;
      }
      const admit = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(admit), 1);
        resolve(false);
      }, maxWaitMs);
      waiting.push(admit);
    });

  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };

  /** Runs `call` when admitted; resolves `refused` when the wait ran out. */
  return async <T, R>(call: () => Promise<T>, refused: () => R): Promise<T | R> => {
    if (!(await admitted())) return refused();
    try {
      return await call();
    } finally {
      release();
    }
  };
}

import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request an invocation serves, for every log line and outbox message made while serving it.
 * Async-local rather than the logger's appended keys: the local server runs many invocations at
 * once in one process, and appended keys would leak from one into another.
 */
const currentRequest = new AsyncLocalStorage<{ requestId: string | undefined }>();

/** Runs `work` as part of the request `requestId` (none: of no request), and everything it awaits too. */
export function inRequest<T>(requestId: string | undefined, work: () => T): T {
  return currentRequest.run({ requestId }, work);
}

/** The request id of the work running now, if it serves a request. */
export function currentRequestId(): string | undefined {
  return currentRequest.getStore()?.requestId;
}

/**
 * One bundled Lambda function in a worker thread of the local portal, as a Lambda container holds
 * one (local/bundled-functions.ts): its own module instances and environment, the bundle imported
 * once, then one invocation per message, called with a context shaped as the runtime's.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

export interface FunctionWorkerData {
  name: string;
  bundle: string;
  /** The local clock's lead over the real time (LOCAL_CLOCK_START), in ms. */
  clockOffsetMs: number;
  timeoutMs: number;
}
export interface Invocation {
  id: number;
  event: unknown;
}
export type InvocationResult = { id: number; result: unknown } | { id: number; error: string };

const { name, bundle, clockOffsetMs, timeoutMs } = workerData as FunctionWorkerData;

// A deployed function reads the time from Date, and no entry point takes a clock (see
// functions/handlers/wiring.ts): here the worker's Date is the local clock, so registration windows
// open and close as they do for the source-mode portal on the same LOCAL_CLOCK_START.
if (clockOffsetMs !== 0) {
  const RealDate = Date;
  class LocalClockDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + clockOffsetMs);
      else super(...(args as [string | number | Date]));
    }
    static override now() {
      return RealDate.now() + clockOffsetMs;
    }
  }
  globalThis.Date = LocalClockDate as DateConstructor;
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;
const { handler } = (await import(pathToFileURL(bundle).href)) as { handler: Handler };

const context = () => {
  const deadline = Date.now() + timeoutMs;
  return {
    awsRequestId: randomUUID(),
    functionName: `wuzhen-local-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:wuzhen-local-${name}`,
    memoryLimitInMB: '512',
    logGroupName: `/aws/lambda/wuzhen-local-${name}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done() {},
    fail() {},
    succeed() {},
  };
};

parentPort?.on('message', ({ id, event }: Invocation) => {
  handler(event, context()).then(
    (result) => parentPort?.postMessage({ id, result } satisfies InvocationResult),
    (error: unknown) =>
      parentPort?.postMessage({
        id,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      } satisfies InvocationResult),
  );
});
parentPort?.postMessage('ready');

/**
 * One bundled Lambda function in a worker thread of the local portal, as a Lambda container holds
 * one (local/bundled-functions.ts): its own module instances and environment, the bundle imported
 * once, then one invocation per message, called with a context shaped as the runtime's.
 */
import { randomUUID } from 'node:crypto';
import { isBuiltin, registerHooks } from 'node:module';
import { dirname } from 'node:path';
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

// The Lambda runtime gives a bundle Node's own modules and the AWS SDK v3, nothing else: a package the
// bundle left external would be missing there, so it is missing here too, although node_modules is near.
// A `#name` is a lazy import, which the bundle folder's own package.json maps to a file beside it.
const bundleFolder = pathToFileURL(dirname(bundle)).href;
registerHooks({
  resolve(specifier, context, nextResolve) {
    const bare = !/^(\.|\/|#|file:|node:)/.test(specifier) && !isBuiltin(specifier);
    if (context.parentURL?.startsWith(bundleFolder) && bare && !specifier.startsWith('@aws-sdk/')) {
      throw new Error(
        `Cannot find package '${specifier}' imported from ${context.parentURL}: the Lambda runtime provides only Node's modules and the AWS SDK`,
      );
    }
    return nextResolve(specifier, context);
  },
});

// As NODE_OPTIONS=--enable-source-maps does for every function of the stack (PortalFunction): stacks
// name TypeScript lines.
process.setSourceMapsEnabled(true);

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

/**
 * Runs the bundled Lambda functions (local/function-bundles.ts) for the local portal's bundled mode:
 * each in a worker thread of its own, started on its first invocation, as Lambda starts a container.
 * A handler's failure rejects the invocation, as Lambda reports a function error; a worker that dies
 * fails what it was running and is started again on the next invocation.
 */
import { Worker } from 'node:worker_threads';
import { bundleFile } from './function-bundles.ts';
import type { FunctionWorkerData, Invocation, InvocationResult } from './function-worker.ts';

const workerModule = new URL('./function-worker.ts', import.meta.url);

export interface BundledFunctionsOptions {
  bundlesDirectory: string;
  /** The local clock's lead over the real time (LOCAL_CLOCK_START), given to each function's Date. */
  clockOffsetMs: number;
  /** Variables every function gets besides the portal's own (at the moment it starts). */
  environment: Record<string, string>;
}

export type Invoke = (event: unknown) => Promise<unknown>;

export function bundledFunctions({ bundlesDirectory, clockOffsetMs, environment }: BundledFunctionsOptions) {
  const running = new Map<string, { invoke: Invoke; stop: () => Promise<number> }>();

  const start = (name: string) => {
    const worker = new Worker(workerModule, {
      workerData: {
        name,
        bundle: bundleFile(bundlesDirectory, name),
        clockOffsetMs,
        timeoutMs: 30_000,
      } satisfies FunctionWorkerData,
      // The stack names each function's service after it (PortalFunction's serviceName).
      env: { ...process.env, ...environment, POWERTOOLS_SERVICE_NAME: name },
    });
    const pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
    let nextId = 0;
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    worker.on('message', (message: InvocationResult | 'ready') => {
      if (message === 'ready') return;
      const call = pending.get(message.id);
      pending.delete(message.id);
      if ('error' in message) call?.reject(new Error(`${name} failed: ${message.error}`));
      else call?.resolve(message.result);
    });
    const fail = (error: Error) => {
      running.delete(name);
      for (const call of pending.values()) call.reject(error);
      pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`${name}: its worker exited (${code})`)));
    const invoke: Invoke = async (event) => {
      await ready;
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, event } satisfies Invocation);
      });
    };
    const entry = { invoke, stop: () => worker.terminate() };
    running.set(name, entry);
    return entry;
  };

  return {
    /** Invokes a function with an event, as Lambda's Invoke API does (RequestResponse). */
    invoke(name: string, event: unknown): Promise<unknown> {
      return (running.get(name) ?? start(name)).invoke(event);
    },
    async stop(): Promise<void> {
      await Promise.all([...running.values()].map(({ stop }) => stop()));
    },
  };
}

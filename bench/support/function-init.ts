/**
 * Run by bench/functions.ts in a fresh Node process, one per measurement: imports a bundled Lambda
 * function, as the runtime does on a cold start, then calls its handler twice with an event that is
 * answered without the database. Prints one JSON line of timings (ms) and the answer.
 *
 *   node bench/support/function-init.ts <bundle.mjs> <event JSON | "-" to import only>
 */
import { pathToFileURL } from 'node:url';

const [bundle, eventJson = '-'] = process.argv.slice(2);
if (!bundle) throw new Error('usage: function-init.ts <bundle.mjs> <event JSON | ->');

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const started = performance.now();
const module: { handler?: Handler } = await import(pathToFileURL(bundle).href);
const importMs = performance.now() - started;

const timings: { importMs: number; firstCallMs?: number; secondCallMs?: number; answer?: string } = {
  importMs,
};
if (eventJson !== '-') {
  const { handler } = module;
  if (typeof handler !== 'function') throw new Error(`${bundle} exports no handler`);
  const call = async () => {
    const before = performance.now();
    const result = await handler(JSON.parse(eventJson), {});
    return { ms: performance.now() - before, result };
  };
  const first = await call();
  const second = await call();
  timings.firstCallMs = first.ms;
  timings.secondCallMs = second.ms;
  const status = (first.result as { statusCode?: unknown } | undefined)?.statusCode;
  timings.answer = status !== undefined ? String(status) : first.result === undefined ? 'void' : 'other';
}
console.log(JSON.stringify(timings));

/**
 * The site search (Pagefind, site/search-index.ts): the bytes of each language's index as built
 * (its meta file, index chunks, filters and page fragments; raw and gzipped as a server sends them)
 * beside the code both share (pagefind.js, the wasm), what a page loads for search (a page with
 * only the header box, which is a form, and the search page), the bytes a first query fetches, and
 * the median time of a query in Chromium from a fresh page (the first query: code and index
 * fetched) and with the index already fetched (every later query on the search page).
 *
 * Bytes over the wire come from Chromium's network events for the whole context: the page's own
 * Resource Timing sees only pagefind.js and its worker script, not what Pagefind's web worker
 * fetches (entry, meta, wasm, index chunks, fragments). The offline shell's service worker is
 * blocked: its precache would compete with the query and its cache would answer it, where this
 * measures a reader's first search from the network.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { buildSite, isSiteBuildStale } from '../local/site-build.ts';
import { launchChromium } from '../test/support/browser-session.ts';
import { type RunningPortal, startPortal } from '../test/support/portal-process.ts';
import { percentile } from './support/load.ts';
import { tableLines } from './support/table.ts';

const pagefind = join(import.meta.dirname, '../site/dist/client/pagefind');
const runs = 9;
const languages = {
  en: { prefix: '', filePrefix: 'en_', queries: ['Wuzhen', 'internet governance', 'connecting', 'inn'] },
  zh: { prefix: '/zh', filePrefix: 'zh-hans_', queries: ['乌镇', '互联网', '人工智能', '客栈'] },
} as const;

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

interface Bytes {
  files: number;
  raw: number;
  gzipped: number;
}

/** The built files under pagefind/ whose name passes `keep`, in every folder. */
async function bytesOf(keep: (name: string) => boolean): Promise<Bytes> {
  const total = { files: 0, raw: 0, gzipped: 0 };
  for (const file of await readdir(pagefind, { recursive: true })) {
    const name = file.split('/').at(-1) ?? '';
    if (!name.includes('.') || !keep(name)) continue;
    const content = await readFile(join(pagefind, file));
    total.files += 1;
    total.raw += content.length;
    total.gzipped += gzipSync(content, { level: 9 }).length;
  }
  return total;
}

interface Fetched {
  path: string;
  bytes: number;
}

/**
 * Every answer the context receives, with its bytes over the wire (headers and body as sent,
 * compressed where the server compressed it). Chromium reports no body size for a worker's own
 * script: the page's Resource Timing, which has that one, fills it in (`pageBodies`).
 */
function trafficOf(context: BrowserContext) {
  const answers: Promise<{ path: string; body: number; headers: number }>[] = [];
  context.on('requestfinished', (request) => {
    answers.push(
      request.sizes().then(({ responseBodySize, responseHeadersSize }) => ({
        path: new URL(request.url()).pathname,
        body: responseBodySize,
        headers: responseHeadersSize,
      })),
    );
  });
  return {
    async since(start: number, pageBodies: Record<string, number> = {}): Promise<Fetched[]> {
      const fetched = await Promise.all(answers.slice(start));
      return fetched.map(({ path, body, headers }) => ({
        path,
        bytes: headers + (body || (pageBodies[path] ?? 0)),
      }));
    },
    get count() {
      return answers.length;
    },
  };
}

/** The encoded body bytes of what the page itself fetched under /pagefind/, by path. */
const pageBodies = (page: Page): Promise<Record<string, number>> =>
  page.evaluate(() =>
    Object.fromEntries(
      performance
        .getEntriesByType('resource')
        .map((entry) => [new URL(entry.name).pathname, (entry as PerformanceResourceTiming).encodedBodySize]),
    ),
  );

const sum = (fetched: Fetched[]) => fetched.reduce((total, { bytes }) => total + bytes, 0);
const underPagefind = (fetched: Fetched[]) => fetched.filter(({ path }) => path.startsWith('/pagefind/'));

/** One query in the page, timed there. */
function timedQuery(page: Page, query: string): Promise<number> {
  // A script of its own, so no bundler rewrites its import of the built site's module.
  return page.evaluate(`(async () => {
    const started = performance.now();
    const pagefind = await import('/pagefind/pagefind.js');
    const { results } = await pagefind.search(${JSON.stringify(query)});
    await Promise.all(results.slice(0, 10).map((result) => result.data()));
    return performance.now() - started;
  })()`);
}

/**
 * What a page makes the browser fetch for search before any query: the scripts of the search page
 * that a page with only the header box (the program) does not load, and anything under /pagefind/.
 */
async function loadedForSearch(
  url: string,
  prefix: string,
): Promise<{ program: Fetched[]; search: Fetched[] }> {
  const context = await browser.newContext({ baseURL: url, serviceWorkers: 'block' });
  const traffic = trafficOf(context);
  const page = await context.newPage();
  await page.goto(`${prefix}/program/`, { waitUntil: 'networkidle' });
  const program = await traffic.since(0);
  const start = traffic.count;
  await page.goto(`${prefix}/search/`, { waitUntil: 'networkidle' });
  const search = await traffic.since(start);
  await context.close();
  const programPaths = new Set(program.map(({ path }) => path));
  return {
    program: underPagefind(program),
    search: search.filter(({ path }) => path.endsWith('.js') && !programPaths.has(path)),
  };
}

if (await isSiteBuildStale()) await buildSite();
const dataDirectory = await mkdtemp(join(tmpdir(), 'bench-search-'));
let portal: RunningPortal | undefined;
const browser = await launchChromium();
try {
  portal = await startPortal({ DATA_DIR: dataDirectory });
  console.log(
    `search (Pagefind, Chromium, median of ${runs} per query; load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${availableParallelism()} cores)\n`,
  );
  const shared = await bytesOf(
    (name) =>
      !Object.values(languages).some(({ filePrefix }) => name.startsWith(filePrefix)) &&
      !name.startsWith('pagefind.'),
  );
  const rows: string[][] = [];
  const searchPageLines: string[] = [];
  for (const [language, { prefix, filePrefix, queries }] of Object.entries(languages)) {
    const index = await bytesOf(
      (name) => name.startsWith(filePrefix) || name.startsWith(`pagefind.${filePrefix}`),
    );
    const first: number[] = [];
    const later: number[] = [];
    let fetched: Fetched[] = [];
    for (const query of queries) {
      for (let run = 0; run < runs; run += 1) {
        // A fresh context each run: nothing cached, as for a reader's first search.
        const context = await browser.newContext({ baseURL: portal.url, serviceWorkers: 'block' });
        const traffic = trafficOf(context);
        const page = await context.newPage();
        await page.goto(`${prefix}/search/`, { waitUntil: 'networkidle' });
        const start = traffic.count;
        first.push(await timedQuery(page, query));
        const queryFetched = underPagefind(await traffic.since(start, await pageBodies(page)));
        if (sum(queryFetched) > sum(fetched)) fetched = queryFetched;
        later.push(await timedQuery(page, query));
        await context.close();
      }
    }
    const isCode = ({ path }: Fetched) => /\.js$|\/wasm\./.test(path);
    rows.push([
      language,
      String(index.files),
      kib(index.raw),
      kib(index.gzipped),
      `${fetched.length}: ${kib(sum(fetched))}`,
      kib(sum(fetched.filter(isCode))),
      percentile(first, 50).toFixed(0),
      percentile(later, 50).toFixed(1),
    ]);
    const { program: fromProgram, search: fromSearch } = await loadedForSearch(portal.url, prefix);
    searchPageLines.push(
      `${language}: ${prefix}/program/ (header box only) fetches ${fromProgram.length} files for search (${sum(fromProgram)} B); ` +
        `${prefix}/search/ adds ${fromSearch.map(({ path, bytes }) => `${path.split('/').at(-1)} ${bytes} B`).join(', ') || 'nothing'} before a query`,
    );
  }
  for (const line of tableLines(
    [
      'index',
      'files',
      'bytes',
      'gzipped',
      'first query fetched (most)',
      'of which code',
      'first query ms',
      'later query ms',
    ],
    rows,
  ))
    console.log(line);
  console.log(
    `\nshared code (pagefind.js, worker, wasm): ${shared.files} files, ${kib(shared.raw)}, ${kib(shared.gzipped)} gzipped`,
  );
  console.log(
    `\nbytes over the wire (headers + body as sent), service worker blocked:\n${searchPageLines.join('\n')}`,
  );
} finally {
  await browser.close();
  await portal?.stop();
  await rm(dataDirectory, { recursive: true, force: true });
}

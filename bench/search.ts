/**
 * The site search (Pagefind, site/search-index.ts): the bytes of each language's index as built
 * (its meta file, index chunks, filters and page fragments; raw and gzipped as a server sends them)
 * beside the code both share (pagefind.js, the wasm), the bytes a first query fetches, and the
 * median time of a query in Chromium from a fresh page (the first query: code and index fetched)
 * and with the index already fetched (every later query on the search page).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { buildSite, isSiteBuildStale } from '../local/site-build.ts';
import { launchChromium } from '../test/support/browser-session.ts';
import { type RunningPortal, startPortal } from '../test/support/portal-process.ts';
import { tableLines } from './support/table.ts';

const pagefind = join(import.meta.dirname, '../site/dist/client/pagefind');
const runs = 9;
const languages = {
  en: { prefix: '', filePrefix: 'en_', queries: ['Wuzhen', 'internet governance', 'connecting', 'inn'] },
  zh: { prefix: '/zh', filePrefix: 'zh-hans_', queries: ['乌镇', '互联网', '人工智能', '客栈'] },
} as const;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
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

/** One query in the page, timed there; the first also reports the bytes Pagefind fetched for it. */
function timedQuery(page: Page, query: string): Promise<{ ms: number; fetched: number }> {
  // A script of its own, so no bundler rewrites its import of the built site's module.
  return page.evaluate(`(async () => {
    const started = performance.now();
    const pagefind = await import('/pagefind/pagefind.js');
    const { results } = await pagefind.search(${JSON.stringify(query)});
    await Promise.all(results.slice(0, 10).map((result) => result.data()));
    const ms = performance.now() - started;
    const fetched = performance.getEntriesByType('resource')
      .filter((entry) => entry.name.includes('/pagefind/'))
      .reduce((sum, entry) => sum + entry.transferSize, 0);
    return { ms, fetched };
  })()`);
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
  for (const [language, { prefix, filePrefix, queries }] of Object.entries(languages)) {
    const index = await bytesOf(
      (name) => name.startsWith(filePrefix) || name.startsWith(`pagefind.${filePrefix}`),
    );
    const first: number[] = [];
    const later: number[] = [];
    let fetched = 0;
    for (const query of queries) {
      for (let run = 0; run < runs; run += 1) {
        // A fresh context each run: nothing cached, as for a reader's first search.
        const context = await browser.newContext({ baseURL: portal.url });
        const page = await context.newPage();
        await page.goto(`${prefix}/search/`);
        const cold = await timedQuery(page, query);
        first.push(cold.ms);
        fetched = Math.max(fetched, cold.fetched);
        later.push((await timedQuery(page, query)).ms);
        await context.close();
      }
    }
    rows.push([
      language,
      String(index.files),
      kib(index.raw),
      kib(index.gzipped),
      kib(fetched),
      median(first).toFixed(0),
      median(later).toFixed(1),
    ]);
  }
  for (const line of tableLines(
    ['index', 'files', 'bytes', 'gzipped', 'first query fetched', 'first query ms', 'later query ms'],
    rows,
  ))
    console.log(line);
  console.log(
    `\nshared code (pagefind.js, worker, wasm): ${shared.files} files, ${kib(shared.raw)}, ${kib(shared.gzipped)} gzipped`,
  );
} finally {
  await browser.close();
  await portal?.stop();
  await rm(dataDirectory, { recursive: true, force: true });
}

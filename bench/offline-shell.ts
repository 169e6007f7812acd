/**
 * The offline shell's figures: the precache bytes per language (from the build's
 * offline-precache.json, site/offline/offline-shell.ts), on disk and as the worker's install
 * fetches them (gzip level 9 where a server compresses the type; Pagefind's files are gzip already,
 * PNGs compress no further), and the time to the first offline render of
 * the program in Chromium: after one online visit, the network cut, the program opened again; the
 * first contentful paint, median of several runs, beside the online first visit's.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/support/browser-session.ts';
import { startPortal } from '../test/support/portal-process.ts';
import { percentile } from './support/load.ts';
import { tableLines } from './support/table.ts';

const runs = 7;
const client = join(import.meta.dirname, '../site/dist/client');

/** The types CloudFront and the local server compress (pages, scripts, stylesheets, JSON, SVG). */
const compressible = /(?:\/|\.html|\.js|\.css|\.json|\.svg|\.webmanifest)$/;

/** Bytes the worker's install downloads for these URLs: compressed where the server compresses them. */
async function transferBytes(urls: string[]): Promise<number> {
  let total = 0;
  for (const url of urls) {
    const content = await readFile(join(client, url.endsWith('/') ? `${url}index.html` : url));
    total += compressible.test(url) ? gzipSync(content, { level: 9 }).length : content.length;
  }
  return total;
}

const dataDirectory = await mkdtemp(join(tmpdir(), 'bench-offline-'));
// The portal builds the site first when it is stale, so the precache report is read after it starts.
const portal = await startPortal({ DATA_DIR: dataDirectory });
const browser = await launchChromium();

const firstContentfulPaint = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list, observer) => {
          const paint = list.getEntriesByName('first-contentful-paint')[0];
          if (!paint) return;
          observer.disconnect();
          resolve(paint.startTime);
        }).observe({ type: 'paint', buffered: true });
      }),
  );

try {
  const report = JSON.parse(await readFile(join(client, 'offline-precache.json'), 'utf8'));
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  console.log(
    `worker ${report.version}: ${report.files} files precached, budget ${kib(report.budgetBytes)} per language`,
  );
  const shellTransfer = await transferBytes(report.urlsOf.shell);
  const languageRows: string[][] = [];
  for (const language of ['en', 'zh'] as const) {
    languageRows.push([
      language,
      kib(report.bytesPerLanguage[language]),
      kib((await transferBytes(report.urlsOf[language])) + shellTransfer),
      kib(report.shellBytes),
      kib(shellTransfer),
    ]);
  }
  console.log(
    tableLines(
      [
        'language',
        'precache (pages + shell) on disk',
        'gzip transfer',
        'shell on disk',
        'shell gzip transfer',
      ],
      languageRows,
    ).join('\n'),
  );

  const rows: string[][] = [];
  for (const prefix of ['', '/zh']) {
    const online: number[] = [];
    const offline: number[] = [];
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ baseURL: portal.url });
      const page = await context.newPage();
      await page.goto(`${prefix}/program/`);
      online.push(await firstContentfulPaint(page));
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (navigator.serviceWorker.controller) return;
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
      });
      await context.setOffline(true);
      await page.goto(`${prefix}/program/`);
      offline.push(await firstContentfulPaint(page));
      await context.close();
    }
    rows.push([
      `${prefix}/program/`,
      `${percentile(online, 50).toFixed(0)} ms`,
      `${percentile(offline, 50).toFixed(0)} ms`,
    ]);
  }
  console.log(`\nfirst contentful paint of the program, median of ${runs}:`);
  console.log(tableLines(['page', 'online, first visit', 'offline, from the worker'], rows).join('\n'));
} finally {
  await browser.close();
  await portal.stop();
  await rm(dataDirectory, { recursive: true, force: true });
}

import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { isRunning, type RunningPortal, startPortal } from './portal-process.ts';

/** Debian's Chromium, never a downloaded browser; no background traffic off this machine. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A browser test file's portal (as `npm start` runs it, on its own data folder, holding a copy of the
 * database the project's first portal seeded) and Chromium, both stopped after the file; a script
 * error on any page fails the test that opened the page.
 */
export function browserSession(dataPrefix: string, environment: Record<string, string> = {}) {
  const session = { portal: undefined as unknown as RunningPortal, browser: undefined as unknown as Browser };
  let dataDirectory = '';
  let pageErrors: Error[] = [];

  beforeAll(async () => {
    dataDirectory = await mkdtemp(join(tmpdir(), dataPrefix));
    // The database as the portal's first start left it (test/support/seeded-database-global-setup.ts).
    await cp(inject('seededDatabase'), join(dataDirectory, 'dynamodb'), { recursive: true });
    // Side by side, and both awaited even when one fails, so that afterAll stops whichever started.
    const started = await Promise.allSettled([
      startPortal({ ...environment, DATA_DIR: dataDirectory }).then((portal) => {
        session.portal = portal;
      }),
      launchChromium().then((browser) => {
        session.browser = browser;
      }),
    ]);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
  });

  afterAll(async () => {
    await session.browser?.close();
    if (session.portal && isRunning(session.portal.databasePid)) await session.portal.stop();
    await rm(dataDirectory, { recursive: true, force: true });
  });

  // A test's contexts end with it, so a long file does not keep dozens of pages alive.
  let openContexts: BrowserContext[] = [];
  afterEach(async () => {
    const contexts = openContexts;
    openContexts = [];
    await Promise.all(contexts.map((context) => context.close()));
    const errors = pageErrors;
    pageErrors = [];
    expect(errors).toEqual([]);
  });

  return {
    get portal() {
      return session.portal;
    },
    get browser() {
      return session.browser;
    },
    get dataDirectory() {
      return dataDirectory;
    },
    /**
     * A page in a fresh context; `prepare` may set the context up (routes, permissions) first. The
     * portal's service worker is blocked unless `serviceWorkers: 'allow'` asks for it: otherwise every
     * fresh context would precache the whole offline shell (some 680 files) from the portal, and only
     * the tests of the worker itself need it.
     */
    async newPage(
      options: BrowserContextOptions = {},
      prepare: (context: BrowserContext) => Promise<unknown> = async () => {},
    ): Promise<Page> {
      const context = await session.browser.newContext({
        baseURL: session.portal.url,
        viewport: { width: 1280, height: 900 },
        serviceWorkers: 'block',
        ...options,
      });
      openContexts.push(context);
      await prepare(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error));
      return page;
    },
  };
}

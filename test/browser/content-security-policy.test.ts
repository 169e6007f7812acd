/**
 * Every page template, in English and Chinese, under the security headers the portal sends (the same
 * definition CloudFront sends, site/security-headers.ts): no console message about the CSP or the
 * Permissions-Policy, no script error, and the headers exactly as defined.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadProgram } from '../../content/load.ts';
import { mapTileOrigin, securityHeaders } from '../../site/security-headers.ts';
import { browserSession } from '../support/browser-session.ts';
import { localizedPageTemplates } from '../support/page-templates.ts';
import { manageAddress, registerThroughApi, uniqueEmail } from '../support/portal-registration.ts';

const projectRoot = join(import.meta.dirname, '../..');
const session = browserSession('portal-csp-');

const pages = localizedPageTemplates;

/** A 1×1 transparent PNG: what the map's tile server answers here, where nothing outside answers. */
const tile = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface Watched {
  page: Page;
  /** Console messages about the CSP or the Permissions-Policy. */
  policyMessages: string[];
  tilesServed: () => number;
}

/**
 * A page whose map tiles come from a stand-in tile server and whose policy messages are kept; its
 * service worker is blocked, as the session does, unless `options` allow it.
 */
async function watchedPage(options: BrowserContextOptions = {}): Promise<Watched> {
  let tiles = 0;
  const page = await session.newPage(options, async (context) => {
    await context.route(`${mapTileOrigin}/**`, (route) => {
      tiles++;
      return route.fulfill({ contentType: 'image/png', body: tile });
    });
    await context.route(
      (url) => url.hostname !== new URL(session.portal.url).hostname && url.origin !== mapTileOrigin,
      (route) => route.abort('internetdisconnected'),
    );
  });
  const policyMessages: string[] = [];
  page.on('console', (message) => {
    if (/content[- ]security[- ]policy|permissions[- ]policy/i.test(message.text())) {
      policyMessages.push(message.text());
    }
  });
  return { page, policyMessages, tilesServed: () => tiles };
}

async function open({ page }: Watched, path: string) {
  const response = await page.goto(path, { waitUntil: 'networkidle' });
  expect(response?.status(), path).toBe(200);
  return response;
}

function organizerToken(): string {
  const token = spawnSync(process.execPath, ['local/token.ts', '--role', 'organizer'], {
    cwd: projectRoot,
    env: { ...process.env, DATA_DIR: session.dataDirectory },
    encoding: 'utf8',
  });
  expect(token.status, token.stderr).toBe(0);
  return token.stdout.trim();
}

describe('pages under the Content-Security-Policy in Chromium', () => {
  it.each(pages)('%s loads with no policy violation and the defined headers', async (path) => {
    const watched = await watchedPage();
    const response = await open(watched, path);
    const sent = await response?.allHeaders();
    for (const [name, value] of Object.entries(securityHeaders())) {
      expect(sent?.[name.toLowerCase()], name).toBe(value);
    }
    expect(watched.policyMessages).toEqual([]);
  });

  // One definition of the headers for every page (checked above) and one worker: registering it from
  // each language's home page stands for every page, which the session opens without the worker.
  it.each(['/', '/zh/'])(
    'registers the service worker from %s, which installs and takes over the page with no policy violation',
    async (path) => {
      const watched = await watchedPage({ serviceWorkers: 'allow' });
      await open(watched, path);
      await watched.page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (navigator.serviceWorker.controller) return;
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
      });
      // Served by the worker now.
      await open(watched, path);
      expect(watched.policyMessages).toEqual([]);
    },
  );

  it('colours the program by track from /tracks.css, without style attributes', async () => {
    const { tracks } = await loadProgram();
    const watched = await watchedPage();
    await open(watched, '/program/');
    for (const { id, color } of tracks) {
      const card = watched.page.locator(`.session-card[data-track="${id}"]`).first();
      expect(
        await card.evaluate((element) => getComputedStyle(element).getPropertyValue('--track-color')),
      ).toBe(color);
    }
  });

  it('shows the guide map with tiles from the tile server the CSP allows', async () => {
    const watched = await watchedPage();
    await open(watched, '/guide/?near=30.7565,120.4880');
    await watched.page.locator('#guide-map .leaflet-tile-loaded').first().waitFor();
    expect(watched.tilesServed()).toBeGreaterThan(0);
    expect(watched.policyMessages).toEqual([]);
  });

  it('shows a registration and its ticket QR (a blob: image) on the manage page', async () => {
    const registered = await registerThroughApi(session.portal.url, {
      name: 'Policy Test',
      email: uniqueEmail('policy'),
      country: 'DE',
      language: 'zh',
    });

    const watched = await watchedPage();
    await open(watched, manageAddress(registered));
    const qr = watched.page.locator('#ticket-qr img');
    await qr.waitFor();
    expect(
      await qr.evaluate((image: HTMLImageElement) => image.decode().then(() => image.naturalWidth)),
    ).toBeGreaterThan(0);
    expect(watched.policyMessages).toEqual([]);
  });

  it.each(['/organizer/', '/zh/organizer/checkin/'])(
    'signs staff in on %s and shows the workspace',
    async (path) => {
      const watched = await watchedPage();
      await open(watched, path);
      await watched.page.locator('#staff-token').fill(organizerToken());
      await watched.page.locator('#sign-in-form [type="submit"]').click();
      await watched.page.locator('#session-bar').waitFor();
      await watched.page.waitForLoadState('networkidle');
      expect(watched.policyMessages).toEqual([]);
    },
  );
});

/**
 * Imported content in Chromium, on a 390 px phone, in English and Chinese: axe finds no violation
 * and nothing runs off the screen. An imported venue's page, once its script has run, still says
 * nothing of open or closed for hours it cannot read; an imported program's session page shows its
 * double bookings and its night past midnight. The pages come from a build with imported content
 * (test/support/imported-content-site.ts), served from their files; the API's answers the venue
 * page asks for are stood in for.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectNoViolations } from '../support/axe-check.ts';
import { launchChromium } from '../support/browser-session.ts';
import {
  buildImportedContentSite,
  type ImportedContentSite,
  importedVenueId,
} from '../support/imported-content-site.ts';

const origin = 'http://portal.test';
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

let site: ImportedContentSite | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let pageErrors: Error[] = [];

beforeAll(async () => {
  [site, browser] = await Promise.all([buildImportedContentSite(), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await site?.remove();
});

afterEach(async () => {
  await context?.close();
  const errors = pageErrors;
  pageErrors = [];
  expect(errors).toEqual([]);
});

/** A phone-sized page whose requests the built files answer, and nothing outside. */
async function phonePage(): Promise<Page> {
  if (!site || !browser) throw new Error('the site or the browser did not start');
  const client = site.client;
  context = await browser.newContext({ baseURL: origin, viewport: { width: 390, height: 844 } });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== origin) return route.abort('internetdisconnected');
    if (url.pathname === `/api/venues/${importedVenueId}`) {
      return route.fulfill({ json: { id: importedVenueId, rating: { average: null, count: 0 } } });
    }
    if (url.pathname === '/api/venues') return route.fulfill({ json: { items: [], nextCursor: null } });
    if (url.pathname === `/api/venues/${importedVenueId}/reviews`) {
      return route.fulfill({ json: { items: [], nextCursor: null } });
    }
    const file = join(
      client,
      normalize(url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname),
    );
    const body = await readFile(file).catch(() => undefined);
    if (!body) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ body, contentType: contentTypes[extname(file)] ?? 'application/octet-stream' });
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  return page;
}

describe('an imported venue’s page on a phone', () => {
  it.each([
    ['', 'No reviews yet', 'Open now', 'Closed now'],
    ['/zh', '暂无评价', '正在营业', '现已关闭'],
  ])(
    '%s/v/<id>/ passes axe, fits 390 px and never says open or closed',
    async (prefix, noReviews, open, closed) => {
      const page = await phonePage();
      const response = await page.goto(`${prefix}/v/${importedVenueId}/`, { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(200);
      // The script has run: it has read the (stood-in) reviews.
      await page.locator('#reviews-status', { hasText: noReviews }).waitFor();
      await expectNoViolations(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).not.toContain(open);
      expect(text).not.toContain(closed);
      await expect(page.locator('.venue-source a[rel="license"]').getAttribute('href')).resolves.toBe(
        'https://www.openstreetmap.org/copyright',
      );
    },
  );

  it.each(['', '/zh'])(
    '%s/guide/ with the OpenStreetMap credit passes axe and fits 390 px',
    async (prefix) => {
      const page = await phonePage();
      await page.goto(`${prefix}/guide/`, { waitUntil: 'networkidle' });
      await expect(page.locator('.guide-osm-credit').isVisible()).resolves.toBe(true);
      await expectNoViolations(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    },
  );
});

describe('an imported program’s pages on a phone', () => {
  it.each([
    ['', 'Same room, same time as', '28 Mar 04:00'],
    ['/zh', '同一会场、同一时间', '3月28日 04:00'],
  ])('%s/program/ and a double-booked session pass axe and fit 390 px', async (prefix, clash, nextDay) => {
    const page = await phonePage();
    for (const path of ['/program/', '/program/same-room-talk/', '/program/late-night-hacking/']) {
      const response = await page.goto(`${prefix}${path}`, { waitUntil: 'networkidle' });
      expect(response?.status(), path).toBe(200);
      await expectNoViolations(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      const text = (await page.locator('main').textContent()) ?? '';
      if (path === '/program/same-room-talk/') expect(text).toContain(clash);
      if (path === '/program/late-night-hacking/') expect(text).toContain(nextDay);
    }
  });
});

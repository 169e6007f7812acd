/**
 * The offline shell in Chromium: after one online visit the service worker keeps the program, a
 * session, the agenda, a venue and the guide with its saved venues, which then work with the network
 * cut (`context.setOffline`), in English and Chinese, the guide's filters included; a changed build
 * makes the page offer a reload.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadProgram, loadVenues } from '../../content/load.ts';
import { translator } from '../../site/src/i18n/ui.ts';
import { expectNoViolations } from '../support/axe-check.ts';
import { browserSession } from '../support/browser-session.ts';

const session = browserSession('portal-offline-');
/** A page with the portal's service worker, which the session blocks unless asked: every test here is about it. */
const newPage: typeof session.newPage = (options = {}, prepare) =>
  session.newPage({ serviceWorkers: 'allow', ...options }, prepare);
const program = await loadProgram();
const venues = await loadVenues();
const builtWorker = join(import.meta.dirname, '../../site/dist/client/sw.js');

const locales = [
  {
    locale: 'en',
    prefix: '',
    offline: 'You are offline',
    star: (title: string) => `Star “${title}” for my agenda`,
  },
  { locale: 'zh', prefix: '/zh', offline: '您已离线', star: (title: string) => `将“${title}”收藏到我的日程` },
] as const;

/** Opens a page online and waits until the worker has precached the shell and controls the page. */
async function visitOnline(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
  });
}

const results = (page: Page) => page.locator('#guide-results > li');

/** Each place the guide lists: its link, the facts line (kind, distance, open, sample) and address. */
const shownPlaces = (page: Page) =>
  results(page).evaluateAll((items) =>
    items.map((item) => [item.querySelector('a')?.getAttribute('href'), item.textContent?.trim()]),
  );

/** The guide's landmark "town centre" (GuideFilters.astro), as its select's value. */
const townCentre = '30.7461,120.4956';
const saved = { en: translator('en')('guide.savedResults'), zh: translator('zh')('guide.savedResults') };
const reviewsOffline = {
  en: translator('en')('venue.reviews.offline'),
  zh: translator('zh')('venue.reviews.offline'),
};

describe('the portal offline in Chromium', () => {
  for (const { locale, prefix, offline, star } of locales) {
    it(`shows the program with filters, a session, the agenda with stars and a venue offline (${locale})`, async () => {
      const page = await newPage();
      await visitOnline(page, `${prefix}/program/`);
      await page.context().setOffline(true);

      await page.goto(`${prefix}/program/`);
      expect(await page.locator('.session-card').count()).toBe(program.sessions.length);
      await page.locator('#offline-indicator', { hasText: offline }).waitFor();
      await expectNoViolations(page, 'offline');

      const track = program.tracks.find(({ id }) => program.sessions.some((each) => each.track === id));
      if (!track) throw new Error('the program has no sessions');
      await page.goto(`${prefix}/program/?track=${track.id}`);
      await expect
        .poll(() => page.locator('.session-card:visible').count())
        .toBe(program.sessions.filter((each) => each.track === track.id).length);

      const [first] = program.sessions;
      if (!first) throw new Error('the program has no sessions');
      await page.goto(`${prefix}/program/`);
      await page
        .getByRole('button', { name: star(first.title[locale]), exact: true })
        .first()
        .click();
      await page.goto(`${prefix}/program/${first.id}/`);
      expect(await page.locator('h1').textContent()).toContain(first.title[locale]);

      await page.goto(`${prefix}/my-agenda/`);
      await page.locator(`#agenda-app a[href$="/program/${first.id}/"]`).first().waitFor();

      const [venue] = venues;
      if (!venue) throw new Error('no venues');
      await page.goto(`${prefix}/v/${venue.id}/`);
      expect(await page.locator('h1').textContent()).toContain(venue.name[locale]);
    });

    it(`filters the guide offline with filters never used online, as the API does online (${locale})`, async () => {
      const page = await newPage({ viewport: { width: 390, height: 844 } });
      // "Open now" is judged at a fixed moment, tomorrow 14:30 in Wuzhen, so both lists ask the same.
      const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
      const at = `${tomorrow.toISOString().slice(0, 10)}T14:30:00+08:00`;
      await visitOnline(page, `${prefix}/guide/?at=${encodeURIComponent(at)}`);
      await expect.poll(() => results(page).count()).toBeGreaterThan(0);

      await page.context().setOffline(true);
      await page.reload();
      // Open now first: the page keeps `at` from its address only while open now is asked for.
      await page.locator('input[name="openNow"]').check();
      for (const category of ['restaurant', 'cafe', 'wifi']) {
        await page.locator(`input[name="category"][value="${category}"]`).check();
      }
      await page.locator('input[name="wifi"]').check();
      await page.locator('#guide-near').selectOption(townCentre);
      await page.locator('#guide-radius').selectOption('2000');
      await page.waitForURL(/near=/);
      const offlineSearch = new URL(page.url()).search;
      for (const part of ['openNow=true', 'category=restaurant%2Ccafe%2Cwifi', 'wifi=true', 'radius=2000']) {
        expect(offlineSearch).toContain(part);
      }
      await expect.poll(() => results(page).count()).toBeGreaterThan(0);
      const shownOffline = await shownPlaces(page);
      expect(await page.locator('#guide-status').textContent()).toContain(saved[locale]);
      await expectNoViolations(page, 'guide offline');
      await page.screenshot({ path: join(tmpdir(), `guide-offline-${locale}-390.png`), fullPage: true });
      // More of the saved places, as the API's next page would list them.
      await page.locator('#guide-more').click();
      await expect.poll(() => results(page).count()).toBeGreaterThan(shownOffline.length);

      await page.context().setOffline(false);
      await page.reload();
      await expect.poll(() => page.locator('#guide-status').textContent()).not.toContain(saved[locale]);
      await expect.poll(() => shownPlaces(page)).toEqual(shownOffline);
    });

    it(`says a venue's reviews need a connection offline, and loads them when it returns (${locale})`, async () => {
      const page = await newPage();
      const [venue] = venues;
      if (!venue) throw new Error('no venues');
      // The home page only: the worker keeps every venue page, whose reviews were never fetched.
      await visitOnline(page, `${prefix}/`);
      await page.context().setOffline(true);
      await page.goto(`${prefix}/v/${venue.id}/`);
      await page.locator('#reviews-status', { hasText: reviewsOffline[locale] }).waitFor();
      await page.context().setOffline(false);
      await expect
        .poll(() => page.locator('#reviews-status').textContent())
        .toBe(translator(locale)('venue.reviews.empty'));
    });
  }

  for (const { locale, prefix, online, offline, found } of [
    { locale: 'en', prefix: '', online: 'Ada Quill', offline: 'registering', found: '/register/' },
    { locale: 'zh', prefix: '/zh', online: '艾达·奎尔', offline: '客栈', found: '/zh/v/tongan-inn/' },
  ]) {
    it(`searches offline once the index is kept: a query made online and one never made (${locale})`, async () => {
      const page = await newPage();
      const shown = () =>
        page
          .locator('#search-results h2 a')
          .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      const searchPage = (query: string) => `${prefix}/search/?q=${encodeURIComponent(query)}`;
      await visitOnline(page, searchPage(online));
      await expect.poll(shown).not.toEqual([]);
      const seen = await shown();

      await page.context().setOffline(true);
      await page.goto(searchPage(online));
      await expect.poll(shown).toEqual(seen);
      // The index is precached whole: a word no query asked for online is found too.
      await page.goto(searchPage(offline));
      await expect.poll(shown).toContain(found);
      await page.locator('#offline-indicator').waitFor();
      await expectNoViolations(page, 'search offline');
    });
  }

  it('changes nothing where service workers are missing (as in WeChat): no note, no offer, no error', async () => {
    const page = await newPage({}, (context) =>
      context.addInitScript(() => {
        Reflect.deleteProperty(Navigator.prototype, 'serviceWorker');
      }),
    );
    await page.goto('/program/');
    expect(await page.evaluate(() => 'serviceWorker' in navigator)).toBe(false);
    const wentOffline = page.evaluate(
      () => new Promise((resolve) => addEventListener('offline', resolve, { once: true })),
    );
    await page.context().setOffline(true);
    await wentOffline;
    expect(await page.locator('#offline-indicator').isHidden()).toBe(true);
    expect(await page.locator('#update-offer').isHidden()).toBe(true);
  });

  for (const { locale, prefix, name, lang } of [
    { locale: 'en', prefix: '', name: 'World Internet Conference · Wuzhen', lang: 'en' },
    { locale: 'zh', prefix: '/zh', name: '世界互联网大会 · 乌镇', lang: 'zh-Hans' },
  ]) {
    it(`is installable from its home page in its own language: Chromium finds no fault in the manifest, its icons or the worker (${locale})`, async () => {
      const page = await newPage();
      await visitOnline(page, `${prefix}/`);
      const devtools = await page.context().newCDPSession(page);
      const { installabilityErrors } = await devtools.send('Page.getInstallabilityErrors');
      // Playwright's contexts are incognito, where Chromium never installs: the one fault left out.
      expect(installabilityErrors.filter(({ errorId }) => errorId !== 'in-incognito')).toEqual([]);
      const { url, errors, data } = await devtools.send('Page.getAppManifest');
      expect(new URL(url).pathname).toBe(`${prefix}/manifest.webmanifest`);
      expect(errors).toEqual([]);
      const manifest = JSON.parse(data ?? '{}');
      expect(manifest).toMatchObject({ name, lang, start_url: `${prefix}/` });
      const maskable = manifest.icons.find(({ purpose }: { purpose?: string }) => purpose === 'maskable');
      const icon = await page.request.get(maskable.src);
      expect(icon.headers()['content-type']).toBe('image/png');
    });
  }

  it('offers a reload when a new version is deployed, and the reload brings it', async () => {
    const page = await newPage();
    await visitOnline(page, '/program/');
    const built = await readFile(builtWorker, 'utf8');
    const changed = built.replace(/^const VERSION = "([^"]+)";/, 'const VERSION = "$1-next";');
    expect(changed).not.toBe(built);
    await writeFile(builtWorker, changed);
    try {
      await page.reload();
      const offer = page.locator('#update-offer');
      await offer.waitFor();
      await expectNoViolations(page, 'update offered');
      await Promise.all([page.waitForEvent('load'), offer.getByRole('button').click()]);
      const cacheNames = await page.evaluate(() => caches.keys());
      expect(cacheNames.some((name) => name.endsWith('-next'))).toBe(true);
      expect(await page.locator('#update-offer').isHidden()).toBe(true);
    } finally {
      await writeFile(builtWorker, built);
    }
  });
});

/**
 * The site search (Pagefind, indexed by site/search-index.ts) as a reader uses it in Chromium: every
 * built page that contains a Chinese term is found by it (Pagefind's own tracker reports Chinese
 * recall regressing between releases), English words are found by their stem, results name the
 * page's type, and without JavaScript the page says search needs it and links the indexes.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parse } from 'node-html-parser';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoViolations } from '../support/axe-check.ts';
import { browserSession } from '../support/browser-session.ts';

const session = browserSession('portal-search-');
/** The site as the browser set-up built it (test/support/site-build-global-setup.ts). */
const client = join(import.meta.dirname, '../../site/dist/client');

/** Terms from the Chinese content: places, the conference's subjects, kinds of venue. */
const chineseTerms = [
  '乌镇',
  '互联网',
  '会展中心',
  '人工智能',
  '数字',
  '客栈',
  '网络安全',
  '数据',
  '开幕式',
  '民宿',
  '桐乡',
  '论坛',
];

interface IndexedPage {
  url: string;
  lang: string;
  text: string;
}

/** The built pages the index should hold: those whose main content is marked for it, with that text. */
async function indexedPages(): Promise<IndexedPage[]> {
  const files = (await readdir(client, { recursive: true })).filter((file) => file.endsWith('index.html'));
  const pages = await Promise.all(
    files.map(async (file) => {
      const document = parse(await readFile(join(client, file), 'utf8'));
      const body = document.querySelector('[data-pagefind-body]');
      if (!body) return undefined;
      for (const hidden of body.querySelectorAll('script, style, noscript, template')) hidden.remove();
      const path = relative(client, join(client, file)).split(sep).join('/');
      return {
        url: `/${path.replace(/index\.html$/, '')}`,
        lang: document.querySelector('html')?.getAttribute('lang') ?? '',
        text: body.text,
      };
    }),
  );
  return pages.filter((page) => page !== undefined);
}

/** The addresses Pagefind finds for a query, searched in the page's language as the search page does. */
function searchFromPage(page: Page, query: string): Promise<string[]> {
  // A script of its own, so the test's bundler leaves its import of the built site's module alone.
  return page.evaluate(`(async () => {
    const pagefind = await import('/pagefind/pagefind.js');
    const { results } = await pagefind.search(${JSON.stringify(query)});
    const pages = await Promise.all(results.map((result) => result.data()));
    return pages.map(({ url }) => url);
  })()`);
}

let pages: IndexedPage[] = [];
beforeAll(async () => {
  pages = await indexedPages();
});

describe('site search in Chromium (Pagefind)', () => {
  it('indexes the sessions, speakers, venues, town stories, the program and the register page in both languages', () => {
    for (const prefix of ['/', '/zh/']) {
      const urls = pages.map(({ url }) => url).filter((url) => url.startsWith(prefix));
      for (const expected of [
        'program/',
        'program/closing-ceremony/',
        'speakers/ada-quill/',
        'v/tongan-inn/',
        'town/',
        'register/',
      ])
        expect(urls).toContain(`${prefix}${expected}`);
      expect(urls).not.toContain(`${prefix}registration/`);
    }
  });

  // One search page asks for each term in turn, as a reader does (the first query loads Pagefind and
  // compiles its WebAssembly); a soft assertion per term reports every term that falls short.
  it(`finds every Chinese page that contains each of ${chineseTerms.join(' ')}`, async () => {
    const page = await session.newPage();
    await page.goto('/zh/search/');
    for (const term of chineseTerms) {
      const containing = pages
        .filter(({ lang, text }) => lang === 'zh-Hans' && text.includes(term))
        .map(({ url }) => url);
      expect
        .soft(containing.length, `no page contains ${term}: not a term from the content`)
        .toBeGreaterThan(0);
      const found = await searchFromPage(page, term);
      expect
        .soft(
          containing.filter((url) => !found.includes(url)),
          term,
        )
        .toEqual([]);
    }
  });

  it('finds English words by their stem: register, registration and registering find the register page', async () => {
    const register = pages.find(({ url }) => url === '/register/');
    // The text runs headings into what follows ("RegisterWorld…"): a lower-case letter would continue the word.
    expect(register?.text).toMatch(/\b[Rr]egister(?![a-z])/);
    expect(register?.text).toMatch(/\bregistration\b/i);
    // Not on any page: found only through its stem.
    expect(pages.filter(({ text }) => /\bregistering\b/i.test(text))).toEqual([]);
    const page = await session.newPage();
    await page.goto('/search/');
    for (const query of ['register', 'registration', 'registering'])
      expect(await searchFromPage(page, query), query).toContain('/register/');
  });

  it('finds English words by their stem: connecting finds connect, connected and connection', async () => {
    const page = await session.newPage();
    await page.goto('/search/');
    const related = pages.filter(({ lang, text }) => lang === 'en' && /\bconnect(?:ed|ion)?\b/i.test(text));
    expect(related.length).toBeGreaterThan(0);
    const found = await searchFromPage(page, 'connecting');
    expect(related.map(({ url }) => url).filter((url) => !found.includes(url))).toEqual([]);
  });

  it('shows each result with its type and an excerpt, in the page language', async () => {
    for (const [prefix, type, query] of [
      ['', 'Speaker', 'Ada Quill'],
      ['/zh', '嘉宾', '艾达·奎尔'],
    ] as const) {
      const page = await session.newPage();
      await page.goto(`${prefix}/search/?q=${encodeURIComponent(query)}`);
      const result = page.locator('#search-results li', {
        has: page.locator(`a[href="${prefix}/speakers/ada-quill/"]`),
      });
      // Pagefind's first query compiles its WebAssembly: wait as for any element, not a 1 s poll.
      await result.waitFor();
      expect(await result.count()).toBe(1);
      expect(await result.locator('.search-type').textContent()).toBe(type);
      expect(await result.locator('mark').count()).toBeGreaterThan(0);
      expect(await page.locator('#search-query').inputValue()).toBe(query);
    }
  });

  it('the header box leads to the search page without JavaScript, which links the indexes instead', async () => {
    const page = await session.newPage({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    await page.goto('/zh/program/');
    await page.locator('.site-menu > summary').click();
    await page.locator('.site-search input').fill('客栈');
    await page.locator('.site-search button').click();
    await page.waitForURL('**/zh/search/?q=*');
    expect(new URL(page.url()).searchParams.get('q')).toBe('客栈');
    const notice = page.locator('main .notice');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain('需要启用 JavaScript');
    expect(await page.locator('main a[href="/zh/program/"]').count()).toBe(1);
  });

  it('axe finds no violation on the results, in both languages', async () => {
    for (const [prefix, query] of [
      ['', 'Wuzhen'],
      ['/zh', '乌镇'],
    ] as const) {
      const page = await session.newPage();
      await page.goto(`${prefix}/search/?q=${encodeURIComponent(query)}`);
      await page.locator('#search-results li').first().waitFor();
      await expectNoViolations(page, 'results shown');
    }
  });
});

/**
 * On a 390 px phone the header was the navigation wrapped to three lines before any content; now
 * it is the site name, the other language and a menu control on one line, the menu opening with the keyboard too.
 */
describe('the header on a 390 px phone', () => {
  for (const prefix of ['', '/zh']) {
    it(`${prefix}/program/ keeps the header to one line of controls, and its menu works by keyboard`, async () => {
      const page = await session.newPage({ viewport: { width: 390, height: 844 } });
      await page.goto(`${prefix}/program/`);
      const header = await page.locator('.site-header').boundingBox();
      // One line of the name beside the controls, or two of the name: never the old three of links.
      expect(header?.height).toBeLessThan(80);
      expect(await page.locator('.site-navigation').isVisible()).toBe(false);
      // The other language stays one tap away, outside the menu.
      const otherLanguage = page.getByRole('link', { name: prefix ? 'English' : '中文' });
      expect(await otherLanguage.isVisible()).toBe(true);
      await page.locator('.site-menu > summary').focus();
      await page.keyboard.press('Enter');
      expect(await page.locator('.site-navigation').isVisible()).toBe(true);
      expect(await page.locator('.site-search input').isVisible()).toBe(true);
      await expectNoViolations(page, 'menu open at 390 px');
    });
  }

  it('shows the whole navigation and the box without a menu control on a wide screen', async () => {
    const page = await session.newPage();
    await page.goto('/program/');
    expect(await page.locator('.site-menu > summary').isVisible()).toBe(false);
    expect(await page.locator('.site-navigation').isVisible()).toBe(true);
    expect(await page.locator('.site-search input').isVisible()).toBe(true);
  });
});

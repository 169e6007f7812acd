import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession } from '../support/browser-session.ts';

const session = browserSession('portal-guide-');

// Nothing outside the portal answers: the map tiles fail at once, as they do offline.
const newPage = () =>
  session.newPage({}, (context) =>
    context.route(
      (url) => url.hostname !== new URL(session.portal.url).hostname,
      (route) => route.abort('internetdisconnected'),
    ),
  );

const results = (page: Page) => page.locator('#guide-results > li');

/** The distances the list shows, in metres, in the order it shows them. */
async function shownDistances(page: Page): Promise<number[]> {
  const values = await results(page).evaluateAll((items) =>
    items.map((item) => Number((item as HTMLElement).dataset.distance)),
  );
  return values;
}

/** What the tourist reads and picks in each language. */
const locales = [
  {
    locale: 'en',
    prefix: '',
    found: /places? found|more are available/,
    near: 'Near',
    landmark: 'Convention center',
    within: 'Within',
    radius: '2 km',
    restaurants: 'Restaurants',
    openNow: 'Open now',
    kind: 'Restaurant',
    away: /\d( ?m| ?km) away/,
    mapNote: 'map tiles could not be loaded',
    map: 'Map of the results',
    review: {
      rating: '4 of 5',
      comment: 'Comment',
      author: 'Your name',
      submit: 'Post review',
      posted: 'Thank you, your review is posted.',
      stars: '4 out of 5',
      text: 'Good noodles, <b>bold</b> flavours.',
      name: 'Guide Tester',
    },
  },
  {
    locale: 'zh',
    prefix: '/zh',
    found: /找到|已显示/,
    near: '附近',
    landmark: '乌镇互联网国际会展中心',
    within: '范围',
    radius: '2公里',
    restaurants: '餐馆',
    openNow: '正在营业',
    kind: '餐馆',
    away: /距离\d[\d.,]* ?(米|公里)/,
    mapNote: '地图图块未能加载',
    map: '搜索结果地图',
    review: {
      rating: '4 分',
      comment: '评价内容',
      author: '您的署名',
      submit: '发表评价',
      posted: '谢谢，您的评价已发表。',
      stars: '4 分（满分 5 分）',
      text: '面很好吃，<b>加粗</b>的味道。',
      name: '指南测试者',
    },
  },
] as const;

describe('town guide in Chromium', () => {
  for (const strings of locales) {
    const { locale, prefix, found, review: posted } = strings;
    it(`finds restaurants open now near the convention center, opens one and leaves a comment (${locale})`, async () => {
      const page = await newPage();
      await page.goto(`${prefix}/guide/`);
      const status = page.locator('#guide-status');
      await status.filter({ hasText: found }).waitFor();
      expect(await page.locator('#guide-directory').isHidden()).toBe(true);

      // The tourist's own clicks: a landmark, a category, open now. Each choice updates the address.
      await page.getByLabel(strings.near, { exact: true }).selectOption({ label: strings.landmark });
      await page.getByLabel(strings.within, { exact: true }).selectOption({ label: strings.radius });
      await page.getByRole('checkbox', { name: strings.restaurants, exact: true }).check();
      await page.getByRole('checkbox', { name: strings.openNow, exact: true }).check();
      await page.waitForURL(/openNow=true/);
      const url = new URL(page.url());
      expect(url.pathname).toBe(`${prefix}/guide/`);
      expect(url.searchParams.get('category')).toBe('restaurant');
      expect(url.searchParams.get('near')).toBe('30.7565,120.4880');
      expect(url.searchParams.get('radius')).toBe('2000');
      await expect.poll(() => status.textContent()).not.toMatch(/Searching…|正在搜索…/);

      // "Now" is the real clock, so the API's open-now filter is checked at a fixed moment instead.
      const at = '2027-11-17T12:00:00%2B08:00';
      await page.goto(
        `${prefix}/guide/?category=restaurant&near=30.7565,120.4880&radius=2000&openNow=true&at=${at}`,
      );
      await status.filter({ hasText: found }).waitFor();
      expect(await page.getByRole('checkbox', { name: strings.restaurants, exact: true }).isChecked()).toBe(
        true,
      );
      expect(await page.getByRole('checkbox', { name: strings.openNow, exact: true }).isChecked()).toBe(true);
      expect(await page.getByLabel(strings.near, { exact: true }).inputValue()).toBe('30.7565,120.4880');

      const distances = await shownDistances(page);
      expect(distances.length).toBeGreaterThan(0);
      expect(distances.every((distance) => distance <= 2000)).toBe(true);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
      for (const item of await results(page).all()) {
        const facts = await item.locator('.guide-facts').textContent();
        expect(facts).toContain(strings.kind);
        expect(facts).toMatch(strings.away);
        expect(facts).toContain(strings.openNow);
      }

      // The API agrees: the same search, asked directly, gives the same places in the same order.
      const api = await fetch(
        new URL(
          `/api/venues?category=restaurant&near=30.7565,120.4880&radius=2000&openNow=true&at=${at}&limit=20`,
          session.portal.url,
        ),
      );
      const { items } = (await api.json()) as { items: { id: string; sample: boolean }[] };
      const hrefs = await results(page)
        .locator('h3 a')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      expect(hrefs).toEqual(items.map(({ id }) => `${prefix}/v/${id}/`));
      expect(await results(page).locator('.sample-mark').count()).toBe(
        items.filter((item) => item.sample).length,
      );

      // Offline, the map says so and the list stays whole.
      await page.locator('#guide-map-note', { hasText: strings.mapNote }).waitFor();
      expect(await page.getByRole('region', { name: strings.map }).count()).toBe(1);

      // The back button returns to the tourist's own search.
      await page.goBack();
      await page.waitForURL((address) => !address.searchParams.has('at'));

      await page.goForward();
      await status.filter({ hasText: found }).waitFor();
      const first = results(page).first().locator('h3 a');
      const name = (await first.textContent()) ?? '';
      const href = (await first.getAttribute('href')) ?? '';
      expect(href).toMatch(new RegExp(`^${prefix}/v/[a-z0-9-]+/$`));

      await first.click();
      await page.waitForURL((address) => address.pathname === href);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(name);

      // A comment with markup in it is shown as the text it is.
      const reviewForm = page.locator('#review-form');
      await reviewForm.getByRole('radio', { name: posted.rating, exact: true }).check();
      await reviewForm.getByLabel(posted.comment, { exact: true }).fill(posted.text);
      await reviewForm.getByLabel(posted.author, { exact: true }).fill(posted.name);
      await reviewForm.getByRole('button', { name: posted.submit, exact: true }).click();
      await reviewForm.getByRole('status').filter({ hasText: posted.posted }).waitFor();
      const review = page.locator('#review-list li', { hasText: posted.name });
      await review.waitFor();
      expect(await review.textContent()).toContain(posted.text);
      expect(await review.textContent()).toContain(posted.stars);
      expect(await review.locator('b').count()).toBe(0);

      // The next visitor finds it listed, from the API this time.
      await page.reload();
      const listed = page.locator('#review-list li', { hasText: posted.name });
      await listed.waitFor();
      expect(await listed.locator('.review-comment').textContent()).toBe(posted.text);
    });
  }

  it('tells a reader who refuses their position to choose a landmark', async () => {
    const page = await newPage();
    await page.goto('/guide/');
    await page
      .locator('#guide-status')
      .filter({ hasText: /places found|more are available/ })
      .waitFor();
    await page.getByRole('button', { name: 'Near me' }).click();
    await page.locator('#guide-location-status', { hasText: 'choose a landmark' }).waitFor();
    expect(new URL(page.url()).searchParams.has('near')).toBe(false);
  });

  it('finds the Internet hospital by a Chinese search in Chinese', async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/zh/guide/');
    await page
      .locator('#guide-status')
      .filter({ hasText: /找到|已显示/ })
      .waitFor();
    // The header has its own 搜索 button (the site search): this one is the guide's.
    const guideForm = page.locator('#guide-form');
    await guideForm.getByLabel('名称或关键词').fill('医院');
    await guideForm.getByRole('button', { name: '搜索', exact: true }).click();
    await page.waitForURL(/q=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('医院');
    const hospital = page.getByRole('link', { name: '乌镇互联网医院' });
    await hospital.waitFor();
    expect(await hospital.getAttribute('href')).toBe('/zh/v/internet-hospital/');
    expect(await page.locator('#guide-results > li', { has: hospital }).textContent()).toContain('医院');
    // The language switch keeps the search.
    expect(await page.getByRole('link', { name: 'English' }).getAttribute('href')).toMatch(/^\/guide\/\?q=/);
  });
});

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

describe('town guide in Chromium', () => {
  it('finds restaurants near the convention center from the form, then from a shared address, and opens one', async () => {
    const page = await newPage();
    await page.goto('/guide/');
    const status = page.locator('#guide-status');
    await status.filter({ hasText: /places found|more are available/ }).waitFor();
    expect(await page.locator('#guide-directory').isHidden()).toBe(true);

    // The tourist's own clicks: a landmark, a category, open now. Each choice updates the address.
    await page.getByLabel('Near', { exact: true }).selectOption({ label: 'Convention center' });
    await page.getByLabel('Within').selectOption({ label: '2 km' });
    await page.getByRole('checkbox', { name: 'Restaurants' }).check();
    await page.getByRole('checkbox', { name: 'Open now' }).check();
    await page.waitForURL(/openNow=true/);
    const url = new URL(page.url());
    expect(url.searchParams.get('category')).toBe('restaurant');
    expect(url.searchParams.get('near')).toBe('30.7565,120.4880');
    expect(url.searchParams.get('radius')).toBe('2000');
    await expect.poll(() => status.textContent()).not.toBe('Searching…');

    // "Now" is the real clock, so the API's open-now filter is checked at a fixed moment instead.
    await page.goto(
      '/guide/?category=restaurant&near=30.7565,120.4880&radius=2000&openNow=true&at=2027-11-17T12:00:00%2B08:00',
    );
    await status.filter({ hasText: /places? found|more are available/ }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Restaurants' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Open now' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Near', { exact: true }).inputValue()).toBe('30.7565,120.4880');

    const distances = await shownDistances(page);
    expect(distances.length).toBeGreaterThan(0);
    expect(distances.every((distance) => distance <= 2000)).toBe(true);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    for (const item of await results(page).all()) {
      const facts = await item.locator('.guide-facts').textContent();
      expect(facts).toContain('Restaurant');
      expect(facts).toMatch(/\d( ?m| ?km) away/);
      expect(facts).toContain('Open now');
    }

    // The API agrees: the same search, asked directly, gives the same places in the same order.
    const api = await fetch(
      new URL(
        '/api/venues?category=restaurant&near=30.7565,120.4880&radius=2000&openNow=true&at=2027-11-17T12:00:00%2B08:00&limit=20',
        session.portal.url,
      ),
    );
    const { items } = (await api.json()) as { items: { id: string; sample: boolean }[] };
    const hrefs = await results(page)
      .locator('h3 a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(hrefs).toEqual(items.map(({ id }) => `/v/${id}/`));
    expect(await results(page).locator('.sample-mark').count()).toBe(
      items.filter((item) => item.sample).length,
    );

    // Offline, the map says so and the list stays whole.
    await page.locator('#guide-map-note', { hasText: 'map tiles could not be loaded' }).waitFor();
    expect(await page.getByRole('region', { name: 'Map of the results' }).count()).toBe(1);

    // The back button returns to the tourist's own search.
    await page.goBack();
    await page.waitForURL((address) => !address.searchParams.has('at'));

    await page.goForward();
    await status.filter({ hasText: /places? found|more are available/ }).waitFor();
    const first = results(page).first().locator('h3 a');
    const name = (await first.textContent()) ?? '';
    const href = (await first.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/v\/[a-z0-9-]+\/$/);

    await first.click();
    await page.waitForURL((address) => address.pathname === href);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(name);

    // A comment with markup in it is shown as the text it is.
    const reviewForm = page.locator('#review-form');
    await reviewForm.getByRole('radio', { name: '4 of 5' }).check();
    await reviewForm.getByLabel('Comment').fill('Good noodles, <b>bold</b> flavours.');
    await reviewForm.getByLabel('Your name').fill('Guide Tester');
    await reviewForm.getByRole('button', { name: 'Post review' }).click();
    const review = page.locator('#review-list li', { hasText: 'Guide Tester' });
    await review.waitFor();
    expect(await review.textContent()).toContain('<b>bold</b>');
    expect(await review.locator('b').count()).toBe(0);
  });

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
    await page.getByLabel('名称或关键词').fill('医院');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
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

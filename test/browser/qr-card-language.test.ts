/**
 * A printed QR card encodes one address for every reader (/q/<id>/): Chromium in Chinese lands on
 * the Chinese venue page, in English or any other language on the English one, each with the
 * language switch still there; without JavaScript the page offers both. Cards printed before it
 * encode /v/<id>/, which still opens the venue's page.
 */
import { describe, expect, it } from 'vitest';
import { expectNoViolations } from '../support/axe-check.ts';
import { browserSession } from '../support/browser-session.ts';

const session = browserSession('portal-qr-card-');
const card = '/q/tongan-inn/';

describe('the QR card’s address', () => {
  it.each([
    ['zh-CN', '/zh/v/tongan-inn/', '通安客栈', 'English'],
    ['zh-TW', '/zh/v/tongan-inn/', '通安客栈', 'English'],
    ['en-US', '/v/tongan-inn/', "Tong'an Inn", '简体中文'],
    ['fr-FR', '/v/tongan-inn/', "Tong'an Inn", '简体中文'],
  ])(
    'opens the venue page in the reader’s language (%s), with the switch to the other',
    async (locale, path, name, other) => {
      const page = await session.newPage({ locale });
      await page.goto(card);
      await page.waitForURL((url) => url.pathname === path);
      await page.locator('h1', { hasText: name }).waitFor();
      const switchLink = page.locator('.language-switch a');
      expect(await switchLink.textContent()).toBe(other);
      // The switch is obeyed: the other language's page stays, it is never sent back.
      await switchLink.click();
      await page.waitForURL((url) => url.pathname !== path);
      await page.waitForLoadState('load');
      expect(new URL(page.url()).pathname).toBe(
        path.startsWith('/zh/') ? '/v/tongan-inn/' : '/zh/v/tongan-inn/',
      );
    },
  );

  it('leaves the back button out of the way: Back leads to where the reader came from', async () => {
    const page = await session.newPage({ locale: 'zh-CN' });
    await page.goto('/zh/guide/');
    await page.goto(card);
    await page.waitForURL((url) => url.pathname === '/zh/v/tongan-inn/');
    await page.goBack();
    expect(new URL(page.url()).pathname).toBe('/zh/guide/');
  });

  it('offers both languages without JavaScript', async () => {
    const page = await session.newPage({ locale: 'zh-CN', javaScriptEnabled: false });
    const answer = await page.goto(card);
    expect(answer?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(card);
    const links = await page
      .locator('main a')
      .evaluateAll((anchors) => anchors.map((anchor) => [anchor.textContent, anchor.getAttribute('href')]));
    expect(links).toEqual([
      ['English', '/v/tongan-inn/'],
      ['简体中文', '/zh/v/tongan-inn/'],
    ]);
  });

  it('has no accessibility violation while it shows (checked here: with its script it is gone at once)', async () => {
    const page = await session.newPage({ locale: 'zh-CN' }, (context) =>
      context.route('**/_astro/*.js', (route) => route.abort()),
    );
    await page.goto(card);
    expect(new URL(page.url()).pathname).toBe(card);
    await expectNoViolations(page);
  });

  it('keeps old cards working: /v/<id>/ still opens the venue page, with the switch to Chinese', async () => {
    const page = await session.newPage({ locale: 'zh-CN' });
    const answer = await page.goto('/v/tongan-inn/');
    expect(answer?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/v/tongan-inn/');
    expect(await page.locator('.language-switch a').getAttribute('href')).toBe('/zh/v/tongan-inn/');
  });
});

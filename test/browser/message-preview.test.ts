/**
 * An organizer previews the messages to registrants in Chromium, in English and Chinese, on a 390 px
 * phone: each kind shows its subject, the e-mail (the ticket's QR code inline) and the plain text,
 * with no CSP message (the e-mail's inline style never reaches the page), no horizontal scrolling,
 * and axe finds nothing with the sample shown.
 */
import { describe, expect, it } from 'vitest';
import { signOrganizerToken } from '../../local/organizer-tokens.ts';
import { expectNoViolations } from '../support/axe-check.ts';
import { browserSession } from '../support/browser-session.ts';

const session = browserSession('portal-message-preview-');

const locales = [
  {
    locale: 'en',
    prefix: '',
    token: 'Access token',
    signIn: 'Sign in',
    message: 'Message',
    language: 'Registrant’s language',
    preview: 'Preview',
    confirmed: 'Registration confirmed',
    waitlisted: 'On the waiting list',
    chinese: 'Chinese',
    subjects: { confirmed: /^Registration confirmed: /, waitlisted: /^已进入候补名单：/ },
    greeting: 'Dear Sample Attendee,',
    plainText: 'Plain-text version',
  },
  {
    locale: 'zh',
    prefix: '/zh',
    token: '访问令牌',
    signIn: '登录',
    message: '通知',
    language: '报名者的语言',
    preview: '预览',
    confirmed: '报名成功',
    waitlisted: '进入候补名单',
    chinese: '中文',
    subjects: { confirmed: /^报名成功：/, waitlisted: /^已进入候补名单：/ },
    greeting: '尊敬的示例参会者：',
    plainText: '纯文本版本',
  },
] as const;

describe('the message preview in Chromium', () => {
  for (const strings of locales) {
    it(`shows a sample of each kind, in either language, on a phone (${strings.locale})`, async () => {
      const page = await session.newPage({ viewport: { width: 390, height: 844 } });
      const policyMessages: string[] = [];
      page.on('console', (message) => {
        if (/content[- ]security[- ]policy/i.test(message.text())) policyMessages.push(message.text());
      });
      await page.goto(`${strings.prefix}/organizer/`);
      await page
        .getByLabel(strings.token, { exact: true })
        .fill(await signOrganizerToken(session.dataDirectory, 'organizer'));
      await page.getByRole('button', { name: strings.signIn, exact: true }).click();
      await page.locator('#organizer-workspace').waitFor();

      // The page's language is chosen first: a confirmation, with its ticket.
      await page.getByLabel(strings.message, { exact: true }).selectOption({ label: strings.confirmed });
      await page.getByRole('button', { name: strings.preview, exact: true }).click();
      const subject = page.locator('#message-preview-subject');
      await expect.poll(() => subject.textContent()).toMatch(strings.subjects.confirmed);
      const email = page.locator('#message-preview-html');
      expect(await email.locator('p').first().textContent()).toBe(strings.greeting);
      const qrCode = email.locator('img');
      await expect
        .poll(() => qrCode.evaluate((image: HTMLImageElement) => image.naturalWidth))
        .toBeGreaterThan(0);
      expect(await email.locator('[style], script').count()).toBe(0);
      await page.getByText(strings.plainText, { exact: true }).click();
      expect(await page.locator('#message-preview-text').textContent()).toContain(strings.greeting);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expectNoViolations(page, 'message preview shown');

      // The waiting list's message in Chinese: no ticket in it.
      await page.getByLabel(strings.message, { exact: true }).selectOption({ label: strings.waitlisted });
      await page.getByLabel(strings.language, { exact: true }).selectOption({ label: strings.chinese });
      await page.getByRole('button', { name: strings.preview, exact: true }).click();
      await expect.poll(() => subject.textContent()).toMatch(strings.subjects.waitlisted);
      expect(await email.getAttribute('lang')).toBe('zh-Hans');
      expect(await qrCode.count()).toBe(0);
      expect(policyMessages).toEqual([]);
    });
  }
});

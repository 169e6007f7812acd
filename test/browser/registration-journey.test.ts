/**
 * The registration pages in Chromium against the whole portal as `npm start` runs it: an attendee
 * registers, opens the ticket and cancels, in English and Chinese; door staff check a ticket in.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession } from '../support/browser-session.ts';
import { registerThroughApi, uniqueEmail } from '../support/portal-registration.ts';

const projectRoot = join(import.meta.dirname, '../..');

const session = browserSession('portal-browser-');
const newPage = () => session.newPage();

/** Counts this page's registration requests, to prove a double click sends one. */
function countRegistrationPosts(page: Page): () => number {
  let posts = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/registrations') posts++;
  });
  return () => posts;
}

/** What the attendee reads and picks in each language. */
const locales = [
  {
    locale: 'en',
    prefix: '',
    ownLanguage: 'English',
    category: 'Speaker',
    name: 'Ada Browser',
    errors: {
      name: 'Enter your full name.',
      category: 'Choose one of the categories that are open.',
      email: 'Enter an e-mail address',
      country: 'Choose your country or region.',
      consent: 'Tick this box',
    },
    label: { name: 'Full name', email: 'E-mail', country: 'Country or region', consent: /I agree/ },
    country: 'GB',
    submit: 'Register',
    registered: 'You are registered',
    manageLink: 'Open your registration and ticket',
    qr: /QR code for check-in code/,
    confirmed: 'Confirmed',
    cancel: 'Cancel registration',
    dialog: 'Cancel your registration?',
    yes: 'Yes, cancel it',
    cancelled: 'Your registration is cancelled.',
    cancelledStatus: 'Cancelled',
  },
  {
    locale: 'zh',
    prefix: '/zh',
    ownLanguage: '简体中文',
    category: '参展商',
    name: '李明',
    errors: {
      name: '请填写姓名。',
      category: '请选择一个正在开放报名的类别。',
      email: '请填写有效的电子邮箱',
      country: '请选择国家或地区。',
      consent: '请勾选此项',
    },
    label: { name: '姓名', email: '电子邮箱', country: '国家或地区', consent: /我同意/ },
    country: 'CN',
    submit: '提交报名',
    registered: '报名成功',
    manageLink: '查看报名与电子票',
    qr: /^签到码 .+ 的二维码$/,
    confirmed: '已确认',
    cancel: '取消报名',
    dialog: '确定取消报名吗？',
    yes: '确定取消',
    cancelled: '您的报名已取消。',
    cancelledStatus: '已取消',
  },
] as const;

describe('registration pages in Chromium', () => {
  for (const strings of locales) {
    const { locale, prefix, label } = strings;
    it(`registers after showing each empty field its error, then opens the ticket and cancels (${locale})`, async () => {
      const page = await newPage();
      const posts = countRegistrationPosts(page);
      await page.goto(`${prefix}/register/`);
      expect(await page.getByRole('radio', { name: strings.ownLanguage }).isChecked()).toBe(true);
      const submit = page.getByRole('button', { name: strings.submit, exact: true });

      await submit.click();
      await page.locator('#field-name-error', { hasText: strings.errors.name }).waitFor();
      for (const field of ['category', 'email', 'country', 'consent'] as const) {
        expect(await page.locator(`[data-error-for="${field}"]`).textContent(), field).toContain(
          strings.errors[field],
        );
      }
      expect(await page.getByLabel(label.name, { exact: true }).getAttribute('aria-invalid')).toBe('true');
      // The first field in error is the category group: its first open choice takes the focus.
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('category');

      await page.getByRole('radio', { name: strings.category }).check();
      await page.getByLabel(label.name, { exact: true }).fill(strings.name);
      await page.getByLabel(label.email, { exact: true }).fill(uniqueEmail(`ada.${locale}`));
      await page.getByLabel(label.country, { exact: true }).selectOption(strings.country);
      await page.getByRole('checkbox', { name: label.consent }).check();
      await submit.dblclick();

      const result = page.locator('#registration-result');
      await result.getByRole('heading', { name: strings.registered }).waitFor();
      expect(posts(), 'the empty form, then one for the double click').toBe(2);
      expect(await page.locator('#result-code').textContent()).toMatch(
        /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]$/,
      );
      const manageLink = result.getByRole('link', { name: strings.manageLink });
      expect(await manageLink.getAttribute('href')).toMatch(
        new RegExp(`^${prefix}/registration/#[0-9A-Z]{26}\\.[\\w-]+$`),
      );

      await manageLink.click();
      await page.getByRole('img', { name: strings.qr }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`${prefix}/registration/`);
      expect(new URL(page.url()).hash, 'the token leaves the address bar').toBe('');
      expect(await page.locator('#ticket-name').textContent()).toBe(strings.name);
      expect(await page.locator('#detail-status').textContent()).toBe(strings.confirmed);
      expect(
        await page
          .locator('#ticket-qr img')
          .evaluate((image: HTMLImageElement) => image.decode().then(() => image.naturalWidth)),
      ).toBeGreaterThan(0);

      await page.getByRole('button', { name: strings.cancel, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: strings.dialog });
      await dialog.getByRole('button', { name: strings.yes, exact: true }).click();
      await page.locator('#manage-status', { hasText: strings.cancelled }).waitFor();
      expect(await page.locator('#detail-status').textContent()).toBe(strings.cancelledStatus);
      expect(await page.locator('#ticket').isHidden()).toBe(true);
    });
  }

  it('checks a registration in by its typed code, then reports it as already checked in', async () => {
    const { code } = await registerThroughApi(session.portal.url, {
      name: 'Door Test',
      email: uniqueEmail('door'),
      country: 'SG',
      language: 'en',
    });

    const token = spawnSync(process.execPath, ['local/token.ts', '--role', 'organizer'], {
      cwd: projectRoot,
      env: { ...process.env, DATA_DIR: session.dataDirectory },
      encoding: 'utf8',
    });
    expect(token.status, token.stderr).toBe(0);

    const page = await newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/organizer/checkin/');
    await page.getByLabel('Access token').fill(token.stdout.trim());
    await page.getByRole('button', { name: 'Sign in' }).click();

    const codeField = page.getByLabel('Check-in code');
    const result = page.locator('#checkin-result');
    // Typed the way people type: lower case, with a space and a hyphen.
    await codeField.fill(
      `${code.slice(0, 4).toLowerCase()} ${code.slice(4, 8).toLowerCase()}-${code.slice(8)}`,
    );
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await page.locator('#checkin-result[data-result="checked-in"]').waitFor();
    expect(await result.textContent()).toContain('Door Test · Speaker');

    await codeField.fill(code);
    await codeField.press('Enter');
    await page.locator('#checkin-result[data-result="already"]').waitFor();
    expect(await result.textContent()).toMatch(/Already checked in at \d\d:\d\d/);
  });
});

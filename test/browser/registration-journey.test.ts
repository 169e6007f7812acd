/**
 * The registration pages in Chromium against the whole portal as `npm start` runs it: an attendee
 * registers, opens the ticket and cancels, in English and Chinese; door staff check a ticket in.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession } from '../support/browser-session.ts';
import { registerThroughApi, uniqueEmail } from '../support/portal-registration.ts';

const projectRoot = join(import.meta.dirname, '../..');

const session = browserSession('portal-browser-');

/** Counts this page's registration requests, to prove a double click sends one. */
function countRegistrationPosts(page: Page): () => number {
  let posts = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/registrations') posts++;
  });
  return () => posts;
}

/** The challenges this page asked for and the solutions it sent with its registrations. */
function proofOfWorkTraffic(page: Page) {
  const challenges: Array<{ purpose: string | null; domain: string | null; challenge: string }> = [];
  const solutions: Array<{ challenge: string; number: number }> = [];
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (url.pathname !== '/api/challenge') return;
    const { challenge } = (await response.json()) as { challenge: string };
    challenges.push({
      purpose: url.searchParams.get('purpose'),
      domain: url.searchParams.get('domain'),
      challenge,
    });
  });
  page.on('request', (request) => {
    if (request.method() !== 'POST' || new URL(request.url()).pathname !== '/api/registrations') return;
    const { altcha } = JSON.parse(request.postData() ?? '{}') as { altcha?: string };
    if (altcha) solutions.push(JSON.parse(Buffer.from(altcha, 'base64').toString()));
  });
  return { challenges, solutions };
}

/** Holds the page's requests for the categories until release(), as a slow network would. */
function slowCategories() {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const hold = async (route: Route) => {
    await released;
    await route.continue();
  };
  return { release, prepare: (context: BrowserContext) => context.route('**/api/categories', hold) };
}

/** Where the focus is: a form control's name, or else the element's id ("#" alone for none). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLInputElement | null;
    return active?.name || `#${active?.id ?? ''}`;
  });

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
      crossBorderConsent: 'Tick this box too',
    },
    label: {
      name: 'Full name',
      email: 'E-mail',
      country: 'Country or region',
      consent: /I agree that/,
      crossBorder: /I agree separately/,
    },
    privacyLink: 'Read the privacy notice',
    privacyTitle: 'Privacy notice',
    country: 'GB',
    categoriesLoading: 'Loading the categories…',
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
      crossBorderConsent: '请同时勾选此项',
    },
    label: {
      name: '姓名',
      email: '电子邮箱',
      country: '国家或地区',
      consent: /我同意/,
      crossBorder: /我单独同意/,
    },
    privacyLink: '阅读隐私告知',
    privacyTitle: '隐私告知',
    country: 'CN',
    categoriesLoading: '正在加载参会类别…',
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
      const page = await session.newPage();
      const posts = countRegistrationPosts(page);
      const proofOfWork = proofOfWorkTraffic(page);
      await page.goto(`${prefix}/register/`);
      expect(await page.getByRole('radio', { name: strings.ownLanguage }).isChecked()).toBe(true);
      const submit = page.getByRole('button', { name: strings.submit, exact: true });
      // A person sees the category choices before sending the form (sending it sooner is the next test).
      await page.getByRole('radio', { name: strings.category }).waitFor();

      await submit.click();
      await page.locator('#field-name-error', { hasText: strings.errors.name }).waitFor();
      for (const field of ['category', 'email', 'country', 'consent', 'crossBorderConsent'] as const) {
        expect(await page.locator(`[data-error-for="${field}"]`).textContent(), field).toContain(
          strings.errors[field],
        );
      }
      expect(await page.getByLabel(label.name, { exact: true }).getAttribute('aria-invalid')).toBe('true');
      // The first field in error is the category group: its first open choice takes the focus.
      expect(await focused(page)).toBe('category');

      await page.getByRole('radio', { name: strings.category }).check();
      await page.getByLabel(label.name, { exact: true }).fill(strings.name);
      const email = uniqueEmail(`ada.${locale}`);
      await page.getByLabel(label.email, { exact: true }).fill(email);
      await page.getByLabel(label.country, { exact: true }).selectOption(strings.country);
      await page.getByRole('checkbox', { name: label.consent }).check();
      await submit.click();
      // The main consent alone is not enough: the transfer abroad is agreed to on its own.
      await page
        .locator('#field-crossBorderConsent-error', { hasText: strings.errors.crossBorderConsent })
        .waitFor();
      expect(await page.locator('#field-consent-error').textContent()).toBe('');
      expect(await focused(page)).toBe('crossBorderConsent');
      await page.getByRole('checkbox', { name: label.crossBorder }).check();
      await submit.dblclick();

      const result = page.locator('#registration-result');
      await result.getByRole('heading', { name: strings.registered }).waitFor();
      expect(
        posts(),
        'the empty form, the one without the transfer consent, then one for the double click',
      ).toBe(3);
      // Each was sent with a solution the page found for a challenge it asked for: the registration's
      // bound to the e-mail's domain.
      expect(proofOfWork.solutions.map(({ challenge }) => challenge)).toEqual(
        proofOfWork.challenges.map(({ challenge }) => challenge),
      );
      expect(proofOfWork.challenges.at(-1)).toMatchObject({ purpose: 'registration', domain: 'example.com' });
      expect(email.endsWith('@example.com')).toBe(true);
      expect(await page.locator('#result-code').textContent()).toMatch(
        /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]$/,
      );
      const manageLink = result.getByRole('link', { name: strings.manageLink });
      expect(await manageLink.getAttribute('href')).toMatch(
        new RegExp(`^${prefix}/registration/#[0-9A-Z]{26}\\.[\\w-]+$`),
      );

      // The receipt holds the notice the page showed, in the page's language, and the boxes as ticked.
      const [id, token] = ((await manageLink.getAttribute('href')) ?? '').split('#')[1]?.split('.') ?? [];
      const receipt = await page.evaluate(
        async ([id, token]) =>
          (
            await (
              await fetch(`/api/registrations/${id}`, { headers: { authorization: `Bearer ${token}` } })
            ).json()
          ).consent,
        [id, token] as const,
      );
      expect(receipt).toMatchObject({
        noticeVersion: await page.locator('input[name="noticeVersion"]').inputValue(),
        language: locale,
        registration: true,
        crossBorderTransfer: true,
        partnerSharing: false,
      });

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

  for (const strings of locales) {
    const { locale, prefix } = strings;
    it(`links the privacy notice of its language beside the consents, with the version it sends (${locale})`, async () => {
      const page = await session.newPage();
      await page.goto(`${prefix}/register/`);
      const link = page.getByRole('link', { name: strings.privacyLink });
      expect(await link.getAttribute('href')).toBe(`${prefix}/privacy/`);
      const [notice] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
      await notice.getByRole('heading', { level: 1, name: strings.privacyTitle }).waitFor();
      expect(await notice.locator('[data-notice-version]').getAttribute('data-notice-version')).toBe(
        await page.locator('input[name="noticeVersion"]').inputValue(),
      );
      await notice.close();
    });
  }

  for (const strings of locales) {
    const { locale, prefix, label } = strings;
    it(`keeps the form usable while the categories load: sent early, it shows its errors, and the category group takes the focus, then its first open choice (${locale})`, async () => {
      const categories = slowCategories();
      const page = await session.newPage({}, categories.prepare);
      await page.goto(`${prefix}/register/`);
      await page.locator('#category-choices').getByText(strings.categoriesLoading).waitFor();
      await page.getByLabel(label.name, { exact: true }).fill(strings.name);

      await page.getByRole('button', { name: strings.submit, exact: true }).click();
      await page.locator('#category-error', { hasText: strings.errors.category }).waitFor();
      expect(await page.locator('[data-error-for="email"]').textContent()).toContain(strings.errors.email);
      expect(await focused(page), 'the group, described by its loading note').toBe('#category-group');

      categories.release();
      const choice = page.getByRole('radio', { name: strings.category });
      await choice.waitFor();
      expect(await focused(page)).toBe('category');
      expect(await choice.getAttribute('aria-invalid'), 'the error holds for the choices').toBe('true');
      expect(await page.locator('#category-error').textContent()).toBe(strings.errors.category);
      expect(await page.getByLabel(label.name, { exact: true }).inputValue()).toBe(strings.name);
    });
  }

  it('offers to load the categories again when they could not be loaded, keeping what was typed', async () => {
    let requests = 0;
    const page = await session.newPage({}, (context) =>
      context.route('**/api/categories', (route) =>
        requests++ === 0 ? route.abort('internetdisconnected') : route.continue(),
      ),
    );
    await page.goto('/register/');
    const retry = page.getByRole('button', { name: 'Load the categories again' });
    await retry.waitFor();
    expect(await page.locator('#category-choices-note').textContent()).toBe(
      'The categories could not be loaded. What you entered is kept.',
    );
    await page.getByLabel('Full name', { exact: true }).fill('Ada Retry');

    await retry.click();
    await page.getByRole('radio', { name: 'Speaker' }).waitFor();
    expect(requests).toBe(2);
    expect(await focused(page), 'the focus stays with the categories').toBe('category');
    expect(await page.getByLabel('Full name', { exact: true }).inputValue()).toBe('Ada Retry');
  });

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

    const page = await session.newPage();
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

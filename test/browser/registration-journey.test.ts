/**
 * The registration pages in Chromium against the whole portal as `npm start` runs it: an attendee
 * registers, opens the ticket and cancels, in English and Chinese; door staff check a ticket in.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession } from '../support/browser-session.ts';

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

const uniqueEmail = (name: string) =>
  `${name}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;

describe('registration pages in Chromium', () => {
  it('registers in English after showing each empty field its error, then opens the ticket and cancels', async () => {
    const page = await newPage();
    const posts = countRegistrationPosts(page);
    await page.goto('/register/');
    const submit = page.getByRole('button', { name: 'Register' });

    await submit.click();
    await page.locator('#field-name-error', { hasText: 'Enter your full name.' }).waitFor();
    for (const [field, message] of [
      ['category', 'Choose one of the categories that are open.'],
      ['email', 'Enter an e-mail address'],
      ['country', 'Choose your country or region.'],
      ['consent', 'Tick this box'],
    ]) {
      expect(await page.locator(`[data-error-for="${field}"]`).textContent(), field).toContain(message);
    }
    expect(await page.getByLabel('Full name').getAttribute('aria-invalid')).toBe('true');
    // The first field in error is the category group: its first open choice takes the focus.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('category');

    await page.getByRole('radio', { name: 'Speaker' }).check();
    await page.getByLabel('Full name').fill('Ada Browser');
    await page.getByLabel('E-mail').fill(uniqueEmail('ada'));
    await page.getByLabel('Country or region').selectOption('GB');
    await page.getByRole('checkbox', { name: /I agree/ }).check();
    await submit.dblclick();

    const result = page.locator('#registration-result');
    await result.getByRole('heading', { name: 'You are registered' }).waitFor();
    expect(posts()).toBe(2);
    expect(await page.locator('#result-code').textContent()).toMatch(
      /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]$/,
    );
    const manageLink = result.getByRole('link', { name: 'Open your registration and ticket' });
    expect(await manageLink.getAttribute('href')).toMatch(/^\/registration\/#[0-9A-Z]{26}\.[\w-]+$/);

    await manageLink.click();
    await page.getByRole('img', { name: /QR code for check-in code/ }).waitFor();
    expect(new URL(page.url()).hash, 'the token leaves the address bar').toBe('');
    expect(await page.locator('#ticket-name').textContent()).toBe('Ada Browser');
    expect(
      await page
        .locator('#ticket-qr img')
        .evaluate((image: HTMLImageElement) => image.decode().then(() => image.naturalWidth)),
    ).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Cancel registration' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel your registration?' });
    await dialog.getByRole('button', { name: 'Yes, cancel it' }).click();
    await page.locator('#manage-status', { hasText: 'Your registration is cancelled.' }).waitFor();
    expect(await page.locator('#detail-status').textContent()).toBe('Cancelled');
    expect(await page.locator('#ticket').isHidden()).toBe(true);
  });

  it('registers in Chinese and links to the Chinese manage page', async () => {
    const page = await newPage();
    await page.goto('/zh/register/');
    expect(await page.getByRole('radio', { name: '简体中文' }).isChecked()).toBe(true);

    await page.getByRole('radio', { name: '参展商' }).check();
    await page.getByLabel('姓名').fill('李明');
    await page.getByLabel('电子邮箱').fill(uniqueEmail('li.ming'));
    await page.getByLabel('国家或地区').selectOption('CN');
    await page.getByRole('checkbox', { name: /我同意/ }).check();
    await page.getByRole('button', { name: '提交报名' }).click();

    const result = page.locator('#registration-result');
    await result.getByRole('heading', { name: '报名成功' }).waitFor();
    const manageLink = result.getByRole('link', { name: '查看报名与电子票' });
    expect(await manageLink.getAttribute('href')).toMatch(/^\/zh\/registration\/#/);
    await manageLink.click();
    await page.locator('#ticket-name', { hasText: '李明' }).waitFor();
    expect(await page.locator('#detail-status').textContent()).toBe('已确认');
  });

  it('checks a registration in by its typed code, then reports it as already checked in', async () => {
    const registered = await fetch(new URL('/api/registrations', session.portal.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({
        category: 'speaker',
        name: 'Door Test',
        email: uniqueEmail('door'),
        country: 'SG',
        language: 'en',
        consent: true,
      }),
    });
    expect(registered.status).toBe(201);
    const { code } = (await registered.json()) as { code: string };

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

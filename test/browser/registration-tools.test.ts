/**
 * The organizer's registration tools in Chromium, in English and Chinese, on a 390 px phone, against
 * the whole portal: three journalists wait for approval; the organizer selects them all on the page,
 * approves them at once after a confirmation, corrects one's name and e-mail in the edit dialog (an
 * address another registration holds is refused next to the field) and exports one to CSV.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signOrganizerToken } from '../../local/organizer-tokens.ts';
import { expectNoViolations } from '../support/axe-check.ts';
import { browserSession } from '../support/browser-session.ts';
import { parseCsv } from '../support/parse-csv.ts';
import { uniqueEmail } from '../support/portal-registration.ts';
import { fetchSolution } from '../support/proof-of-work.ts';
import { portalConsents } from '../support/registration-consents.ts';

const session = browserSession('portal-registration-tools-');

const locales = [
  {
    locale: 'en',
    prefix: '',
    status: 'Status',
    awaiting: 'Awaiting approval',
    search: 'Search',
    show: 'Show',
    selectPage: 'Select all on this page',
    selected: '3 selected',
    approveSelected: 'Approve selected',
    approvedAll: /^Approved: 3\. Waiting list: 0\. Rejected: 0\. Not changed: 0 /,
    confirmed: 'Confirmed',
    edit: 'Edit',
    name: 'Full name',
    email: 'E-mail',
    reason: 'Reason for the change',
    save: 'Save changes',
    emailTaken: 'Another registration has this e-mail address.',
    saved: (name: string) => `${name}: changes saved.`,
    exportSelected: 'Export selected to CSV',
  },
  {
    locale: 'zh',
    prefix: '/zh',
    status: '状态',
    awaiting: '待审核',
    search: '搜索',
    show: '查询',
    selectPage: '勾选本页全部',
    selected: '已勾选 3 条',
    approveSelected: '批准所选',
    approvedAll: /^已批准：3。进入候补：0。已拒绝：0。未更改：0（/,
    confirmed: '已确认',
    edit: '编辑',
    name: '姓名',
    email: '电子邮箱',
    reason: '修改原因',
    save: '保存修改',
    emailTaken: '另一条报名已使用此电子邮箱。',
    saved: (name: string) => `${name}：修改已保存。`,
    exportSelected: '将所选导出为 CSV',
  },
] as const;

/** A media registration (it waits for approval), made through the API as the form makes it. */
async function journalist(name: string, organization: string) {
  const email = uniqueEmail('press');
  const response = await fetch(new URL('/api/registrations', session.portal.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      category: 'media',
      ...portalConsents,
      name,
      email,
      organization,
      country: 'DE',
      language: 'en',
      altcha: await fetchSolution(session.portal.url, 'registration', email),
    }),
  });
  expect(response.status).toBe(201);
  return { name, email, ...((await response.json()) as { id: string }) };
}

/** Nothing on the page is wider than the phone: the table scrolls inside its own box. */
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('the registration list’s tools in Chromium', () => {
  for (const strings of locales) {
    const { locale, prefix } = strings;
    it(`selects, approves at once and corrects a registration on a phone (${locale})`, async () => {
      const newsroom = `Newsroom${Date.now()}${locale}`;
      const people = [
        await journalist('Ada Lovelace', newsroom),
        await journalist('Grace Hoper', newsroom),
        await journalist('Katherine Johnson', newsroom),
      ];
      const token = await signOrganizerToken(session.dataDirectory, 'organizer');
      const page = await session.newPage({ viewport: { width: 390, height: 844 } });
      await page.goto(`${prefix}/organizer/`);
      await page.locator('#staff-token').fill(token);
      await page.locator('#sign-in-form [type="submit"]').click();
      await page.locator('#organizer-workspace').waitFor();

      await page.getByLabel(strings.status, { exact: true }).selectOption({ label: strings.awaiting });
      await page.getByLabel(strings.search, { exact: true }).fill(newsroom);
      await page.getByRole('button', { name: strings.show, exact: true }).click();
      const table = page.locator('table.registrations');
      await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);

      // Every row on the page, at once, after saying yes.
      await page.getByRole('checkbox', { name: strings.selectPage, exact: true }).check();
      await page.locator('#selection-count', { hasText: strings.selected }).waitFor();
      await expectNoViolations(page, 'three selected');
      await page.getByRole('button', { name: strings.approveSelected, exact: true }).click();
      const confirm = page.locator('#bulk-approve-dialog');
      await confirm.waitFor();
      await expectNoViolations(page, 'bulk approval asked');
      await confirm.getByRole('button', { name: strings.approveSelected, exact: true }).click();
      await page.locator('#list-status').filter({ hasText: strings.approvedAll }).waitFor();
      // Still filtered to those awaiting approval: nobody is left.
      await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
      const confirmed = await fetch(
        new URL(`/api/admin/registrations?status=confirmed&q=${newsroom}`, session.portal.url),
        { headers: { authorization: `Bearer ${token}` } },
      );
      expect(((await confirmed.json()) as { items: unknown[] }).items).toHaveLength(3);

      // The misspelt name, corrected; first with an address another registration holds.
      await page.getByLabel(strings.status, { exact: true }).selectOption({ value: '' });
      await page.getByRole('button', { name: strings.show, exact: true }).click();
      const [ada, grace] = people as [(typeof people)[0], (typeof people)[0]];
      const row = table.locator('tbody tr', { hasText: grace.email });
      await row.getByRole('cell', { name: strings.confirmed, exact: true }).waitFor();
      await row.getByRole('button', { name: `${strings.edit} ${grace.name}`, exact: true }).click();
      const dialog = page.locator('#edit-dialog');
      await dialog.waitFor();
      expect(await dialog.getByLabel(strings.name, { exact: true }).inputValue()).toBe(grace.name);
      await expectNoViolations(page, 'edit dialog');
      await dialog.getByLabel(strings.name, { exact: true }).fill('Grace Hopper');
      await dialog.getByLabel(strings.email, { exact: true }).fill(ada.email);
      await dialog.getByLabel(strings.reason, { exact: true }).fill('Typo in the family name');
      await dialog.getByRole('button', { name: strings.save, exact: true }).click();
      await dialog.locator('[data-error-for="email"]', { hasText: strings.emailTaken }).waitFor();
      expect(await dialog.getByLabel(strings.email, { exact: true }).getAttribute('aria-invalid')).toBe(
        'true',
      );
      await expectNoViolations(page, 'edit dialog with an error');
      const newEmail = uniqueEmail('hopper');
      await dialog.getByLabel(strings.email, { exact: true }).fill(newEmail);
      await dialog.getByRole('button', { name: strings.save, exact: true }).click();
      await page.locator('#list-status', { hasText: strings.saved('Grace Hopper') }).waitFor();
      expect(await dialog.isVisible()).toBe(false);
      const corrected = table.locator('tbody tr', { hasText: newEmail });
      expect(await corrected.getByRole('rowheader').textContent()).toContain('Grace Hopper');

      // The corrected registration alone, as a spreadsheet.
      await corrected.getByRole('checkbox').check();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: strings.exportSelected, exact: true }).click(),
      ]);
      const [header = [], ...records] = parseCsv(
        (await readFile(await download.path())).toString('utf8').slice(1),
      );
      expect(records.map((record) => record[header.indexOf('email')])).toEqual([newEmail]);
      expect(records[0]?.[header.indexOf('name')]).toBe('Grace Hopper');
      expect(await pageWidth(page)).toBeLessThanOrEqual(390);

      // The trail keeps why and which fields, not the values.
      const trail = await fetch(
        new URL(`/api/admin/audit?action=registration.edit&registration=${grace.id}`, session.portal.url),
        { headers: { authorization: `Bearer ${token}` } },
      );
      const entries = ((await trail.json()) as { items: Array<{ outcome: string; filter: unknown }> }).items;
      expect(entries.map(({ outcome, filter }) => [outcome, filter])).toEqual([
        ['succeeded', { fields: 'name,email', reason: 'Typo in the family name' }],
        ['refused', { fields: 'name,organization,country,email', reason: 'Typo in the family name' }],
      ]);
    });
  }
});

/**
 * The organizer's day in Chromium, in English and Chinese, against the whole portal as `npm start`
 * runs it: a journalist registers (media needs approval), the organizer signs in with a token,
 * approves the registration from the dashboard, checks the journalist in by typed code at the
 * check-in page and downloads the registrations as CSV. Then the tools around it: the organizer
 * previews a message, corrects a mistyped name, resends the lost confirmation, and the desk prints
 * the badge after the check-in, read back as a printer and a desk's camera would.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { formatCheckinCode } from '../../functions/domain/checkin-code.ts';
import { signedCodeFields } from '../../functions/domain/signed-checkin-code.ts';
import { signOrganizerToken } from '../../local/organizer-tokens.ts';
import { browserSession } from '../support/browser-session.ts';
import { parseCsv } from '../support/parse-csv.ts';
import { decodePageQr, pdfPageCount, pdfPageTexts } from '../support/pdf-reading.ts';
import { registerThroughApi, uniqueEmail } from '../support/portal-registration.ts';
import { portalConsents } from '../support/registration-consents.ts';

const session = browserSession('portal-organizer-');

/** What the journalist and the organizer read and pick in each language. */
const locales = [
  {
    locale: 'en',
    prefix: '',
    journalist: 'Grace Reporter',
    register: {
      category: 'Media',
      name: 'Full name',
      email: 'E-mail',
      country: 'Country or region',
      consent: /I agree that/,
      crossBorder: /I agree separately/,
      submit: 'Register',
      pending: 'Your registration awaits approval',
    },
    token: 'Access token',
    signIn: 'Sign in',
    signedIn: /^Signed in as organizer/,
    status: 'Status',
    awaiting: 'Awaiting approval',
    search: 'Search',
    show: 'Show',
    caption: 'Registrations, page 1',
    approve: 'Approve',
    approved: (name: string) => `${name}: approved.`,
    confirmed: 'Confirmed',
    checkinLink: 'Go to the check-in page',
    code: 'Check-in code',
    checkIn: 'Check in',
    checkedIn: 'Checked in',
    who: (name: string) => `${name} · Media`,
    organizerLink: 'For organizers',
    csv: 'Download CSV',
    scanFigures: 'Check-in desks offline',
    tools: {
      typo: 'Ada Lovelase',
      corrected: 'Ada Lovelace',
      printedName: 'AdaLovelace',
      message: 'Message',
      confirmedKind: 'Registration confirmed',
      preview: 'Preview',
      subject: /^Registration confirmed: /,
      edit: 'Edit',
      name: 'Full name',
      reason: 'Reason for the change',
      save: 'Save changes',
      saved: (name: string) => `${name}: changes saved.`,
      resend: 'Resend message',
      resent: (name: string) => `${name}: the message was sent again, with a new personal link`,
      badge: 'Badge (PDF)',
      printBadge: 'Print badge',
    },
  },
  {
    locale: 'zh',
    prefix: '/zh',
    journalist: '王记者',
    register: {
      category: '媒体记者',
      name: '姓名',
      email: '电子邮箱',
      country: '国家或地区',
      consent: /我同意/,
      crossBorder: /我单独同意/,
      submit: '提交报名',
      pending: '您的报名正在等待审核',
    },
    token: '访问令牌',
    signIn: '登录',
    signedIn: /^当前身份：组织者/,
    status: '状态',
    awaiting: '待审核',
    search: '搜索',
    show: '查询',
    caption: '报名名单（第1页）',
    approve: '批准',
    approved: (name: string) => `${name}：已批准。`,
    confirmed: '已确认',
    checkinLink: '前往签到页面',
    code: '签到码',
    checkIn: '签到',
    checkedIn: '签到成功',
    who: (name: string) => `${name} · 媒体记者`,
    organizerLink: '组织者入口',
    csv: '下载 CSV',
    scanFigures: '签到台离线扫码',
    tools: {
      typo: '欧阳娜那',
      corrected: '欧阳娜娜',
      printedName: '欧阳娜娜ŌuyángNànà',
      message: '通知',
      confirmedKind: '报名成功',
      preview: '预览',
      subject: /^报名成功：/,
      edit: '编辑',
      name: '姓名',
      reason: '修改原因',
      save: '保存修改',
      saved: (name: string) => `${name}：修改已保存。`,
      resend: '重发通知',
      resent: (name: string) => `${name}：通知已重新发送，附新的专属链接`,
      badge: '胸卡（PDF）',
      printBadge: '打印胸卡',
    },
  },
] as const;

describe('organizer pages in Chromium', () => {
  for (const strings of locales) {
    const { locale, prefix, journalist, register } = strings;
    it(`approves a media registration, checks it in by code and downloads the CSV (${locale})`, async () => {
      // The journalist registers in the same language; media registrations wait for approval.
      const email = uniqueEmail(`press.${locale}`);
      const attendee = await session.newPage();
      await attendee.goto(`${prefix}/register/`);
      await attendee.getByRole('radio', { name: register.category, exact: true }).check();
      await attendee.getByLabel(register.name, { exact: true }).fill(journalist);
      await attendee.getByLabel(register.email, { exact: true }).fill(email);
      await attendee.getByLabel(register.country, { exact: true }).selectOption('DE');
      await attendee.getByRole('checkbox', { name: register.consent }).check();
      await attendee.getByRole('checkbox', { name: register.crossBorder }).check();
      await attendee.getByRole('button', { name: register.submit, exact: true }).click();
      await attendee.getByRole('heading', { name: register.pending }).waitFor();
      const code = (await attendee.locator('#result-code').textContent()) ?? '';
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]$/);
      await attendee.context().close();

      // The organizer signs in with a token on the dashboard.
      const page = await session.newPage();
      await page.goto(`${prefix}/organizer/`);
      await page
        .getByLabel(strings.token, { exact: true })
        .fill(await signOrganizerToken(session.dataDirectory, 'organizer'));
      await page.getByRole('button', { name: strings.signIn, exact: true }).click();
      await page.locator('#organizer-workspace').waitFor();
      expect(await page.locator('#session-who').textContent()).toMatch(strings.signedIn);
      // The figures count registrations per privacy notice version agreed to.
      await page.locator('#notice-versions li', { hasText: portalConsents.noticeVersion }).waitFor();
      const scanFigures = async () => {
        await page.locator('#figure-duplicates').filter({ hasText: /\d/ }).waitFor();
        const read = async (id: string) => Number((await page.locator(id).textContent())?.replace(/\D/g, ''));
        return {
          scans: await read('#figure-scans'),
          tickets: await read('#figure-tickets-scanned'),
          duplicates: await read('#figure-duplicates'),
        };
      };
      const scansBefore = await scanFigures();
      expect(await page.getByRole('heading', { name: strings.scanFigures, exact: true }).count()).toBe(1);

      // Only the registrations awaiting approval, narrowed to this journalist.
      await page.getByLabel(strings.status, { exact: true }).selectOption({ label: strings.awaiting });
      await page.getByLabel(strings.search, { exact: true }).fill(email);
      await page.getByRole('button', { name: strings.show, exact: true }).click();
      const table = page.getByRole('table', { name: strings.caption, exact: true });
      // The filtered list: the header and this one registration.
      await expect.poll(() => table.getByRole('row').count()).toBe(2);
      const row = table.getByRole('row').filter({ hasText: email });
      expect(await row.getByRole('cell', { name: strings.awaiting, exact: true }).count()).toBe(1);
      expect(await row.getByRole('rowheader').textContent()).toBe(journalist);
      expect(await row.getByRole('cell', { name: code, exact: true }).count()).toBe(1);

      const approve = row.getByRole('button', { name: `${strings.approve} ${journalist}`, exact: true });
      await approve.click();
      await page.locator('#list-status', { hasText: strings.approved(journalist) }).waitFor();
      await row.getByRole('cell', { name: strings.confirmed, exact: true }).waitFor();
      expect(await approve.count(), 'a decided registration has no buttons').toBe(0);

      // Check-in, in the same tab: the sign-in carries over.
      await page.getByRole('link', { name: strings.checkinLink, exact: true }).click();
      await page.waitForURL(`**${prefix}/organizer/checkin/`);
      const codeField = page.getByLabel(strings.code, { exact: true });
      await codeField.fill(code.toLowerCase());
      await page.getByRole('button', { name: strings.checkIn, exact: true }).click();
      const result = page.locator('#checkin-result[data-result="checked-in"]');
      await result.waitFor();
      expect(await page.locator('#checkin-verdict').textContent()).toBe(strings.checkedIn);
      expect(await page.locator('#checkin-who').textContent()).toContain(strings.who(journalist));

      // Back on the dashboard, the spreadsheet has the journalist confirmed and checked in.
      await page
        .getByRole('contentinfo')
        .getByRole('link', { name: strings.organizerLink, exact: true })
        .click();
      await page.waitForURL(`**${prefix}/organizer/`);
      await page.locator('#organizer-workspace').waitFor();
      // Two desks scanned the ticket offline as well: their upload counts one ticket and one duplicate.
      const desk = await signOrganizerToken(session.dataDirectory, 'checkin');
      const plain = code.replace(/-/g, '');
      const upload = await fetch(new URL('/api/admin/checkin/scans', session.portal.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${desk}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          scans: ['hall-a', 'hall-b'].map((name, index) => ({
            nonce: `journey-${locale}-${plain}-${name}`,
            code: plain,
            scannedAt: new Date(Date.parse('2027-11-09T01:00:00.000Z') + index * 60_000).toISOString(),
            desk: name,
          })),
        }),
      });
      expect(upload.status).toBe(200);
      await page.reload();
      await page.locator('#organizer-workspace').waitFor();
      expect(await scanFigures()).toEqual({
        scans: scansBefore.scans + 2,
        tickets: scansBefore.tickets + 1,
        duplicates: scansBefore.duplicates + 1,
      });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: strings.csv, exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^registrations-\d{4}\.csv$/);
      const bytes = await readFile(await download.path());
      expect([...bytes.subarray(0, 3)], 'a UTF-8 byte order mark').toEqual([0xef, 0xbb, 0xbf]);
      const [header = [], ...records] = parseCsv(bytes.toString('utf8').slice(1));
      expect(header.slice(0, 7)).toEqual(['id', 'code', 'status', 'category', 'name', 'email', 'country']);
      const column = (name: string) => header.indexOf(name);
      const mine = records.filter((record) => record[column('email')] === email);
      expect(mine).toHaveLength(1);
      const [record = []] = mine;
      expect(record[column('name')], 'the name as typed, in UTF-8').toBe(journalist);
      expect(record[column('category')]).toBe('media');
      expect(record[column('status')]).toBe('confirmed');
      expect(record[column('code')]?.replace(/-/g, '')).toBe(code.replace(/-/g, ''));
      // The notice the journalist agreed to, as the registration page sent it; nothing shared with partners.
      expect(record[column('noticeVersion')]).toBe(portalConsents.noticeVersion);
      expect(record[column('partnerSharingConsent')]).toBe('false');
      const checkedInAt = record[column('checkedInAt')] ?? '';
      expect(checkedInAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d/);
      expect(Math.abs(session.portal.now().getTime() - Date.parse(checkedInAt))).toBeLessThan(10 * 60_000);
    });

    it(`previews a message, corrects a name, resends, checks in and prints the badge (${locale})`, async () => {
      const { tools } = strings;
      const email = uniqueEmail(`badge.journey.${locale}`);
      const speaker = await registerThroughApi(session.portal.url, {
        name: tools.typo,
        email,
        country: 'CN',
        language: locale,
      });
      const page = await session.newPage({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
      await page.goto(`${prefix}/organizer/`);
      await page
        .getByLabel(strings.token, { exact: true })
        .fill(await signOrganizerToken(session.dataDirectory, 'organizer'));
      await page.getByRole('button', { name: strings.signIn, exact: true }).click();
      await page.locator('#organizer-workspace').waitFor();

      // What a confirmed registrant will read, before anyone is sent it.
      await page.getByLabel(tools.message, { exact: true }).selectOption({ label: tools.confirmedKind });
      await page.getByRole('button', { name: tools.preview, exact: true }).click();
      await expect.poll(() => page.locator('#message-preview-subject').textContent()).toMatch(tools.subject);

      // The name was mistyped at registration: corrected, with the reason, from the list.
      await page.getByLabel(strings.search, { exact: true }).fill(email);
      await page.getByRole('button', { name: strings.show, exact: true }).click();
      const table = page.getByRole('table', { name: strings.caption, exact: true });
      await expect.poll(() => table.getByRole('row').count()).toBe(2);
      await table.getByRole('button', { name: `${tools.edit} ${tools.typo}`, exact: true }).click();
      const dialog = page.locator('#edit-dialog');
      await dialog.getByLabel(tools.name, { exact: true }).fill(tools.corrected);
      await dialog.getByLabel(tools.reason, { exact: true }).fill('Typo reported by the registrant');
      await dialog.getByRole('button', { name: tools.save, exact: true }).click();
      await page.locator('#list-status', { hasText: tools.saved(tools.corrected) }).waitFor();
      expect(await table.getByRole('rowheader').textContent()).toContain(tools.corrected);

      // The confirmation she lost goes out again, with a new personal link.
      await table.getByRole('button', { name: `${tools.resend} ${tools.corrected}`, exact: true }).click();
      await page.locator('#list-status', { hasText: tools.resent(tools.corrected) }).waitFor();
      const oldLink = await fetch(new URL(`/api/registrations/${speaker.id}`, session.portal.url), {
        headers: { authorization: `Bearer ${speaker.manageToken}` },
      });
      expect(oldLink.status, 'the link sent before no longer opens the registration').toBe(404);

      // She arrives: the desk checks her in and prints her badge, which carries the corrected name.
      await page.getByRole('link', { name: strings.checkinLink, exact: true }).click();
      await page.waitForURL(`**${prefix}/organizer/checkin/`);
      await page.getByLabel(strings.code, { exact: true }).fill(speaker.code);
      await page.getByRole('button', { name: strings.checkIn, exact: true }).click();
      await page.locator('#checkin-result[data-result="checked-in"]').waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: tools.printBadge, exact: true }).click(),
      ]);
      const pdf = await readFile(await download.path());
      expect(pdfPageCount(pdf)).toBe(1);
      const printed = pdfPageTexts(pdf).join('').replace(/\s+/g, '');
      expect(printed).toContain(tools.printedName);
      expect(printed).not.toContain(tools.typo);
      expect(printed).toContain(formatCheckinCode(speaker.code).replace(/\s+/g, ''));
      // Looked at as a desk's camera sees the printed page: its QR code is her signed ticket.
      const scanned = decodePageQr(pdf, 1, 150) ?? '';
      expect(signedCodeFields(scanned)?.code).toBe(speaker.code.replace(/-/g, ''));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    });
  }
});

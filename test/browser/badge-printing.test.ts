/**
 * Name badges in Chromium, in English and Chinese, on a 390 px phone: an organizer prints the
 * badges of a selection from the organizer page, and a check-in desk prints the badge of the person
 * it has just checked in. The PDFs that arrive are read back (pdftotext); both pages pass axe with
 * the badge tools in view, and nothing runs wider than the phone.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signOrganizerToken } from '../../local/organizer-tokens.ts';
import { expectNoViolations } from '../support/axe-check.ts';
import { browserSession } from '../support/browser-session.ts';
import { pdfPageCount, pdfPageTexts } from '../support/pdf-reading.ts';
import { registerThroughApi, uniqueEmail } from '../support/portal-registration.ts';

const session = browserSession('portal-badges-');
const phone = { viewport: { width: 390, height: 844 }, acceptDownloads: true };

const locales = [
  {
    locale: 'en',
    prefix: '',
    token: 'Access token',
    signIn: 'Sign in',
    layout: 'Layout',
    butterfly: 'Butterfly, 82 × 203 mm, folded: the name on both sides',
    category: 'Registration category',
    speaker: 'Speaker',
    checkedIn: 'Check-in',
    notYet: 'Not yet checked in',
    since: 'Registered on or after',
    print: 'Print badges (PDF)',
    done: 'Badges ready: 1 PDF file(s) downloaded.',
    code: 'Check-in code',
    checkIn: 'Check in',
    printBadge: 'Print badge',
    a7: 'A7 landscape, one badge a page',
  },
  {
    locale: 'zh',
    prefix: '/zh',
    token: '访问令牌',
    signIn: '登录',
    layout: '版式',
    butterfly: '蝴蝶式，82 × 203 毫米，对折后两面均显示姓名',
    category: '报名类别',
    speaker: '演讲嘉宾',
    checkedIn: '签到情况',
    notYet: '尚未签到',
    since: '报名时间不早于',
    print: '生成胸卡（PDF）',
    done: '胸卡已生成：共下载 1 个 PDF 文件。',
    code: '签到码',
    checkIn: '签到',
    printBadge: '打印胸卡',
    a7: 'A7 横版，每页一张',
  },
] as const;

const squashed = (pdf: Buffer) => pdfPageTexts(pdf).join('').replace(/\s+/g, '');

async function signIn(page: Page, strings: (typeof locales)[number], role: 'organizer' | 'checkin') {
  await page
    .getByLabel(strings.token, { exact: true })
    .fill(await signOrganizerToken(session.dataDirectory, role));
  await page.getByRole('button', { name: strings.signIn, exact: true }).click();
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; pdf: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), pdf: await readFile(await download.path()) };
}

const fitsThePhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= 390);

describe('name badges in Chromium', () => {
  for (const strings of locales) {
    it(`prints a selection's badges on the organizer page and one badge at the desk (${strings.locale})`, async () => {
      const chinese = await registerThroughApi(session.portal.url, {
        name: '欧阳娜娜',
        email: uniqueEmail(`badge.zh.${strings.locale}`),
        country: 'CN',
        language: 'zh',
        organization: '浙江大学',
      });
      const latinName = `Maximiliane Alexandra von Hohenzollern-Sigmaringen ${strings.locale.toUpperCase()}`;
      const latin = await registerThroughApi(session.portal.url, {
        name: latinName,
        email: uniqueEmail(`badge.en.${strings.locale}`),
        country: 'DE',
        language: 'en',
      });

      const page = await session.newPage(phone);
      await page.goto(`${strings.prefix}/organizer/`);
      await signIn(page, strings, 'organizer');
      await page.locator('#organizer-workspace').waitFor();
      const form = page.locator('#badge-form');
      await form.getByLabel(strings.layout, { exact: true }).selectOption({ label: strings.butterfly });
      await form.getByLabel(strings.category, { exact: true }).selectOption({ label: strings.speaker });
      await form.getByLabel(strings.checkedIn, { exact: true }).selectOption({ label: strings.notYet });
      const today = session.portal.now().toISOString().slice(0, 10);
      await form.getByLabel(strings.since, { exact: true }).fill(today);
      const selection = await downloaded(page, () =>
        form.getByRole('button', { name: strings.print }).click(),
      );
      expect(selection.name).toMatch(/^badges-\d{4}-butterfly-1\.pdf$/);
      const text = squashed(selection.pdf);
      expect(text).toContain('欧阳娜娜ŌuyángNànà浙江大学');
      expect(text).toContain(latinName.replace(/\s+/g, ''));
      await page.locator('#badge-status-line', { hasText: strings.done }).waitFor();
      expect(await fitsThePhone(page)).toBe(true);
      await expectNoViolations(page, 'badges printed');

      // The desk checks the Latin name in by code, then prints that one badge.
      const desk = await session.newPage(phone);
      await desk.goto(`${strings.prefix}/organizer/checkin/`);
      await signIn(desk, strings, 'checkin');
      await desk.getByLabel(strings.code, { exact: true }).fill(latin.code);
      await desk.getByRole('button', { name: strings.checkIn, exact: true }).click();
      await desk.locator('#checkin-result[data-result="checked-in"]').waitFor();
      await desk.getByLabel(strings.layout, { exact: true }).selectOption({ label: strings.a7 });
      const badge = await downloaded(desk, () =>
        desk.getByRole('button', { name: strings.printBadge, exact: true }).click(),
      );
      expect(badge.name).toMatch(/^badges-\d{4}-a7-1\.pdf$/);
      expect(pdfPageCount(badge.pdf)).toBe(1);
      expect(squashed(badge.pdf)).toContain(latinName.replace(/\s+/g, ''));
      expect(squashed(badge.pdf)).not.toContain('欧阳娜娜');
      expect(await fitsThePhone(desk)).toBe(true);
      await expectNoViolations(desk, 'badge offered after a check-in');
      // The next check-in offers its own badge.
      await desk.getByLabel(strings.code, { exact: true }).fill(chinese.code);
      await desk.getByRole('button', { name: strings.checkIn, exact: true }).click();
      await desk.locator('#checkin-result[data-result="checked-in"]').waitFor();
      expect(await desk.locator('#badge-print').isVisible()).toBe(true);
    });
  }
});

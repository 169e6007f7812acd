/**
 * An organizer reads the audit trail in Chromium, in English and Chinese, on a 390 px phone: the
 * dashboard's own reads are there, the trail filters by action and by staff member, and the trail's
 * own reads are recorded too. (axe checks the page signed in, entries shown: accessibility.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { signOrganizerToken } from '../../local/organizer-tokens.ts';
import { browserSession } from '../support/browser-session.ts';

const session = browserSession('portal-audit-');

const locales = [
  {
    locale: 'en',
    prefix: '',
    token: 'Access token',
    signIn: 'Sign in',
    auditLink: 'Read the audit trail of staff access',
    action: 'Action',
    actor: 'Staff member (token subject)',
    figures: 'Read the figures',
    trail: 'Read the audit trail',
    done: 'done',
    show: 'Show',
    caption: 'Entries, newest first, page 1',
  },
  {
    locale: 'zh',
    prefix: '/zh',
    token: '访问令牌',
    signIn: '登录',
    auditLink: '查看工作人员访问的审计记录',
    action: '操作',
    actor: '工作人员（令牌主体）',
    figures: '查看统计',
    trail: '查看审计记录',
    done: '已完成',
    show: '查询',
    caption: '记录（最新在前，第1页）',
  },
] as const;

describe('the audit trail in Chromium', () => {
  for (const strings of locales) {
    it(`shows an organizer who read what, filtered, on a phone (${strings.locale})`, async () => {
      const subject = `organizer-${strings.locale}-${Date.now()}`;
      const page = await session.newPage({ viewport: { width: 390, height: 844 } });
      await page.goto(`${strings.prefix}/organizer/`);
      await page
        .getByLabel(strings.token, { exact: true })
        .fill(await signOrganizerToken(session.dataDirectory, 'organizer', { subject }));
      await page.getByRole('button', { name: strings.signIn, exact: true }).click();
      // The dashboard reads the registrations' figures, the check-in scans' figures and the first
      // page of registrations: three entries.
      await page.locator('#organizer-workspace').waitFor();
      await page.waitForLoadState('networkidle');

      await page.getByRole('link', { name: strings.auditLink, exact: true }).click();
      await page.waitForURL(`**${strings.prefix}/organizer/audit/`);
      await page.locator('#audit-workspace').waitFor();
      await page.getByRole('heading', { name: strings.caption, exact: true }).waitFor();

      // Only this organizer's two readings of figures.
      await page.getByLabel(strings.actor, { exact: true }).fill(subject);
      await page.getByLabel(strings.action, { exact: true }).selectOption({ label: strings.figures });
      await page.getByRole('button', { name: strings.show, exact: true }).click();
      const entries = page.locator('#audit-entries > li.audit-entry');
      await expect.poll(() => entries.count()).toBe(2);
      for (const entry of await entries.all()) {
        expect(await entry.getByRole('heading').textContent()).toContain(
          `${strings.figures} · ${strings.done}`,
        );
        expect(await entry.textContent()).toContain(subject);
      }

      // The trail's own reads are in it: the page's first load and this filtered one, at least.
      await page.getByLabel(strings.action, { exact: true }).selectOption({ label: strings.trail });
      await page.getByRole('button', { name: strings.show, exact: true }).click();
      await expect.poll(() => entries.count()).toBeGreaterThanOrEqual(2);

      // It fits the phone: nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    });
  }
});

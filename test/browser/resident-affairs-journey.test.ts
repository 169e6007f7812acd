/**
 * Resident affairs in Chromium on a 390 px phone, in English and Chinese, against the whole portal
 * as `npm start` runs it: a resident reports a car blocking their gate with a photo from the file
 * picker and a pin on the map; resident-affairs staff find it in the queue, see the photo,
 * acknowledge it, add a public note and resolve it; the follow link shows each step and the note.
 * The photo opens for staff and for the follow link, and its address is a 404 to anyone without
 * its signature. A staff view gone stale is refused and reloaded; an organizer finds the queue's
 * reads with the report in the audit trail; the resident downloads their data and erases it,
 * after which the follow link says so.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signOrganizerToken } from '../../local/organizer-tokens.ts';
import { expectNoViolations } from '../support/axe-check.ts';
import { browserSession } from '../support/browser-session.ts';

const session = browserSession('portal-affairs-');
const photo = join(import.meta.dirname, '../fixtures/photos/gps-exif.jpg');
const phone = { viewport: { width: 390, height: 844 } };

const locales = [
  {
    prefix: '',
    service: 'Blocked in by a vehicle',
    blocking: 'A gate or doorway',
    description: 'A white van has blocked my gate since seven this morning.',
    email: 'E-mail',
    photoAdded: 'Added',
    pinned: /^Pin (at|about)/,
    submit: 'Send the report',
    submitted: 'Submitted',
    acknowledged: 'Acknowledged',
    resolved: 'Resolved',
    inProgress: 'In progress',
    closed: 'Closed',
    reload: 'Reload the report',
    download: 'Download my data',
    erase: 'Delete my personal data',
    note: 'The transport office has asked the driver to move the van.',
    noteTitle: 'Note from the office',
    token: 'Access token',
    signIn: 'Sign in',
    target: /^First-response target: \d+ minutes\.$/,
    moveTo: (state: string) => `Move to “${state}”`,
    addNote: 'Add the note',
    saved: 'Saved.',
    auditLink: 'Read the audit trail of staff access',
    auditAction: 'Action',
    auditShow: 'Show',
    queueRead: "Read the residents' request queue",
    auditRequests: 'Resident requests',
  },
  {
    prefix: '/zh',
    service: '车辆堵门挡道',
    blocking: '家门或门口',
    description: '一辆白色面包车从早上七点起堵住了我家大门。',
    email: '电子邮箱',
    photoAdded: '已添加',
    pinned: /^标记位于/,
    submit: '提交反映',
    submitted: '已提交',
    acknowledged: '已受理',
    resolved: '已解决',
    inProgress: '处理中',
    closed: '已关闭',
    reload: '重新加载',
    download: '下载我的信息',
    erase: '删除我的个人信息',
    note: '交通办已联系车主挪车。',
    noteTitle: '办公室回复',
    token: '访问令牌',
    signIn: '登录',
    target: /^首次回复目标：\d+分钟内。$/,
    moveTo: (state: string) => `改为“${state}”`,
    addNote: '添加备注',
    saved: '已保存。',
    auditLink: '查看工作人员访问的审计记录',
    auditAction: '操作',
    auditShow: '查询',
    queueRead: '查看居民诉求队列',
    auditRequests: '居民诉求',
  },
] as const;

/** Messages about the Content-Security-Policy, which must stay empty on every page of the journey. */
function policyMessages(page: Page): string[] {
  const messages: string[] = [];
  page.on('console', (message) => {
    if (/content[- ]security[- ]policy/i.test(message.text())) messages.push(message.text());
  });
  return messages;
}

/** Whether an image on the page has loaded and decoded: the photo really came through. */
const loaded = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((image: HTMLImageElement) => image.decode().then(() => image.naturalWidth > 0));

describe('a resident reports a problem and staff see it through, in Chromium on a phone', () => {
  for (const text of locales) {
    it(`${text.prefix || '/'}: report with a photo and a pin; acknowledged, noted, resolved; followed, downloaded, erased`, async () => {
      const resident = await session.newPage(phone);
      const residentPolicy = policyMessages(resident);
      await resident.goto(`${text.prefix}/help/`);

      await resident.getByLabel(text.service).check();
      await resident.locator('#field-description').fill(text.description);
      await resident.getByLabel(text.blocking).check();
      await resident.locator('#photo-library').setInputFiles(photo);
      await expect.poll(() => resident.locator('#photo-list li').textContent()).toContain(text.photoAdded);
      expect(await loaded(resident, '#photo-list img')).toBe(true);
      await resident.locator('#report-map svg').click({ position: { x: 170, y: 260 } });
      await expect.poll(() => resident.locator('#report-map-status').textContent()).toMatch(text.pinned);
      await resident.getByLabel(text.email, { exact: false }).first().fill('villager@example.com');
      await expectNoViolations(resident, 'form filled in, with a photo and a pin');
      // The follow link as the API gave it, read on the way through (the page leaves at once for it).
      let followUrl = '';
      await resident.route('**/api/open311/v2/requests.json', async (route) => {
        const response = await route.fetch();
        const body = await response.text();
        followUrl = JSON.parse(body)[0]?.follow_url ?? '';
        await route.fulfill({ response, body });
      });
      await resident.getByRole('button', { name: text.submit }).click();

      await resident.waitForURL((url) => url.pathname === `${text.prefix}/help/request/`);
      // The token travels in the fragment, which no request carries to the server.
      expect(new URL(resident.url()).hash).toMatch(/^#token=[\w-]{32,}$/);
      const timeline = resident.locator('#follow-timeline');
      await expect.poll(() => timeline.textContent()).toContain(text.submitted);
      expect(await resident.locator('#follow-description').textContent()).toBe(text.description);
      // The link to keep is the one the API gave, on this page's origin.
      const shown = new URL(await resident.locator('#follow-link').inputValue());
      expect(`${shown.pathname}${shown.hash}`).toBe(
        `${new URL(followUrl).pathname}${new URL(followUrl).hash}`,
      );
      const followPhoto = resident.locator('#follow-photos img');
      expect(await loaded(resident, '#follow-photos img')).toBe(true);

      // The photo's address opens only as signed: another signature, or a later expiry, is a 404.
      const photoUrl = new URL((await followPhoto.getAttribute('src')) ?? '', session.portal.url);
      expect((await resident.request.get(photoUrl.href)).status()).toBe(200);
      const forged = new URL(photoUrl);
      forged.searchParams.set('signature', 'A'.repeat(43));
      expect((await resident.request.get(forged.href)).status()).toBe(404);
      const later = new URL(photoUrl);
      later.searchParams.set('expires', String(Number(photoUrl.searchParams.get('expires')) + 3600));
      expect((await resident.request.get(later.href)).status()).toBe(404);

      const staff = await session.newPage(phone);
      const staffPolicy = policyMessages(staff);
      await staff.goto(`${text.prefix}/affairs/`);
      await staff
        .getByLabel(text.token)
        .fill(await signOrganizerToken(session.dataDirectory, 'resident-affairs'));
      await staff.getByRole('button', { name: text.signIn, exact: true }).click();
      await expect.poll(() => staff.locator('#affairs-target').textContent()).toMatch(text.target);
      const reference = (await resident.locator('#follow-reference').textContent()) ?? '';
      const item = staff.locator('#affairs-items li').filter({ hasText: reference.split(' ')[1] ?? '' });
      await item.getByRole('button').click();
      await expect.poll(() => staff.locator('#affairs-description').textContent()).toBe(text.description);
      expect(await loaded(staff, '#affairs-photos img')).toBe(true);
      await expectNoViolations(staff, 'a report open');

      await staff.getByRole('button', { name: text.moveTo(text.acknowledged) }).click();
      await expect.poll(() => staff.locator('#affairs-request-outcome').textContent()).toBe(text.saved);
      await staff.locator('#affairs-note-text').fill(text.note);
      await staff.getByRole('button', { name: text.addNote }).click();
      await expect.poll(() => staff.locator('#affairs-timeline').textContent()).toContain(text.note);
      await staff.getByRole('button', { name: text.moveTo(text.resolved) }).click();
      await expect.poll(() => staff.locator('#affairs-request-state').textContent()).toContain(text.resolved);

      await resident.reload();
      await expect.poll(() => timeline.textContent()).toContain(text.resolved);
      const steps = await timeline.locator('li strong').allTextContents();
      expect(steps).toEqual([text.submitted, text.acknowledged, text.noteTitle, text.resolved]);
      expect(await timeline.textContent()).toContain(text.note);
      expect(await resident.locator('#request-progress [aria-current="step"]').textContent()).toBe(
        text.resolved,
      );
      await expectNoViolations(resident, 'resolved, with a note');

      // A view gone stale: someone closed the report meanwhile, so a change from this view is refused.
      const id = reference.split(' ')[1] ?? '';
      const token = await staff.evaluate(() => sessionStorage.getItem('wuzhen.staffToken') ?? '');
      const closed = await staff.request.post(`/api/admin/affairs/requests/${id}/state`, {
        headers: { authorization: `Bearer ${token}` },
        data: { state: 'closed', expectedState: 'resolved' },
      });
      expect(closed.status()).toBe(200);
      await staff.getByRole('button', { name: text.moveTo(text.inProgress) }).click();
      await staff.locator('#affairs-stale').waitFor();
      await staff.getByRole('button', { name: text.reload }).click();
      await expect.poll(() => staff.locator('#affairs-request-state').textContent()).toContain(text.closed);
      expect(await staff.locator('#affairs-moves button').count()).toBe(0);

      // An organizer reads in the audit trail that resident-affairs staff were shown this report.
      const organizer = await session.newPage(phone);
      await organizer.goto(`${text.prefix}/organizer/`);
      await organizer
        .getByLabel(text.token, { exact: true })
        .fill(await signOrganizerToken(session.dataDirectory, 'organizer'));
      await organizer.getByRole('button', { name: text.signIn, exact: true }).click();
      await organizer.getByRole('link', { name: text.auditLink, exact: true }).click();
      await organizer.locator('#audit-workspace').waitFor();
      await organizer.getByLabel(text.auditAction, { exact: true }).selectOption({ label: text.queueRead });
      await organizer.getByRole('button', { name: text.auditShow, exact: true }).click();
      const queueReads = organizer
        .locator('#audit-entries > li.audit-entry')
        .filter({ hasText: text.queueRead })
        .filter({ hasText: id });
      await expect.poll(() => queueReads.count()).toBeGreaterThanOrEqual(1);
      expect(await queueReads.first().textContent()).toContain(text.auditRequests);

      // The resident downloads what is kept about the report, then deletes their personal data.
      const [download] = await Promise.all([
        resident.waitForEvent('download'),
        resident.getByRole('button', { name: text.download }).click(),
      ]);
      const saved = JSON.parse(await readFile((await download.path()) ?? '', 'utf8'));
      expect(saved.request.description).toBe(text.description);
      expect(saved.request.contact.email).toBe('villager@example.com');
      await resident.getByRole('button', { name: text.erase }).click();
      await resident.locator('#erase-understood').check();
      await resident.locator('#erase-dialog button[value="erase"]').click();
      await resident.locator('#follow-erased').waitFor();
      // The follow link itself now opens nothing but the word that the data is gone.
      const again = await session.newPage(phone);
      const link = new URL(followUrl);
      await again.goto(`${link.pathname}${link.hash}`);
      await again.locator('#follow-erased').waitFor();
      expect(await again.locator('#follow-details').isHidden()).toBe(true);
      expect(residentPolicy).toEqual([]);
      expect(staffPolicy).toEqual([]);
    });
  }

  it.each(['', '/zh'])(
    '%s/help/request/ with a wrong token says the report was not found',
    async (prefix) => {
      const page = await session.newPage(phone);
      await page.goto(`${prefix}/help/request/#token=${'x'.repeat(43)}`);
      await page.locator('#follow-missing').waitFor();
      expect(await page.locator('#follow-details').isHidden()).toBe(true);
    },
  );
});

/**
 * Offline check-in at two desks in Chromium (one browser, two contexts), against the whole portal as
 * `npm start` runs it: both desks sign in as check-in staff and download the roster online, the
 * network goes, three tickets are scanned offline (one at both desks), forged, altered, revoked and
 * other-edition codes are refused, a desk reopened offline keeps its lists and queue, the network
 * returns and the queued scans go up: each stored once, the duplicate reported with both times on
 * the desk and in the organizer's figures, a ticket cancelled after the download refused by the
 * server and listed at the desk that scanned it; signing out takes the names off the device, even
 * while a sync is under way. Desk A works in
 * English, desk B in Chinese, both on a 390 px phone. With SCREENSHOT_DIR set, the desks' screens
 * are saved there to be looked at.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkinSigningKey, signCheckinCode } from '../../functions/domain/checkin-signing-key.ts';
import { signOrganizerToken } from '../../local/organizer-tokens.ts';
import { expectNoViolations } from '../support/axe-check.ts';
import { browserSession } from '../support/browser-session.ts';
import { vnuMessages } from '../support/nu-checker.ts';
import { registerThroughApi, uniqueEmail } from '../support/portal-registration.ts';

const session = browserSession('portal-offline-checkin-');
const phone = { viewport: { width: 390, height: 844 } };

const desks = {
  en: {
    prefix: '',
    token: 'Access token',
    signIn: 'Sign in',
    code: 'Check-in code',
    checkIn: 'Check in',
    lists: /^Offline list: 5 tickets, 1 revoked, downloaded at/,
    offline: 'Offline: tickets are checked on this device.',
    online: 'Online: tickets are checked with the server.',
    checkedIn: 'Checked in',
    waiting: (count: number) => `Scans waiting to be sent: ${count}`,
    none: 'No scans waiting to be sent.',
    repeat: /^Already scanned at this desk at \d\d:\d\d$/,
    forged: 'The signature does not match: a forged or altered code.',
    revoked: 'This ticket was cancelled, rejected or withdrawn.',
    otherEdition: 'This ticket is for another edition.',
  },
  zh: {
    prefix: '/zh',
    token: '访问令牌',
    signIn: '登录',
    code: '签到码',
    checkIn: '签到',
    lists: /^离线名单：5 张电子票，1 张已作废，/,
    offline: '离线：电子票在本设备上核验。',
    online: '在线：电子票由服务器核验。',
    checkedIn: '签到成功',
    waiting: (count: number) => `待上传的扫描记录：${count} 条`,
    none: '没有待上传的扫描记录。',
    repeat: /^本签到台已于 \d\d:\d\d 扫描过$/,
    forged: '签名不符：签到码系伪造或被篡改。',
    revoked: '此电子票已取消、未获批准或已撤销。',
    otherEdition: '这是其他届次的电子票。',
  },
} as const;

type Strings = (typeof desks)[keyof typeof desks];

async function screenshot(page: Page, name: string): Promise<void> {
  const folder = process.env.SCREENSHOT_DIR;
  if (folder) await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

async function openDesk(strings: Strings, token: string): Promise<Page> {
  // The service worker keeps the desk page, so that it opens again without the network.
  const page = await session.newPage({ ...phone, serviceWorkers: 'allow' });
  await page.goto(`${strings.prefix}/organizer/checkin/`);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
  });
  await page.getByLabel(strings.token, { exact: true }).fill(token);
  await page.getByRole('button', { name: strings.signIn, exact: true }).click();
  await expect.poll(() => page.locator('#desk-lists').textContent()).toMatch(strings.lists);
  expect(await page.locator('#desk-mode').textContent()).toBe(strings.online);
  return page;
}

/** Types a code at the desk and answers the result panel's verdict, name line and detail once shown. */
async function scan(page: Page, strings: Strings, code: string) {
  await page.locator('#checkin-result').evaluate((panel) => {
    panel.dataset.result = 'ready';
  });
  await page.getByLabel(strings.code, { exact: true }).fill(code);
  await page.getByRole('button', { name: strings.checkIn, exact: true }).click();
  await page.locator('#checkin-result:not([data-result="ready"]):not([data-result="sending"])').waitFor();
  return {
    result: await page.locator('#checkin-result').getAttribute('data-result'),
    verdict: await page.locator('#checkin-verdict').textContent(),
    who: await page.locator('#checkin-who').textContent(),
    detail: await page.locator('#checkin-detail').textContent(),
  };
}

/** The page's markup as the desk shows it now, for the Nu checker. */
async function snapshot(page: Page, folder: string, name: string): Promise<string> {
  const path = join(folder, `${name}.html`);
  await writeFile(path, `<!DOCTYPE html>\n${await page.locator('html').evaluate((html) => html.outerHTML)}`);
  return path;
}

describe('offline check-in at two desks', () => {
  it('scans offline, refuses bad codes, uploads each scan once and reports the duplicate with both times', async () => {
    const { url } = session.portal;
    const { dataDirectory } = session;
    const people = ['Ada Offline', 'Bo Offline', '陈 离线', 'Dee Cancelled', 'Eli Online', 'Fay Withdrawn'];
    const tickets = [];
    for (const name of people) {
      tickets.push(
        await registerThroughApi(url, { name, email: uniqueEmail('desk'), country: 'DE', language: 'en' }),
      );
    }
    const [first, second, shared, cancelled, late, withdrawn] = tickets as [
      (typeof tickets)[0],
      (typeof tickets)[0],
      (typeof tickets)[0],
      (typeof tickets)[0],
      (typeof tickets)[0],
      (typeof tickets)[0],
    ];
    const cancel = async (ticket: typeof cancelled) => {
      const answer = await fetch(new URL(`/api/registrations/${ticket.id}`, url), {
        method: 'DELETE',
        headers: { authorization: `Bearer ${ticket.manageToken}` },
      });
      expect(answer.status).toBe(200);
    };
    await cancel(cancelled);

    // The tickets' signed codes, as the portal signs them, with the local secret.
    const secret = (await readFile(join(dataDirectory, 'auth/checkin-signing-secret'), 'utf8')).trim();
    const key = checkinSigningKey(secret, '2027');
    const signed = (code: string) => signCheckinCode(key, code);
    const good = signed(shared.code);
    const parts = good.split('.');
    const signature = parts[4] ?? '';
    const flipped = signature[10] === 'A' ? 'B' : 'A';
    const forged = [...parts.slice(0, 4), `${signature.slice(0, 10)}${flipped}${signature.slice(11)}`].join(
      '.',
    );
    const altered = [parts[0], parts[1], parts[2], first.code, parts[4]].join('.');
    const otherEdition = signCheckinCode(checkinSigningKey(secret, '2028'), shared.code);

    const checkinToken = await signOrganizerToken(dataDirectory, 'checkin');
    const deskA = await openDesk(desks.en, checkinToken);
    const deskB = await openDesk(desks.zh, checkinToken);
    const deskIdOf = async (page: Page) =>
      ((await page.locator('#desk-id').textContent()) ?? '').replace(/^.*[:：]\s*/, '');
    const [idA, idB] = [await deskIdOf(deskA), await deskIdOf(deskB)];
    expect(idA).not.toBe(idB);

    // The network goes: each desk notices by itself and checks tickets on the device.
    for (const [page, strings] of [
      [deskA, desks.en],
      [deskB, desks.zh],
    ] as const) {
      await page.context().setOffline(true);
      await expect.poll(() => page.locator('#desk-mode').textContent()).toBe(strings.offline);
    }
    expect(await scan(deskA, desks.en, signed(first.code))).toMatchObject({
      result: 'checked-in',
      verdict: desks.en.checkedIn,
      who: expect.stringContaining('Ada Offline'),
    });
    expect(await scan(deskA, desks.en, signed(shared.code))).toMatchObject({
      who: expect.stringContaining('陈 离线'),
    });
    // Cancelled after the desks' download: admitted on the device, refused by the server later.
    await cancel(withdrawn);
    expect(await scan(deskA, desks.en, signed(withdrawn.code))).toMatchObject({ result: 'checked-in' });
    // Reopened without the network, the desk still has its lists, its queue and the tickets it saw.
    await deskA.reload();
    await expect.poll(() => deskA.locator('#desk-queue').textContent()).toBe(desks.en.waiting(3));
    expect(await deskA.locator('#desk-mode').textContent()).toBe(desks.en.offline);
    expect(await deskA.locator('#desk-lists').textContent()).toMatch(desks.en.lists);
    expect(await scan(deskA, desks.en, signed(first.code))).toMatchObject({
      result: 'already',
      verdict: expect.stringMatching(desks.en.repeat),
    });
    expect(await deskA.locator('#desk-queue').textContent()).toBe(desks.en.waiting(3));
    await expectNoViolations(deskA, 'offline');
    await screenshot(deskA, 'desk-en-offline');

    expect(await scan(deskB, desks.zh, signed(second.code))).toMatchObject({
      result: 'checked-in',
      verdict: desks.zh.checkedIn,
      who: expect.stringContaining('Bo Offline'),
    });
    expect(await scan(deskB, desks.zh, signed(shared.code))).toMatchObject({ result: 'checked-in' });
    for (const [code, detail] of [
      [forged, desks.zh.forged],
      [altered, desks.zh.forged],
      [signed(cancelled.code), desks.zh.revoked],
      [otherEdition, desks.zh.otherEdition],
    ] as const) {
      expect(await scan(deskB, desks.zh, code)).toMatchObject({ result: 'invalid', detail, who: '' });
    }
    expect(await deskB.locator('#desk-queue').textContent()).toBe(desks.zh.waiting(2));
    await expectNoViolations(deskB, 'offline');
    await screenshot(deskB, 'desk-zh-offline');

    // Desk A is back first, then desk B: each sends its queue by itself and keeps nothing waiting.
    await deskA.context().setOffline(false);
    await expect.poll(() => deskA.locator('#desk-queue').textContent()).toBe(desks.en.none);
    expect(await deskA.locator('#desk-mode').textContent()).toBe(desks.en.online);
    expect(await deskA.locator('#desk-refused li').allTextContents()).toEqual([
      expect.stringMatching(
        /^Fay Withdrawn, scanned here at \d\d:\d\d: the ticket was cancelled or rejected\.$/,
      ),
    ]);
    await deskB.context().setOffline(false);
    await expect.poll(() => deskB.locator('#desk-queue').textContent()).toBe(desks.zh.none);
    const duplicates = await deskB.locator('#desk-duplicates li').allTextContents();
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]).toMatch(
      new RegExp(`^陈 离线：本台 \\d\\d:\\d\\d 扫描；签到台 ${idA} 已于 \\d\\d:\\d\\d 首次扫描。$`),
    );
    await expectNoViolations(deskB, 'online, a duplicate reported');
    await screenshot(deskB, 'desk-zh-online');
    await screenshot(deskA, 'desk-en-online');

    // Stored once each: four scans of three tickets, one of them a duplicate.
    const organizer = await signOrganizerToken(dataDirectory, 'organizer');
    const figures = await fetch(new URL('/api/admin/checkin/figures', url), {
      headers: { authorization: `Bearer ${organizer}` },
    });
    expect(await figures.json()).toEqual({ edition: '2027', scans: 4, ticketsScanned: 3, duplicates: 1 });

    // Online again, the desk checks a ticket typed by hand with the server, as it always did, and
    // remembers it: shown again once the network is gone, it is a repeat.
    expect(await scan(deskA, desks.en, late.code)).toMatchObject({
      result: 'checked-in',
      who: expect.stringContaining('Eli Online'),
    });
    await deskA.context().setOffline(true);
    await expect.poll(() => deskA.locator('#desk-mode').textContent()).toBe(desks.en.offline);
    expect(await scan(deskA, desks.en, signed(late.code))).toMatchObject({
      result: 'already',
      verdict: expect.stringMatching(desks.en.repeat),
      who: expect.stringContaining('Eli Online'),
    });
    await deskA.context().setOffline(false);
    await expect.poll(() => deskA.locator('#desk-mode').textContent()).toBe(desks.en.online);

    // The desks' markup in each mode passes the Nu checker.
    const folder = await mkdtemp(join(tmpdir(), 'offline-checkin-nu-'));
    try {
      const files = [await snapshot(deskA, folder, 'desk-en'), await snapshot(deskB, folder, 'desk-zh')];
      expect(await vnuMessages(files)).toEqual([]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }

    // Signing out takes the names off the device.
    const stored = () =>
      deskA.evaluate(async () => {
        const database = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('wuzhen-checkin-desk');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const count = (name: string) =>
          new Promise<number>((resolve) => {
            const request = database.transaction(name).objectStore(name).count();
            request.onsuccess = () => resolve(request.result);
          });
        const counts = {
          lists: await count('lists'),
          seen: await count('seen'),
          queue: await count('queue'),
        };
        database.close();
        return counts;
      });
    expect(await stored()).toEqual({ lists: 1, seen: 4, queue: 0 });
    // Even during a sync: the lists' last download (the keys) is held until the sign-out is done,
    // and what comes after it is not kept.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let keysAsked = () => {};
    const asked = new Promise<void>((resolve) => {
      keysAsked = resolve;
    });
    await deskA.route('**/api/admin/checkin/keys', async (route) => {
      keysAsked();
      await held;
      await route.continue();
    });
    await deskA.context().setOffline(true);
    await expect.poll(() => deskA.locator('#desk-mode').textContent()).toBe(desks.en.offline);
    await deskA.context().setOffline(false);
    await asked;
    await deskA.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect.poll(stored).toEqual({ lists: 0, seen: 0, queue: 0 });
    // The sync shows the queue when it ends, whatever it kept: wait for that, then look again.
    await deskA.locator('#desk-queue').evaluate((line) => {
      line.textContent = 'syncing';
    });
    release();
    await expect.poll(() => deskA.locator('#desk-queue').textContent()).toBe(desks.en.none);
    expect(await stored()).toEqual({ lists: 0, seen: 0, queue: 0 });
  });
});

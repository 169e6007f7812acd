import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { currentEdition, loadEditions, loadProgram } from '../../content/load.ts';
import { sessionEnd, sessionGuid, sessionStart, sessionStartTime } from '../../content/program.ts';
import type { Session } from '../../content/schemas/program.ts';
import { browserSession } from '../support/browser-session.ts';

const session = browserSession('portal-program-');
// The sessions the test uses come from the program itself, so it holds for any sample program.
const program = await loadProgram();
const edition = currentEdition(await loadEditions());

const locales = [
  {
    locale: 'en',
    prefix: '',
    track: 'Track',
    room: 'Room',
    toggle: 'Show times in my time zone',
    now: 'Now',
    star: (title: string) => `Star “${title}” for my agenda`,
    navigation: 'Main',
    agenda: 'My agenda',
    download: 'Download .ics',
    showQr: 'Show QR code',
    qr: 'QR code of the link to this agenda',
    shareLink: 'Link to this agenda',
    addShared: 'Add these to my agenda',
  },
  {
    locale: 'zh',
    prefix: '/zh',
    track: '议题方向',
    room: '会场',
    toggle: '按我所在时区显示时间',
    now: '正在进行',
    star: (title: string) => `将“${title}”收藏到我的日程`,
    navigation: '主导航',
    agenda: '我的日程',
    download: '下载 .ics',
    showQr: '显示二维码',
    qr: '此日程链接的二维码',
    shareLink: '此日程的链接',
    addShared: '将这些活动加入我的日程',
  },
] as const;

const span = (each: Session) => ({
  start: Date.parse(sessionStart(each, edition.timeZone)),
  end: Date.parse(sessionEnd(each, edition.timeZone)),
});
const overlap = (a: Session, b: Session) => span(a).start < span(b).end && span(b).start < span(a).end;

const card = (page: Page, each: Session) =>
  page.locator('.session-card', { has: page.locator(`a[href$="/program/${each.id}/"]`) });
const visibleCards = (page: Page) => page.locator('.session-card:visible');

/** The calendar's UIDs, read after unfolding its lines. */
const uidsOf = (ics: string) =>
  [...ics.replace(/\r\n[ \t]/g, '').matchAll(/^UID:(.+)$/gm)].map((match) => (match[1] ?? '').trim());

/** The calendar's event titles, unfolded and unescaped (RFC 5545 §3.3.11). */
const summariesOf = (ics: string) =>
  [...ics.replace(/\r\n[ \t]/g, '').matchAll(/^SUMMARY[^:]*:(.+)$/gm)].map((match) =>
    (match[1] ?? '').trim().replace(/\\([,;\\])/g, '$1'),
  );

describe('program pages in Chromium', () => {
  for (const { locale, prefix, track, room, now } of locales) {
    it(`lists every session and filters by track and room in the address (${locale})`, async () => {
      const page = await session.newPage();
      await page.goto(`${prefix}/program/`);
      expect(await page.locator('.session-card').count()).toBe(program.sessions.length);
      await page.locator('#program-filters').waitFor();

      // The track with the fewest sessions narrows the list; a room of one of them narrows it further.
      const byTrack = program.tracks
        .map((each) => ({ each, sessions: program.sessions.filter((s) => s.track === each.id) }))
        .filter(({ sessions }) => sessions.length > 0)
        .sort((a, b) => a.sessions.length - b.sessions.length)[0];
      if (!byTrack) throw new Error('the program has no sessions');
      const chosenRoom = program.rooms.find(({ id }) => id === byTrack.sessions[0]?.room);
      if (!chosenRoom) throw new Error('a session without its room');

      await page
        .getByRole('combobox', { name: track, exact: true })
        .selectOption({ label: byTrack.each.name[locale] });
      await page.waitForURL((url) => url.searchParams.get('track') === byTrack.each.id);
      expect(await visibleCards(page).count()).toBe(byTrack.sessions.length);

      await page
        .getByRole('combobox', { name: room, exact: true })
        .selectOption({ label: chosenRoom.name[locale] });
      await page.waitForURL((url) => url.searchParams.get('room') === chosenRoom.id);
      const both = byTrack.sessions.filter((s) => s.room === chosenRoom.id);
      expect(await visibleCards(page).count()).toBe(both.length);
      expect(await page.locator('#program-count').textContent()).toContain(String(both.length));
      // The language switch keeps the filter.
      const other = locale === 'en' ? '简体中文' : 'English';
      expect(await page.getByRole('link', { name: other }).getAttribute('href')).toContain(
        `room=${chosenRoom.id}`,
      );

      await page.reload();
      await page.locator('#program-filters').waitFor();
      expect(await page.getByRole('combobox', { name: track, exact: true }).inputValue()).toBe(
        byTrack.each.id,
      );
      expect(await page.getByRole('combobox', { name: room, exact: true }).inputValue()).toBe(chosenRoom.id);
      expect(await visibleCards(page).count()).toBe(both.length);
      for (const each of both) expect(await card(page, each).isVisible()).toBe(true);
    });

    it(`switches every time to the reader's own zone and back (${locale})`, async () => {
      const nine = program.sessions.find((each) => sessionStartTime(each) === '09:00');
      if (!nine) throw new Error('the program has no session at 09:00');
      const page = await session.newPage({ timezoneId: 'Europe/Berlin' });
      await page.goto(`${prefix}/program/`);
      const start = card(page, nine).locator('time.start');
      const zone = page.locator('#zone-name');
      expect(await start.textContent()).toBe('09:00');
      expect(await zone.textContent()).toContain('Asia/Shanghai');

      const toggle = page.getByRole('button', {
        name: locales.find((each) => each.locale === locale)?.toggle,
      });
      await toggle.click();
      expect(await start.textContent()).toBe('02:00');
      expect(await zone.textContent()).toContain('Europe/Berlin');
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');

      // The choice is remembered on the next page.
      await page.reload();
      await expect.poll(() => start.textContent()).toBe('02:00');
      await toggle.click();
      expect(await start.textContent()).toBe('09:00');
      expect(await zone.textContent()).toContain('Asia/Shanghai');
    });

    it(`marks the session running now (${locale})`, async () => {
      const running = program.sessions[0];
      if (!running) throw new Error('the program has no sessions');
      const page = await session.newPage();
      const { start, end } = span(running);
      await page.clock.setFixedTime(new Date((start + end) / 2));
      await page.goto(`${prefix}/program/`);
      const marked = card(page, running);
      await expect.poll(() => marked.getAttribute('data-mark')).toBe('now');
      expect(await marked.locator('.now-mark').textContent()).toBe(now);
      // Whatever starts next after the middle of it is marked next.
      const nextStart = Math.min(
        ...program.sessions
          .map(span)
          .map((each) => each.start)
          .filter((each) => each > (start + end) / 2),
      );
      for (const each of program.sessions.filter((s) => span(s).start === nextStart)) {
        expect(await card(page, each).getAttribute('data-mark')).toBe('next');
      }
    });
  }

  it('reads the whole program without JavaScript', async () => {
    const page = await session.newPage({ javaScriptEnabled: false });
    for (const { locale, prefix } of locales) {
      await page.goto(`${prefix}/program/`);
      for (const each of program.sessions) {
        expect(
          await page.getByRole('link', { name: each.title[locale], exact: true }).first().isVisible(),
        ).toBe(true);
      }
      expect(await page.locator('#program-filters').isHidden()).toBe(true);
      expect(await page.locator('.star-button:visible').count()).toBe(0);
    }
    await page.goto('/my-agenda/');
    // Playwright's text queries skip <noscript>, so the notice is found by its class.
    const notice = page.locator('p.notice', { hasText: 'needs JavaScript' });
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.locator('a').getAttribute('href')).toBe('/program/');
  });

  for (const strings of locales) {
    const { locale, prefix } = strings;
    it(`keeps starred sessions in an agenda with clashes, a calendar and a share link (${locale})`, async () => {
      const pair = program.sessions
        .flatMap((a, index) => program.sessions.slice(index + 1).map((b) => [a, b] as const))
        .find(([a, b]) => overlap(a, b));
      if (!pair) throw new Error('the program has no parallel sessions');
      const [first, second] = pair;
      const third = program.sessions.find(
        (each) => !pair.includes(each) && !overlap(each, first) && !overlap(each, second),
      );
      if (!third) throw new Error('the program has no session apart from the pair');
      const chosen = [first, second, third];

      const page = await session.newPage();
      await page.goto(`${prefix}/program/`);
      for (const each of chosen) {
        const star = page.getByRole('button', { name: strings.star(each.title[locale]), exact: true });
        await star.click();
        expect(await star.getAttribute('aria-pressed')).toBe('true');
      }
      expect(await page.locator('#agenda-status').textContent()).toContain(third.title[locale]);

      await page
        .getByRole('navigation', { name: strings.navigation })
        .getByRole('link', { name: strings.agenda, exact: true })
        .click();
      await page.waitForURL(`**${prefix}/my-agenda/`);
      const items = page.locator('.agenda-item');
      await expect.poll(() => items.count()).toBe(3);
      const item = (each: Session) => page.locator(`.agenda-item[data-session="${each.id}"]`);
      expect(await item(first).locator('.conflict-note').textContent()).toContain(second.title[locale]);
      expect(await item(second).locator('.conflict-note').textContent()).toContain(first.title[locale]);
      expect(await item(third).locator('.conflict-note').count()).toBe(0);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: strings.download, exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('wuzhen-agenda.ics');
      const ics = await readFile(await download.path(), 'utf8');
      expect(ics).toContain('BEGIN:VTIMEZONE');
      expect(uidsOf(ics).sort()).toEqual(chosen.map(sessionGuid).sort());
      // The calendar is in the reader's language.
      expect(summariesOf(ics).sort()).toEqual(chosen.map((each) => each.title[locale]).sort());

      await page.getByRole('button', { name: strings.showQr, exact: true }).click();
      const qr = page.getByRole('img', { name: strings.qr, exact: true });
      await qr.waitFor();
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);

      // Another device: it has a star of its own, which the shared agenda must not overwrite.
      const shareLink = await page.getByLabel(strings.shareLink, { exact: true }).inputValue();
      expect(new URL(shareLink).pathname).toBe(`${prefix}/my-agenda/`);
      const sharedIds = /^#sessions=(.*)$/.exec(new URL(shareLink).hash)?.[1]?.split(',') ?? [];
      expect(sharedIds.sort()).toEqual(chosen.map(({ id }) => id).sort());
      const own = program.sessions.find((each) => !chosen.includes(each));
      const phone = await session.newPage();
      if (own) {
        await phone.goto(`${prefix}/program/`);
        await phone.getByRole('button', { name: strings.star(own.title[locale]), exact: true }).click();
      }
      await phone.goto(shareLink);
      await phone.locator('#agenda-shared').waitFor();
      expect(await phone.locator('#agenda-shared .agenda-item').count()).toBe(3);
      expect(await phone.locator('#agenda-shared .conflict-note').count()).toBe(2);
      await phone.getByRole('button', { name: strings.addShared, exact: true }).click();
      await phone.locator('#agenda-own .agenda-item').first().waitFor();
      expect(await phone.locator('#agenda-own .agenda-item').count()).toBe(own ? 4 : 3);
      expect(new URL(phone.url()).hash).toBe('');
    });
  }
});

/**
 * axe-core on every page template, in English and Chinese, and on the states that matter (a form
 * showing its errors, a filtered program, a signed-in staff page, a registration with its ticket):
 * WCAG 2.0/2.1 A and AA and axe's best practices, with no violation.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadProgram } from '../../content/load.ts';
import { signOrganizerToken } from '../../local/organizer-tokens.ts';
import { expectNoViolations } from '../support/axe-check.ts';
import { browserSession } from '../support/browser-session.ts';
import { pageTemplates } from '../support/page-templates.ts';
import { manageAddress, registerThroughApi, uniqueEmail } from '../support/portal-registration.ts';

const session = browserSession('portal-a11y-');
const program = await loadProgram();

const prefixes = ['', '/zh'] as const;

/** A page in its own context (as @axe-core/playwright needs) where nothing outside the portal answers. */
const newPage = () =>
  session.newPage({}, (context) =>
    context.route(
      (url) => url.hostname !== new URL(session.portal.url).hostname,
      (route) => route.abort('internetdisconnected'),
    ),
  );

async function open(page: Page, path: string, status = 200) {
  const response = await page.goto(path, { waitUntil: 'networkidle' });
  expect(response?.status(), path).toBe(status);
}

/** Templates whose content needs more than opening them are checked in the states below. */
const plainTemplates = pageTemplates.filter(
  (path) => !['/registration/', '/guide/', '/my-agenda/'].includes(path),
);

describe('accessibility of every page in Chromium (axe-core)', () => {
  for (const prefix of prefixes) {
    it.each(plainTemplates)(`${prefix}%s has no violation`, async (path) => {
      const page = await newPage();
      await open(page, `${prefix}${path}`);
      await expectNoViolations(page);
    });

    it(`${prefix}/registration/ with a registration and its ticket has no violation`, async () => {
      const page = await newPage();
      const language = prefix ? 'zh' : 'en';
      const registered = await registerThroughApi(session.portal.url, {
        name: language === 'en' ? 'Axe Test' : '无障碍测试',
        email: uniqueEmail(`axe.${language}`),
        country: 'DE',
        language,
      });
      // The manage address already names the registration's language.
      await open(page, manageAddress(registered));
      await page.locator('#ticket-qr img').waitFor();
      await expectNoViolations(page, 'registration shown');
    });

    it(`${prefix}/registration/ without a link has no violation`, async () => {
      const page = await newPage();
      await open(page, `${prefix}/registration/`);
      await expectNoViolations(page, 'no link');
    });

    it(`${prefix}/guide/ with its results has no violation`, async () => {
      const page = await newPage();
      await open(page, `${prefix}/guide/`);
      await page.locator('#guide-results > li').first().waitFor();
      await expectNoViolations(page, 'results loaded');
    });

    it(`${prefix}/my-agenda/ with starred sessions has no violation`, async () => {
      const page = await newPage();
      await open(page, `${prefix}/program/`);
      const stars = page.locator('button.star-button[data-star]');
      for (let index = 0; index < 3; index++) await stars.nth(index).click();
      await open(page, `${prefix}/my-agenda/`);
      await page.locator('.agenda-item').first().waitFor();
      await expectNoViolations(page, 'three starred sessions');
    });

    it(`${prefix}/register/ after an empty submit has no violation`, async () => {
      const page = await newPage();
      await open(page, `${prefix}/register/`);
      await page.locator('#registration-form [type="submit"]').click();
      await page.locator('#field-name-error').filter({ hasText: /\S/ }).waitFor();
      await expectNoViolations(page, 'errors shown');
    });

    it(`${prefix}/help/ after an empty submit, with its figures, has no violation`, async () => {
      const page = await newPage();
      await open(page, `${prefix}/help/`);
      await page.locator('#figures-table table').waitFor();
      await page.locator('#report-form [type="submit"]').click();
      await page.locator('#service-error').filter({ hasText: /\S/ }).waitFor();
      await expectNoViolations(page, 'errors shown');
    });

    it(`${prefix}/affairs/ signed in has no violation`, async () => {
      const page = await newPage();
      await open(page, `${prefix}/affairs/`);
      await page
        .locator('#staff-token')
        .fill(await signOrganizerToken(session.dataDirectory, 'resident-affairs'));
      await page.locator('#sign-in-form [type="submit"]').click();
      await page.locator('#affairs-target').filter({ hasText: /\S/ }).waitFor();
      await expectNoViolations(page, 'queue shown');
    });

    it(`${prefix}/program/ with a filter applied has no violation`, async () => {
      const track = program.tracks.find(({ id }) => program.sessions.some((each) => each.track === id));
      if (!track) throw new Error('the program has no sessions');
      const page = await newPage();
      await open(page, `${prefix}/program/?track=${track.id}`);
      await page.locator('#program-filters').waitFor();
      await page.locator('.session-card:visible').first().waitFor();
      await expectNoViolations(page, `track ${track.id}`);
    });

    it.each(['/organizer/', '/organizer/checkin/', '/organizer/audit/'])(
      `${prefix}%s signed in has no violation`,
      async (path) => {
        const page = await newPage();
        await open(page, `${prefix}${path}`);
        await page.locator('#staff-token').fill(await signOrganizerToken(session.dataDirectory, 'organizer'));
        await page.locator('#sign-in-form [type="submit"]').click();
        await page.locator('#session-bar').waitFor();
        await page.waitForLoadState('networkidle');
        await expectNoViolations(page, 'signed in');
      },
    );
  }

  it('the 404 page has no violation', async () => {
    const page = await newPage();
    await open(page, '/no-such-page/', 404);
    await expectNoViolations(page);
  });
});

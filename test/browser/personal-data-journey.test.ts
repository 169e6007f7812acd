/**
 * A registrant's own data in Chromium, against the whole portal as `npm start` runs it: they download
 * everything stored about them, then erase it (with the confirmation step), in English and Chinese.
 * Afterwards neither table nor the local outbox's `.eml` files hold their name, e-mail, organisation
 * or manage token, and the manage link says the registration is gone.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession } from '../support/browser-session.ts';
import { waitForEml } from '../support/outbox-files.ts';
import { manageAddress, registerThroughApi, uniqueEmail } from '../support/portal-registration.ts';
import { portalTables, scanTable } from '../support/table-scan.ts';

const session = browserSession('portal-personal-data-');

const locales = [
  {
    locale: 'en',
    name: 'Dora Download',
    organization: 'Erasable Standards Institute',
    download: 'Download my data',
    downloaded: 'Your data has been downloaded as a JSON file.',
    erase: 'Erase my registration',
    dialog: 'Erase your registration and your data?',
    understood: 'I understand that this cannot be undone',
    yes: 'Erase everything',
    erased: 'Your registration has been erased',
  },
  {
    locale: 'zh',
    name: '赵删除',
    organization: '可删除标准研究院',
    download: '下载我的信息',
    downloaded: '您的信息已下载为 JSON 文件。',
    erase: '删除我的报名',
    dialog: '确定删除您的报名和个人信息吗？',
    understood: '我了解删除后无法恢复',
    yes: '全部删除',
    erased: '您的报名已删除',
  },
] as const;

async function expectNoViolations(page: Page, state: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .setLegacyMode(true)
    .analyze();
  expect(
    violations.map(
      (violation) => `${state}: ${violation.id} at ${violation.nodes.map((node) => node.target)}`,
    ),
  ).toEqual([]);
}

/** Every string in every item of both tables, and every `.eml` file of the portal's outbox. */
async function everythingStored(): Promise<{ tables: string; files: string }> {
  const items = [
    ...(await scanTable(session.portal.databaseEndpoint, portalTables.registrations)),
    ...(await scanTable(session.portal.databaseEndpoint, portalTables.venues)),
  ];
  const outbox = join(session.dataDirectory, 'outbox');
  const files = await Promise.all(
    (await readdir(outbox)).map((file) => readFile(join(outbox, file), 'utf8')),
  );
  const strings = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : value instanceof Set || Array.isArray(value)
        ? [...value].flatMap(strings)
        : value && typeof value === 'object'
          ? Object.values(value).flatMap(strings)
          : [];
  return { tables: items.flatMap(strings).join('\n'), files: files.join('\n') };
}

describe('my data, through the manage link', () => {
  for (const strings of locales) {
    it(`downloads, then erases with a confirmation (${strings.locale})`, async () => {
      const email = uniqueEmail(`erase-${strings.locale}`);
      const created = await registerThroughApi(session.portal.url, {
        name: strings.name,
        email,
        country: 'FR',
        language: strings.locale,
        organization: strings.organization,
      });
      // The confirmation is delivered first, so there is an .eml copy to erase.
      await waitForEml(session.dataDirectory, created.id);

      const page = await session.newPage({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
      await page.goto(manageAddress(created));
      await page.locator('#manage-details:not([hidden])').waitFor();
      await expectNoViolations(page, `${strings.locale} manage page`);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: strings.download }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`wuzhen-registration-${created.id}.json`);
      const data = JSON.parse(await readFile((await download.path()) ?? '', 'utf8'));
      expect(data.registration).toMatchObject({
        name: strings.name,
        email,
        organization: strings.organization,
      });
      expect(data.messages.map((message: { kind: string }) => message.kind)).toEqual(['confirmed']);
      await page.locator('#manage-status', { hasText: strings.downloaded }).waitFor();

      await page.getByRole('button', { name: strings.erase }).click();
      const dialog = page.getByRole('dialog', { name: strings.dialog });
      await dialog.waitFor();
      await expectNoViolations(page, `${strings.locale} erase dialog`);
      // Without the box ticked, the dialog stays open and nothing is erased.
      await dialog.getByRole('button', { name: strings.yes }).click();
      expect(await dialog.isVisible()).toBe(true);
      await dialog.getByLabel(strings.understood).check();
      await dialog.getByRole('button', { name: strings.yes }).click();
      await page.getByRole('heading', { name: strings.erased }).waitFor();
      await expectNoViolations(page, `${strings.locale} erased`);

      const stored = await everythingStored();
      for (const secret of [strings.name, email, strings.organization, created.manageToken]) {
        expect(stored.tables, secret).not.toContain(secret);
        expect(stored.files, secret).not.toContain(secret);
      }
      // The anonymised item keeps its id (the statistics count it); no message copy names it any more.
      expect(stored.files).not.toContain(created.id);

      // The link, opened again, says the same; and the address may register again.
      const again = await session.newPage();
      await again.goto(manageAddress(created));
      await again.getByRole('heading', { name: strings.erased }).waitFor();
      await registerThroughApi(session.portal.url, {
        name: strings.name,
        email,
        country: 'FR',
        language: strings.locale,
      });
    });
  }
});

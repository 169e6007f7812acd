/**
 * The pages of a venue imported from OpenStreetMap, built from a content tree that holds one
 * (test/fixtures/venues/): the ODbL credit and the object's link in both languages, opening hours the
 * evaluator cannot read shown as mapped and never as open or closed, Wi-Fi of unknown fee, the
 * toilets category; and the W3C Nu HTML Checker finds no error in them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type HTMLElement, parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildImportedVenueSite,
  type ImportedVenueSite,
  importedVenueId,
} from '../support/imported-venue-site.ts';
import { vnuMessages } from '../support/nu-checker.ts';

let site: ImportedVenueSite | undefined;
const venuePages = { en: `v/${importedVenueId}/index.html`, zh: `zh/v/${importedVenueId}/index.html` };
const guidePages = { en: 'guide/index.html', zh: 'zh/guide/index.html' };

beforeAll(async () => {
  site = await buildImportedVenueSite();
}, 300_000);

afterAll(() => site?.remove());

async function page(file: string): Promise<HTMLElement> {
  if (!site) throw new Error('the site was not built');
  return parse(await readFile(join(site.client, file), 'utf8'));
}

const linksOf = (root: HTMLElement) =>
  root.querySelectorAll('a').map((link) => ({ href: link.getAttribute('href'), text: link.text.trim() }));

describe('an imported venue’s page', () => {
  it.each([
    ['en', '© OpenStreetMap contributors', 'This place on OpenStreetMap (way 987654321)'],
    ['zh', '© OpenStreetMap 贡献者', '在 OpenStreetMap 上查看此地点（路径 987654321）'],
  ] as const)(
    'credits the OpenStreetMap contributors and links the object (%s)',
    async (locale, credit, object) => {
      const source = (await page(venuePages[locale])).querySelector('.venue-source');
      expect(source).not.toBeNull();
      const links = linksOf(source as HTMLElement);
      expect(links).toContainEqual({ href: 'https://www.openstreetmap.org/copyright', text: credit });
      expect(links).toContainEqual({ href: 'https://www.openstreetmap.org/way/987654321', text: object });
      expect(source?.text).toContain('ODbL 1.0');
    },
  );

  it.each([
    ['en', 'See details', 'Public toilet', 'whether it is free is not known'],
    ['zh', '详见说明', '公共厕所', '是否免费不详'],
  ] as const)(
    'shows mapped hours as they are, never open or closed, and says the Wi-Fi fee is unknown (%s)',
    async (locale, seeDetails, category, wifiFee) => {
      const root = await page(venuePages[locale]);
      const facts = root.querySelector('.venue-facts')?.text ?? '';
      expect(facts).toContain(seeDetails);
      expect(root.querySelector('.hours-as-mapped')?.text).toBe(
        'while the scenic zone is open; 景区开放期间',
      );
      // The badge the page's script fills in with open or closed is not there at all.
      expect(root.querySelector('#open-now')).toBeNull();
      expect(facts).toContain(wifiFee);
      expect(root.querySelector('.venue-category')?.text.trim()).toBe(category);
    },
  );

  it('describes the place to search engines as a public toilet without opening hours', async () => {
    const script = (await page(venuePages.en)).querySelector('script[type="application/ld+json"]');
    const data = JSON.parse(script?.text ?? '{}') as Record<string, unknown>;
    expect(data['@type']).toBe('PublicToilet');
    expect(data).not.toHaveProperty('openingHoursSpecification');
  });

  it('leaves the credit off venues not taken from OpenStreetMap', async () => {
    const root = await page('v/convention-center/index.html');
    expect(root.querySelector('.venue-source')?.text).not.toContain('OpenStreetMap');
  });
});

describe('the guide with an imported venue', () => {
  it.each([
    ['en', 'Public toilets', '© OpenStreetMap contributors'],
    ['zh', '公共厕所', '© OpenStreetMap 贡献者'],
  ] as const)('offers the toilets category and credits OpenStreetMap (%s)', async (locale, chip, credit) => {
    const root = await page(guidePages[locale]);
    const toilets = root.querySelector('input[name="category"][value="toilets"]');
    expect(toilets?.parentNode?.text.trim()).toBe(chip);
    expect(root.querySelector('#guide-all-toilets')?.text).toBe(chip);
    expect(linksOf(root.querySelector('.guide-osm-credit') as HTMLElement)).toEqual([
      { href: 'https://www.openstreetmap.org/copyright', text: credit },
    ]);
  });
});

describe('the imported venue’s pages, as the W3C Nu HTML Checker sees them', () => {
  it('finds no error', async () => {
    if (!site) throw new Error('the site was not built');
    const client = site.client;
    const files = [...Object.values(venuePages), ...Object.values(guidePages)].map((file) =>
      join(client, file),
    );
    const messages = await vnuMessages(files);
    expect(messages.filter(({ type }) => type !== 'info')).toEqual([]);
  }, 120_000);
});

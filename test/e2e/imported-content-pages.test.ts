/**
 * The pages of imported content, from one build of a content tree that holds it
 * (test/support/imported-content-site.ts). A venue imported from OpenStreetMap: the ODbL credit and
 * the object's link in both languages, opening hours the evaluator cannot read shown as mapped and
 * never as open or closed, Wi-Fi of unknown fee, the toilets category. A program as the schedule
 * importers write it, in Europe/Berlin: what the schedule says of a session, double bookings,
 * a night past midnight, nothing said where the schedule is silent. The W3C Nu HTML Checker finds
 * no error in them.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type HTMLElement, parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildImportedContentSite,
  type ImportedContentSite,
  importedVenueId,
} from '../support/imported-content-site.ts';
import { vnuMessages } from '../support/nu-checker.ts';

let site: ImportedContentSite | undefined;
const venuePages = { en: `v/${importedVenueId}/index.html`, zh: `zh/v/${importedVenueId}/index.html` };
const guidePages = { en: 'guide/index.html', zh: 'zh/guide/index.html' };

beforeAll(async () => {
  site = await buildImportedContentSite();
}, 300_000);

afterAll(() => site?.remove());

async function page(file: string): Promise<HTMLElement> {
  if (!site) throw new Error('the site was not built');
  return parse(await readFile(join(site.client, file), 'utf8'));
}

/** A page's HTML by its path ("program/x" for program/x/index.html). */
async function programPage(path: string): Promise<string> {
  if (!site) throw new Error('the site was not built');
  return readFile(join(site.client, path, 'index.html'), 'utf8');
}
/** The page's text as a reader sees it: tags dropped (blocks end with a space), whitespace collapsed. */
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<\/(?:dt|dd|p|li|h\d|div)>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ');

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

describe('the imported venue’s and program’s pages, as the W3C Nu HTML Checker sees them', () => {
  it('finds no error', async () => {
    if (!site) throw new Error('the site was not built');
    const client = site.client;
    const sessions = (await readdir(join(client, 'program'))).filter((name) => !name.includes('.'));
    const programPages = ['program', 'speakers', ...sessions.map((id) => `program/${id}`)].flatMap((path) => [
      `${path}/index.html`,
      `zh/${path}/index.html`,
    ]);
    const files = [...Object.values(venuePages), ...Object.values(guidePages), ...programPages].map((file) =>
      join(client, file),
    );
    const messages = await vnuMessages(files);
    expect(messages.filter(({ type }) => type !== 'info')).toEqual([]);
  }, 120_000);
});

describe('the pages of an imported program', () => {
  it('show what the schedule says about a session, in English and in Chinese', async () => {
    const en = text(await programPage('program/focused-5thgeneration-hardware'));
    expect(en).toContain('A subtitle from pretalx');
    expect(en).toContain('Type Lightning talk');
    expect(en).toContain('Language German');
    expect(en).toContain('Recording Recorded, licence: CC BY 4.0');
    expect(en).toContain('This session at pretalx.example');
    expect(en).toContain('Times are Central European Time (Europe/Berlin, UTC+1/UTC+2).');
    const zh = text(await programPage('zh/program/focused-5thgeneration-hardware'));
    expect(zh).toContain('语言 德语');
    expect(zh).toContain('录像 录像，许可协议：CC BY 4.0');
    expect(zh).toContain('时间均为中欧时间（Europe/Berlin，UTC+1/UTC+2）。');
    expect(text(await programPage('program/same-room-talk'))).toContain('Recording Not recorded');
  });

  it('say so when a room or a speaker is booked twice at once, on the page and on the card', async () => {
    const session = text(await programPage('program/same-room-talk'));
    expect(session).toContain('Same room, same time as Focused 5thgeneration hardware.');
    expect(session).toContain('Same speaker (Brian Robinson), same time as Focused 5thgeneration hardware.');
    const program = text(await programPage('zh/program'));
    expect(program).toContain('与Same room talk同一会场、同一时间。');
  });

  it('show the end of a session past midnight on the next day, after the clocks went forward', async () => {
    expect(text(await programPage('program/late-night-hacking'))).toContain('23:00–28 Mar 04:00');
    expect(text(await programPage('zh/program/late-night-hacking'))).toContain('23:00–3月28日 04:00');
    expect(text(await programPage('program/late-night-hacking'))).toContain('Language Brazilian Portuguese');
  });

  it('leave out what the schedule does not say, without empty places', async () => {
    const session = await programPage('program/same-room-talk');
    expect(session).not.toMatch(/<dt>Track<\/dt>|About this session|\(\s*\)/);
    expect(await programPage('program')).not.toContain('rooms-heading');
    expect(await programPage('speakers')).not.toMatch(/<p class="small">\s*<\/p>/);
    const speaker = await programPage('speakers/brian-robinson');
    expect(speaker).not.toContain('class="lead"');
    expect(text(speaker)).toContain('First paragraph of a bio.');
    expect(speaker).toMatch(/<p>First paragraph of a bio\.<\/p>\s*<p>Second paragraph\.<\/p>/);
  });

  it('call nothing sample content when the edition is not a sample', async () => {
    for (const path of ['program', 'program/focused-5thgeneration-hardware', 'speakers', 'my-agenda']) {
      expect(await programPage(path), path).not.toMatch(/sample-notice|sample (?:content|program)/);
    }
  });
});

import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildSite } from '../../local/site-build.ts';

const projectRoot = join(import.meta.dirname, '../..');
let folder: string;
let client: string;
const page = (path: string) => readFile(join(client, path, 'index.html'), 'utf8');
/** The page's text as a reader sees it: tags dropped (blocks end with a space), whitespace collapsed. */
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<\/(?:dt|dd|p|li|h\d|div)>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ');

beforeAll(async () => {
  // The shipped content with the current edition's program replaced by an imported-looking one, in
  // Europe/Berlin, built as the importer's staged tree would be (inside the project: the build
  // resolves its packages from there).
  const data = join(projectRoot, '.data');
  await mkdir(data, { recursive: true });
  folder = await mkdtemp(join(data, 'imported-pages-'));
  const content = join(folder, 'content');
  await cp(join(projectRoot, 'content'), content, { recursive: true });
  const editionFile = join(content, 'editions', '2027.yaml');
  const edition = parse(await readFile(editionFile, 'utf8'));
  Object.assign(edition, {
    startDate: '2027-03-27',
    endDate: '2027-03-28',
    timeZone: 'Europe/Berlin',
    sample: false,
  });
  await writeFile(editionFile, stringify(edition));
  await rm(join(content, 'program', '2027'), { recursive: true });
  await cp(join(projectRoot, 'test/fixtures/imported-program'), join(content, 'program', '2027'), {
    recursive: true,
  });
  await buildSite({ outDir: join(folder, 'build'), contentDir: content });
  client = join(folder, 'build', 'client');
}, 300_000);

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('the pages of an imported program', () => {
  it('show what the schedule says about a session, in English and in Chinese', async () => {
    const en = text(await page('program/focused-5thgeneration-hardware'));
    expect(en).toContain('A subtitle from pretalx');
    expect(en).toContain('Type Lightning talk');
    expect(en).toContain('Language German');
    expect(en).toContain('Recording Recorded, licence: CC BY 4.0');
    expect(en).toContain('This session at pretalx.example');
    expect(en).toContain('Times are Central European Time (Europe/Berlin, UTC+1/UTC+2).');
    const zh = text(await page('zh/program/focused-5thgeneration-hardware'));
    expect(zh).toContain('语言 德语');
    expect(zh).toContain('录像 录像，许可协议：CC BY 4.0');
    expect(zh).toContain('时间均为中欧时间（Europe/Berlin，UTC+1/UTC+2）。');
    expect(text(await page('program/same-room-talk'))).toContain('Recording Not recorded');
  });

  it('say so when a room or a speaker is booked twice at once, on the page and on the card', async () => {
    const session = text(await page('program/same-room-talk'));
    expect(session).toContain('Same room, same time as Focused 5thgeneration hardware.');
    expect(session).toContain('Same speaker (Brian Robinson), same time as Focused 5thgeneration hardware.');
    const program = text(await page('zh/program'));
    expect(program).toContain('与Same room talk同一会场、同一时间。');
  });

  it('show the end of a session past midnight on the next day, after the clocks went forward', async () => {
    expect(text(await page('program/late-night-hacking'))).toContain('23:00–28 Mar 04:00');
    expect(text(await page('zh/program/late-night-hacking'))).toContain('23:00–3月28日 04:00');
    expect(text(await page('program/late-night-hacking'))).toContain('Language Brazilian Portuguese');
  });

  it('leave out what the schedule does not say, without empty places', async () => {
    const session = await page('program/same-room-talk');
    expect(session).not.toMatch(/<dt>Track<\/dt>|About this session|\(\s*\)/);
    expect(await page('program')).not.toContain('rooms-heading');
    expect(await page('speakers')).not.toMatch(/<p class="small">\s*<\/p>/);
    const speaker = await page('speakers/brian-robinson');
    expect(speaker).not.toContain('class="lead"');
    expect(text(speaker)).toContain('First paragraph of a bio.');
    expect(speaker).toMatch(/<p>First paragraph of a bio\.<\/p>\s*<p>Second paragraph\.<\/p>/);
  });

  it('call nothing sample content when the edition is not a sample', async () => {
    for (const path of ['program', 'program/focused-5thgeneration-hardware', 'speakers', 'my-agenda']) {
      expect(await page(path), path).not.toMatch(/sample-notice|sample (?:content|program)/);
    }
  });
});

/**
 * The importers as an organizer uses them: `import:program` on a pretalx export as real ones are
 * (a room double-booked, a speaker in two places, a session past midnight, sessions without a track)
 * and `import:venues` on OpenStreetMap data with the sample listings dropped, into a copy of content/;
 * then the site built from it. Its `/schedule.json` and `/schedule.xml` give back the sessions of the
 * file imported, its pages say what is odd about them, and the Nu HTML Checker finds no error.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSchedule } from '../../content/import/program/parse-schedule.ts';
import { buildSite } from '../../local/site-build.ts';
import { vnuMessages } from '../support/nu-checker.ts';

const run = promisify(execFile);
const projectRoot = join(import.meta.dirname, '../..');
const democonFile = join(projectRoot, 'test/fixtures/schedules/democon.schedule.json');
const osmFile = join(projectRoot, 'test/fixtures/osm/wuzhen-sample.osm');

interface FrabEvent {
  guid: string;
  date: string;
  start: string;
  duration: string;
  room: string;
  title: string;
  track: string | null;
  persons: Array<{ public_name?: string; name?: string }>;
}
interface FrabDocument {
  schedule: { conference: { days: Array<{ rooms: Record<string, FrabEvent[]> }> } };
}

const eventsOf = (document: FrabDocument) =>
  document.schedule.conference.days.flatMap(({ rooms }) => Object.values(rooms).flat());

/** The democon export made as messy as real exports are, each change named for the page that shows it. */
function messyDemocon(document: FrabDocument): FrabDocument {
  const events = eventsOf(document);
  const titled = (title: string) => {
    const found = events.find((event) => event.title === title);
    if (!found) throw new Error(`democon has no "${title}"`);
    return found;
  };
  // Gray Room 09:00–09:30: the next talk starts a quarter of an hour early.
  Object.assign(titled('Quality-focused 6thgeneration website'), {
    date: '2020-12-14T09:15:00+01:00',
    start: '09:15',
  });
  // Its speaker also runs the Tan Room workshop from 09:00 to 10:30.
  titled('Managed stable function').persons.push(titled('Secured mobile concept').persons[0] ?? {});
  // 23:45 at +01:00 is 22:45 in the schedule's zone (UTC), so 90 minutes end the next day.
  Object.assign(titled('Proactive leadingedge Graphical User Interface'), {
    date: '2020-12-16T23:45:00+01:00',
    start: '23:45',
  });
  for (const title of ['Secured mobile concept', 'Advanced 24hour hub']) titled(title).track = null;
  return document;
}

/** What a round trip keeps of a session: guid, title, start instant, duration, room and speakers. */
interface Essentials {
  guid: string;
  title: string;
  start: number;
  minutes: number;
  room: string;
  speakers: string[];
}
const byGuid = (a: Essentials, b: Essentials) => a.guid.localeCompare(b.guid);

function essentials(schedule: ReturnType<typeof parseSchedule>): Essentials[] {
  return schedule.sessions
    .map((session) => ({
      guid: session.guid,
      title: session.title,
      start: Date.parse(session.start),
      minutes: session.durationMinutes,
      room: session.room,
      speakers: session.persons.map(({ name }) => name).sort(),
    }))
    .sort(byGuid);
}

let folder: string;
let content: string;
let client: string;
let imported: FrabDocument;
let programReport: string;
let venuesReport: string;

/** An importer's command, as `npm run import:…` runs it, on the copy of content/. */
async function importer(script: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [join(projectRoot, 'content/import', script), ...args], {
    cwd: projectRoot,
    env: { ...process.env, CONTENT_DIR: content },
  });
  return stdout;
}

const page = (path: string) => readFile(join(client, path, 'index.html'), 'utf8');
/** A page's text as a reader sees it: tags dropped, whitespace collapsed. */
const pageText = async (path: string) =>
  (await page(path))
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ');

beforeAll(async () => {
  // Inside the project (the ignored .data folder): the build resolves its packages from there.
  const data = join(projectRoot, '.data');
  await mkdir(data, { recursive: true });
  folder = await mkdtemp(join(data, 'import-round-trip-'));
  content = join(folder, 'content');
  await cp(join(projectRoot, 'content'), content, { recursive: true });
  imported = messyDemocon(JSON.parse(await readFile(democonFile, 'utf8')) as FrabDocument);
  const scheduleFile = join(folder, 'democon-messy.schedule.json');
  await writeFile(scheduleFile, JSON.stringify(imported, null, 2));
  programReport = await importer('import-program.ts', scheduleFile);
  venuesReport = await importer('import-venues.ts', osmFile, '--drop-samples');
  await buildSite({ outDir: join(folder, 'build'), contentDir: content });
  client = join(folder, 'build', 'client');
}, 300_000);

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('a pretalx export imported, then the site built', () => {
  it('reports what real exports get wrong, each by session, and imports them all the same', () => {
    expect(programReport).toMatch(/quality-focused-6thgeneration-website.*double-booked/);
    expect(programReport).toMatch(/secured-mobile-concept.*in two places/);
    expect(programReport).toMatch(/proactive-leadingedge-graphical-user-interface.*past midnight/);
  });

  it('gives back in /schedule.json and /zh/schedule.json the sessions of the file imported', async () => {
    const expected = essentials(parseSchedule(JSON.stringify(imported), 'democon-messy.schedule.json'));
    expect(expected).toHaveLength(36);
    for (const path of ['schedule.json', 'zh/schedule.json']) {
      const built = await readFile(join(client, path), 'utf8');
      expect(essentials(parseSchedule(built, path)), path).toEqual(expected);
    }
  });

  it('gives them back in /schedule.xml too', async () => {
    const expected = essentials(parseSchedule(JSON.stringify(imported), 'democon-messy.schedule.json'));
    const built = await readFile(join(client, 'schedule.xml'), 'utf8');
    expect(essentials(parseSchedule(built, 'schedule.xml'))).toEqual(expected);
  });

  it('keeps the export’s time zone and says so on the program', async () => {
    const schedule = JSON.parse(await readFile(join(client, 'schedule.json'), 'utf8'));
    expect(schedule.schedule.conference.time_zone_name).toBe('UTC');
    expect(await page('program')).toContain('UTC');
  });

  it('shows the double booking, the speaker in two places and the night past midnight', async () => {
    expect(await pageText('program/quality-focused-6thgeneration-website')).toContain(
      'Same room, same time as Focused 5thgeneration hardware.',
    );
    expect(await pageText('program/managed-stable-function')).toMatch(
      /Same speaker \([^)]+\), same time as Secured mobile concept\./,
    );
    expect(await pageText('program/proactive-leadingedge-graphical-user-interface')).toContain(
      '22:45–17 Dec 00:15',
    );
  });
});

describe('OpenStreetMap venues imported, the sample listings dropped, then the site built', () => {
  it('reports what it imported and what it dropped', () => {
    expect(venuesReport).toMatch(/imported/i);
    expect(venuesReport).toMatch(/sample/i);
  });

  it('lists no sample venue any more, and credits OpenStreetMap on each imported venue’s page', async () => {
    const venues = await readdir(join(content, 'venues'));
    expect(venues.filter((file) => file.startsWith('sample-'))).toEqual([]);
    const credited = await Promise.all(
      venues.map(async (file) => {
        const source = await readFile(join(content, 'venues', file), 'utf8');
        if (!/^osm:/m.test(source)) return undefined;
        const id = file.replace(/\.yaml$/, '');
        const [en, zh] = await Promise.all([page(`v/${id}`), page(`zh/v/${id}`)]);
        expect(en, id).toContain('© OpenStreetMap contributors');
        expect(en, id).toContain('https://www.openstreetmap.org/copyright');
        expect(zh, id).toContain('https://www.openstreetmap.org/copyright');
        return id;
      }),
    );
    expect(credited.filter(Boolean).length).toBeGreaterThanOrEqual(10);
  });

  it('says plainly when OpenStreetMap has no address, and leaves it off the taxi card', async () => {
    const page = await pageText('v/osm-n1002');
    expect(page).toContain('No street address known: see the map');
    expect(await pageText('zh/v/osm-n1002')).toContain('暂无门牌地址，请参见地图');
    const html = await readFile(join(client, 'v/osm-n1002/index.html'), 'utf8');
    expect(html).not.toContain('taxi-address');
    // Its name is the same in both languages (Chinese only in OSM): said once, not twice.
    expect(html).not.toContain('venue-other-name');
  });
});

describe('the built pages of the imported program and venues, as the Nu HTML Checker sees them', () => {
  it('finds no error', async () => {
    const pages = [
      'program',
      'zh/program',
      'speakers',
      'zh/speakers',
      'guide',
      'zh/guide',
      'town',
      'zh/town',
    ];
    const sessions = (await readdir(join(client, 'program'))).filter((name) => !name.includes('.'));
    const venues = (await readdir(join(client, 'v'))).filter((name) => !name.includes('.'));
    const files = [
      ...pages,
      ...sessions.map((id) => `program/${id}`),
      ...venues.flatMap((id) => [`v/${id}`, `zh/v/${id}`]),
    ].map((path) => join(client, path, 'index.html'));
    const messages = await vnuMessages(files);
    expect(messages.filter(({ type }) => type !== 'info')).toEqual([]);
  }, 120_000);
});

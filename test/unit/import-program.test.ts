import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { importProgram } from '../../content/import/program/import-schedule.ts';
import { contentRoot, loadEditions, loadProgramWithWarnings, programFolder } from '../../content/load.ts';
import { treeHashes } from '../support/tree-hashes.ts';

const run = promisify(execFile);
const projectRoot = join(import.meta.dirname, '..', '..');
const fixtures = join(projectRoot, 'test', 'fixtures', 'schedules');
const democonFile = join(fixtures, 'democon.schedule.json');

/** The democon export as pretalx serves it: 36 sessions (27 talks, 9 workshops), 27 speakers, 2 rooms, 2 tracks. */
interface FrabEvent {
  guid: string;
  date: string;
  start: string;
  room: string;
  title: string;
  persons: Array<{ public_name: string }>;
}
interface FrabSchedule {
  schedule: { conference: { days: Array<{ date: string; rooms: Record<string, FrabEvent[]> }> } };
}

let folder: string;
let root: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'import-program-test-'));
  root = join(folder, 'content');
  await cp(contentRoot, root, { recursive: true });
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function democon(): Promise<FrabSchedule> {
  return JSON.parse(await readFile(democonFile, 'utf8')) as FrabSchedule;
}

/** A variant of the democon export written beside the content copy under its own name. */
async function scheduleFile(name: string, content: FrabSchedule | string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

function events(schedule: FrabSchedule): FrabEvent[] {
  return schedule.schedule.conference.days.flatMap(({ rooms }) => Object.values(rooms).flat());
}

function eventTitled(schedule: FrabSchedule, title: string): FrabEvent {
  const found = events(schedule).find((event) => event.title === title);
  if (!found) throw new Error(`democon has no "${title}"`);
  return found;
}

/** Takes an event out of its day and room, for deleting it or putting it somewhere else. */
function takeOut(schedule: FrabSchedule, event: FrabEvent): void {
  for (const day of schedule.schedule.conference.days) {
    for (const list of Object.values(day.rooms)) {
      const index = list.indexOf(event);
      if (index >= 0) list.splice(index, 1);
    }
  }
}

async function loadImported(editionId: string) {
  const editions = await loadEditions(join(root, 'editions'));
  const edition = editions.find(({ id }) => id === editionId);
  return { edition, ...(await loadProgramWithWarnings(programFolder(editionId, root), edition)) };
}

const sessionFileOf = (day: string) => join(programFolder('2027', root), 'sessions', `${day}.yaml`);

describe('importing the pretalx democon example', () => {
  it('writes a program the loaders accept, with the sample program replaced and reported', async () => {
    const before = await loadImported('2027');
    const result = await importProgram({ file: democonFile, root });
    const { edition, program } = await loadImported('2027');
    expect(edition).toMatchObject({
      name: { en: 'DemoCon' },
      startDate: '2020-12-14',
      endDate: '2020-12-16',
      timeZone: 'UTC',
    });
    expect(program.sessions).toHaveLength(36);
    expect(program.speakers).toHaveLength(27);
    expect(program.rooms.map(({ id }) => id)).toEqual(['gray-room', 'tan-room']);
    expect(program.tracks.map(({ id }) => id).sort()).toEqual(['horizontal', 'phased']);
    const first = program.sessions.find(({ guid }) => guid === '8079583e-8321-506c-95af-fd2903a5f075');
    expect(first).toMatchObject({
      id: 'focused-5thgeneration-hardware',
      frabId: 25,
      title: { en: 'Focused 5thgeneration hardware', zh: 'Focused 5thgeneration hardware' },
      type: 'talk',
      language: 'en',
      room: 'gray-room',
      track: 'phased',
      // 09:00+01:00 in the export, written in the edition's zone (the export's time_zone_name, UTC).
      start: '2020-12-14 08:00',
      duration: 30,
      speakers: ['brian-robinson'],
      url: 'http://localhost/democon/talk/G9JGWY/',
    });
    expect(program.sessions.filter(({ type }) => type === 'workshop')).toHaveLength(9);
    expect(parse(await readFile(join(programFolder('2027', root), 'source.yaml'), 'utf8'))).toEqual({
      format: 'frab-json',
      file: 'democon.schedule.json',
      version: 'v1.1',
      baseUrl: 'http://localhost/democon/schedule/',
    });
    const { sessions, speakers } = result.plan.changes;
    expect(sessions.added).toHaveLength(36);
    expect(sessions.removed.map(({ id }) => id).sort()).toEqual(
      before.program.sessions.map(({ id }) => id).sort(),
    );
    expect(speakers.removed).toHaveLength(before.program.speakers.length);
    expect(result.files.removed).toContain(join('program', '2027', 'sessions', '2027-11-17.yaml'));
  });

  it('changes no file when the same schedule is imported again', async () => {
    await importProgram({ file: democonFile, root });
    const written = await treeHashes(root);
    const again = await importProgram({ file: democonFile, root });
    expect(again.files).toEqual({ added: [], changed: [], removed: [] });
    expect(again.plan.changes.sessions.unchanged).toHaveLength(36);
    expect(await treeHashes(root)).toEqual(written);
  });

  it('keeps the ids of moved and renamed sessions on a re-import and reports the deleted one', async () => {
    await importProgram({ file: democonFile, root });
    const changed = await democon();
    const moved = eventTitled(changed, 'Focused 5thgeneration hardware');
    takeOut(changed, moved);
    const lastDay = changed.schedule.conference.days.at(-1);
    Object.assign(moved, { date: `${lastDay?.date}T18:00:00+01:00`, start: '18:00', room: 'Tan Room' });
    lastDay?.rooms['Tan Room']?.push(moved);
    const renamed = eventTitled(changed, 'Quality-focused 6thgeneration website');
    renamed.title = 'Quality-focused seventh-generation website';
    takeOut(changed, eventTitled(changed, 'Secured mobile concept'));

    const result = await importProgram({ file: await scheduleFile('democon-v2.json', changed), root });
    const { program } = await loadImported('2027');
    expect(program.sessions.find(({ guid }) => guid === moved.guid)).toMatchObject({
      id: 'focused-5thgeneration-hardware',
      room: 'tan-room',
      start: '2020-12-16 17:00',
    });
    expect(program.sessions.find(({ guid }) => guid === renamed.guid)).toMatchObject({
      id: 'quality-focused-6thgeneration-website',
      title: { en: 'Quality-focused seventh-generation website' },
    });
    expect(program.sessions.some(({ id }) => id === 'secured-mobile-concept')).toBe(false);
    const { sessions } = result.plan.changes;
    expect(sessions.moved.map(({ id }) => id)).toEqual(['focused-5thgeneration-hardware']);
    expect(sessions.renamed.map(({ id }) => id)).toEqual(['quality-focused-6thgeneration-website']);
    expect(sessions.removed).toEqual([{ id: 'secured-mobile-concept', name: 'Secured mobile concept' }]);
    expect(sessions.added).toEqual([]);
    expect(sessions.unchanged).toHaveLength(33);
  });

  it('imports a partly double-booked room and a session past midnight, reporting each as a warning', async () => {
    const changed = await democon();
    const first = eventTitled(changed, 'Focused 5thgeneration hardware');
    const overlapping = eventTitled(changed, 'Quality-focused 6thgeneration website');
    Object.assign(overlapping, { date: '2020-12-14T09:15:00+01:00', start: '09:15', room: first.room });
    const late = eventTitled(changed, 'Secured mobile concept');
    Object.assign(late, { date: `${late.date.slice(0, 10)}T23:50:00+00:00`, start: '23:50' });
    const result = await importProgram({ file: await scheduleFile('tight.json', changed), root });
    expect(result.warnings.join('\n')).toMatch(
      /quality-focused-6thgeneration-website.*double-booked.*focused-5thgeneration-hardware/,
    );
    expect(result.warnings.join('\n')).toMatch(/secured-mobile-concept.*past midnight/);
    expect((await loadImported('2027')).program.sessions).toHaveLength(36);
  });

  it('imports a schedule whose sessions have no track', async () => {
    const trackless = await democon();
    for (const event of events(trackless)) Object.assign(event, { track: null });
    await importProgram({ file: await scheduleFile('trackless.json', trackless), root });
    const { program } = await loadImported('2027');
    expect(program.tracks).toEqual([]);
    expect(program.sessions).toHaveLength(36);
    expect(program.sessions.every((session) => session.track === undefined)).toBe(true);
  });

  it("keeps an editor's translation while the schedule's text is unchanged", async () => {
    await importProgram({ file: democonFile, root });
    const day = sessionFileOf('2020-12-14');
    const written = parse(await readFile(day, 'utf8')) as Array<Record<string, unknown>>;
    const translated = written.map((session) =>
      session.id === 'focused-5thgeneration-hardware'
        ? { ...session, title: { en: 'Focused 5thgeneration hardware', zh: '专注的第五代硬件' } }
        : session,
    );
    await writeFile(day, stringify(translated));
    const result = await importProgram({ file: democonFile, root });
    const { program } = await loadImported('2027');
    expect(program.sessions.find(({ id }) => id === 'focused-5thgeneration-hardware')?.title).toEqual({
      en: 'Focused 5thgeneration hardware',
      zh: '专注的第五代硬件',
    });
    expect(result.notes.join('\n')).not.toMatch(/replaces the translation/);
  });

  it('reads the same program from the frab XML and the schema2 forms of the export, ids and all', async () => {
    await importProgram({ file: democonFile, root });
    const fromJson = (await loadImported('2027')).program;
    const xml = await importProgram({ file: join(fixtures, 'democon.schedule.xml'), root });
    expect(xml.plan.changes.sessions.unchanged).toHaveLength(36);
    expect(xml.files.changed).toEqual([join('program', '2027', 'source.yaml')]);
    await importProgram({ file: join(fixtures, 'democon.schedule2.json'), root });
    const fromSchema2 = (await loadImported('2027')).program;
    const essentials = ({ sessions }: typeof fromJson) =>
      sessions.map(({ id, guid, frabId, title, start, duration, room, speakers }) => ({
        id,
        guid,
        frabId,
        title,
        start,
        duration,
        room,
        speakers,
      }));
    // schema2 carries no frab id: the one the first import kept stays, so apps see the same session.
    expect(essentials(fromSchema2)).toEqual(essentials(fromJson));
  });

  it('writes nothing on a dry run', async () => {
    const before = await treeHashes(root);
    const result = await importProgram({ file: democonFile, root, dryRun: true });
    expect(result.plan.changes.sessions.added).toHaveLength(36);
    expect(result.files.added.length).toBeGreaterThan(27);
    expect(await treeHashes(root)).toEqual(before);
  });

  it('creates a new edition, not current, for an edition id it does not know', async () => {
    const result = await importProgram({ file: democonFile, root, editionId: '2020' });
    expect(result.editionCreated).toBe(true);
    const { edition, program } = await loadImported('2020');
    expect(edition).toMatchObject({ current: false, timeZone: 'UTC', startDate: '2020-12-14' });
    expect(program.sessions).toHaveLength(36);
    // The current edition and its program are as they were.
    expect(result.files.changed).toEqual([]);
    expect((await loadImported('2027')).program.sessions.length).toBeGreaterThanOrEqual(40);
  });
});

describe('real exports of other conferences', () => {
  it.each(['camp2019.frab.schedule.json', 'rc3-channels.pretalx.schedule.json', '38c3-trimmed.schedule.xml'])(
    '%s imports into a new edition whose program loads',
    async (name) => {
      const result = await importProgram({ file: join(fixtures, name), root, editionId: '2030' });
      const { program } = await loadImported('2030');
      expect(program.sessions).toHaveLength(result.plan.changes.sessions.added.length);
      expect(program.sessions.length).toBeGreaterThan(40);
      expect(new Set(program.sessions.map(({ id }) => id)).size).toBe(program.sessions.length);
    },
  );
});

describe('a bad schedule', () => {
  async function expectNothingChanged(file: string, message: RegExp): Promise<void> {
    const before = await treeHashes(root);
    await expect(importProgram({ file, root })).rejects.toThrow(message);
    expect(await treeHashes(root)).toEqual(before);
  }

  it('that is not a schedule, or is cut short, changes nothing', async () => {
    await expectNothingChanged(await scheduleFile('notes.json', '{"hello": "world"}'), /notes\.json/);
    const text = await readFile(democonFile, 'utf8');
    await expectNothingChanged(await scheduleFile('cut.json', text.slice(0, text.length / 2)), /cut\.json/);
  });

  it('for an edition id that is not a year changes nothing', async () => {
    const before = await treeHashes(root);
    await expect(importProgram({ file: democonFile, root, editionId: 'democon' })).rejects.toThrow(
      '--edition: "democon" is not an edition id (the year, four digits)',
    );
    expect(await treeHashes(root)).toEqual(before);
  });

  it('with a speaker without a name changes nothing', async () => {
    await importProgram({ file: democonFile, root });
    const changed = await democon();
    const event = eventTitled(changed, 'Secured mobile concept');
    for (const person of event.persons) person.public_name = '';
    await expectNothingChanged(await scheduleFile('nameless.json', changed), /nameless\.json.*name/s);
  });

  it('with two sessions in one room at one start changes nothing and names both', async () => {
    const changed = await democon();
    const original = eventTitled(changed, 'Secured mobile concept');
    const twin = { ...original, guid: '0b1f2a3c-4d5e-4f60-8a7b-9c8d7e6f5a4b', title: 'Its twin' };
    changed.schedule.conference.days
      .find(({ rooms }) => Object.values(rooms).flat().includes(original))
      ?.rooms[original.room]?.push(twin);
    await expectNothingChanged(
      await scheduleFile('twins.json', changed),
      /twins\.json: .*"Secured mobile concept" \(guid [0-9a-f-]+\) and .*"Its twin" \(guid 0b1f2a3c-4d5e-4f60-8a7b-9c8d7e6f5a4b\) both start in /,
    );
  });
});

describe('npm run import:program', () => {
  const cli = join(projectRoot, 'content', 'import', 'import-program.ts');
  const environment = () => ({ ...process.env, CONTENT_DIR: root });

  it('imports the democon example into CONTENT_DIR and prints the report', async () => {
    const { stdout } = await run(process.execPath, [cli, democonFile], { env: environment() });
    expect(stdout).toMatch(/^Imported democon\.schedule\.json into edition 2027/);
    expect(stdout).toMatch(/^sessions\s+36\s+0\s+0\s+0\s+0\s+\d+$/m);
    expect(stdout).toMatch(/^speakers\s+27\s+0\s+-\s+0\s+0\s+\d+$/m);
    expect(stdout.trimEnd()).toMatch(/Done in \d+\.\d\d s$/);
    expect((await loadImported('2027')).program.sessions).toHaveLength(36);
  });

  it('exits with 1 and a message naming the file when the file is bad, changing nothing', async () => {
    const before = await treeHashes(root);
    const file = await scheduleFile('broken.json', '{"schedule": ');
    const failure = await run(process.execPath, [cli, file], { env: environment() }).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringMatching(/broken\.json/) });
    expect(await treeHashes(root)).toEqual(before);
  });

  it('exits with 2 on a wrong command line', async () => {
    const failure = await run(process.execPath, [cli, '--nonsense'], { env: environment() }).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/usage: npm run import:program/),
    });
  });
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  ContentError,
  currentEdition,
  loadEditions,
  loadProgram,
  loadProgramWithWarnings,
} from '../../content/load.ts';
import {
  frabNumber,
  pretalxCode,
  sessionDay,
  sessionEnd,
  sessionEndDay,
  sessionGuid,
  sessionStart,
  sessionStartTime,
  startExists,
  uuidV5,
} from '../../content/program.ts';
import { type Edition, editionSchema } from '../../content/schemas/edition.ts';

/** The dates from start to end, inclusive: "2027-11-17", "2027-11-18", ... */
function datesBetween(start: string, end: string): string[] {
  const dates: string[] = [];
  for (let day = new Date(`${start}T00:00:00Z`); day.toISOString().slice(0, 10) <= end; ) {
    dates.push(day.toISOString().slice(0, 10));
    day = new Date(day.getTime() + 24 * 60 * 60 * 1000);
  }
  return dates;
}

describe('the shipped program', async () => {
  const edition = currentEdition(await loadEditions());
  const program = await loadProgram();

  it('is big enough to try every page with', () => {
    expect(program.sessions.length).toBeGreaterThanOrEqual(40);
    expect(program.speakers.length).toBeGreaterThanOrEqual(25);
    expect(program.rooms).toHaveLength(6);
    expect(program.tracks).toHaveLength(5);
  });

  it('uses every room and every track', () => {
    expect(new Set(program.sessions.map(({ room }) => room))).toEqual(
      new Set(program.rooms.map(({ id }) => id)),
    );
    expect(new Set(program.sessions.map(({ track }) => track))).toEqual(
      new Set(program.tracks.map(({ id }) => id)),
    );
  });

  it('fills each day of the current edition, and only those', () => {
    const days = datesBetween(edition.startDate, edition.endDate);
    expect(days).toHaveLength(3);
    expect([...new Set(program.sessions.map(sessionDay))].sort()).toEqual(days);
  });

  it('keeps to conference hours and leaves the lunch break free', () => {
    for (const session of program.sessions) {
      const start = sessionStartTime(session);
      const end = sessionEnd(session, edition.timeZone).slice(11, 16);
      expect(start >= '09:00' && end <= '18:00', `${session.id} ${start}–${end}`).toBe(true);
      expect(end <= '12:00' || start >= '13:30', `${session.id} ${start}–${end} is over lunch`).toBe(true);
    }
  });

  it('opens and closes with a ceremony in the Main Hall, with keynotes there in the mornings', () => {
    const ceremonies = program.sessions.filter(({ type }) => type === 'ceremony');
    expect(ceremonies.map((session) => [session.room, sessionDay(session)])).toEqual([
      ['main-hall', edition.startDate],
      ['main-hall', edition.endDate],
    ]);
    for (const keynote of program.sessions.filter(({ type }) => type === 'keynote')) {
      expect([keynote.room, sessionStartTime(keynote) < '12:00'], keynote.id).toEqual(['main-hall', true]);
    }
  });

  // Speakers are invented: a real person's name on an invented talk would put words in their mouth.
  it('names only invented speakers, each marked as a sample in both languages', () => {
    for (const speaker of program.speakers) {
      expect(speaker.sample, speaker.id).toBe(true);
      expect(speaker.name.en, speaker.id).toMatch(/ \(sample\)$/);
      expect(speaker.name.zh, speaker.id).toMatch(/（示例）$/);
      expect(speaker.affiliation?.en, speaker.id).toMatch(/ \(fictional\)$/);
      expect(speaker.affiliation?.zh, speaker.id).toMatch(/（虚构）$/);
      for (const link of speaker.links) {
        expect(link.url, speaker.id).toMatch(/^https:\/\/example\.(org|com)\//);
      }
    }
  });

  it('gives every speaker at least one session', () => {
    const speaking = new Set(program.sessions.flatMap(({ speakers }) => speakers));
    expect(program.speakers.filter(({ id }) => !speaking.has(id)).map(({ id }) => id)).toEqual([]);
  });

  it('lists sessions in program order: by start, then by room as the rooms are listed', () => {
    const roomIndex = (room: string) => program.rooms.findIndex(({ id }) => id === room);
    for (const [index, session] of program.sessions.entries()) {
      const previous = program.sessions[index - 1];
      if (!previous) continue;
      const inOrder =
        previous.start < session.start ||
        (previous.start === session.start && roomIndex(previous.room) < roomIndex(session.room));
      expect(inOrder, `${previous.id} before ${session.id}`).toBe(true);
    }
  });
});

describe('ids and times derived from the program', () => {
  it('derives version 5 UUIDs as RFC 9562 does (Python: uuid5(NAMESPACE_DNS, "python.org"))', () => {
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
  });

  it('gives each session a GUID of its own that never changes', () => {
    const guid = sessionGuid({ id: 'opening-ceremony' });
    expect(guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sessionGuid({ id: 'opening-ceremony' })).toBe(guid);
    expect(sessionGuid({ id: 'closing-ceremony' })).not.toBe(guid);
  });

  it("derives frab's positive integer id and pretalx's six-character code from the id", () => {
    for (const id of ['opening-ceremony', 'closing-ceremony', 'a1']) {
      const number = frabNumber('session', id);
      expect(Number.isInteger(number) && number > 0, id).toBe(true);
      expect(frabNumber('session', id)).toBe(number);
      expect(pretalxCode('session', id)).toMatch(/^[0-9A-Z]{6}$/);
    }
    expect(frabNumber('session', 'opening-ceremony')).not.toBe(frabNumber('speaker', 'opening-ceremony'));
  });

  it('writes start and end in the conference offset, across hour boundaries', () => {
    const zone = 'Asia/Shanghai';
    expect(sessionStart({ start: '2027-11-17 09:00' }, zone)).toBe('2027-11-17T09:00:00+08:00');
    expect(sessionEnd({ start: '2027-11-17 09:00', duration: 60 }, zone)).toBe('2027-11-17T10:00:00+08:00');
    expect(sessionEnd({ start: '2027-11-17 10:45', duration: 40 }, zone)).toBe('2027-11-17T11:25:00+08:00');
    expect(sessionEnd({ start: '2027-11-17 13:30', duration: 120 }, zone)).toBe('2027-11-17T15:30:00+08:00');
  });

  it('follows daylight saving time: the offset in force at each instant, a skipped hour refused', () => {
    const berlin = 'Europe/Berlin';
    // The clocks went forward at 02:00 on 31 March 2030 and back at 03:00 on 27 October 2030.
    expect(sessionStart({ start: '2030-03-31 01:30' }, berlin)).toBe('2030-03-31T01:30:00+01:00');
    expect(sessionEnd({ start: '2030-03-31 01:30', duration: 60 }, berlin)).toBe('2030-03-31T03:30:00+02:00');
    expect(startExists({ start: '2030-03-31 02:30' }, berlin)).toBe(false);
    expect(() => sessionStart({ start: '2030-03-31 02:30' }, berlin)).toThrow(
      /does not exist in Europe\/Berlin/,
    );
    // 02:30 happens twice when the clocks go back: the first one, in summer time, is meant.
    expect(sessionStart({ start: '2030-10-27 02:30' }, berlin)).toBe('2030-10-27T02:30:00+02:00');
    expect(sessionEnd({ start: '2030-10-27 02:30', duration: 60 }, berlin)).toBe('2030-10-27T02:30:00+01:00');
    expect(sessionStart({ start: '2030-11-18 23:30' }, 'UTC')).toBe('2030-11-18T23:30:00+00:00');
    expect(sessionEndDay({ start: '2030-11-18 23:30', duration: 60 }, 'UTC')).toBe('2030-11-19');
    expect(sessionStart({ start: '2030-11-18 09:00' }, 'Asia/Kolkata')).toBe('2030-11-18T09:00:00+05:30');
  });
});

describe('a program that does not add up', () => {
  // The edition is passed in, so these tests do not depend on which edition is current.
  const edition: Edition = {
    id: '2030',
    name: { en: 'Test edition', zh: '测试届次' },
    startDate: '2030-11-18',
    endDate: '2030-11-19',
    venue: { en: 'Wuzhen', zh: '乌镇' },
    timeZone: 'Asia/Shanghai',
    summary: { en: 'For tests.', zh: '用于测试。' },
    current: true,
    sample: true,
    personalDataRetentionDays: 90,
    categories: [],
  };
  const text = (en: string, zh: string) => ({ en, zh });
  const session = (id: string, fields: Record<string, unknown>) => ({
    id,
    title: text(`Session ${id}`, `议程 ${id}`),
    abstract: text('About it.', '简介。'),
    type: 'talk',
    language: 'en',
    room: 'hall-a',
    track: 'main-track',
    start: '2030-11-18 09:00',
    duration: 60,
    speakers: [],
    ...fields,
  });
  // Two parallel sessions, then one that starts exactly when the first one ends: a valid program.
  const validSessions = [
    session('welcome', { speakers: ['alice'] }),
    session('deep-dive', { room: 'hall-b', duration: 45, speakers: ['bob'] }),
    session('follow-up', { start: '2030-11-18 10:00', speakers: ['alice', 'bob'] }),
  ];

  let folder: string;
  const sessionsFile = '2030-11-18.yaml';
  const writeSessions = (sessions: unknown[], file = sessionsFile) =>
    writeFile(join(folder, 'sessions', file), stringify(sessions));
  const writeSpeaker = (file: string, id: string) =>
    writeFile(
      join(folder, 'speakers', `${file}.yaml`),
      stringify({ id, name: text(id, id), affiliation: text('Test', '测试'), bio: text('Test.', '测试。') }),
    );
  const problemsIn = async () => {
    const error = await loadProgram(folder, edition).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).message;
  };

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'program-'));
    await mkdir(join(folder, 'speakers'));
    await mkdir(join(folder, 'sessions'));
    await writeFile(
      join(folder, 'rooms.yaml'),
      stringify([
        { id: 'hall-a', name: text('Hall A', 'A厅'), location: text('Ground floor', '一层') },
        { id: 'hall-b', name: text('Hall B', 'B厅'), location: text('First floor', '二层') },
      ]),
    );
    await writeFile(
      join(folder, 'tracks.yaml'),
      stringify([{ id: 'main-track', name: text('Main', '主线'), color: '#1f6f8b' }]),
    );
    await writeSpeaker('alice', 'alice');
    await writeSpeaker('bob', 'bob');
    await writeSessions(validSessions);
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('loads when it does add up (the starting point of every test below)', async () => {
    const program = await loadProgram(folder, edition);
    expect(program.sessions.map(({ id }) => id)).toEqual(['welcome', 'deep-dive', 'follow-up']);
    expect(program.speakers.map(({ id }) => id)).toEqual(['alice', 'bob']);
  });

  it('rejects a room, a track and a speaker that do not exist, naming file and session', async () => {
    await writeSessions([
      ...validSessions,
      session('lost', { start: '2030-11-19 09:00', room: 'hall-z', track: 'no-track', speakers: ['carol'] }),
    ]);
    const message = await problemsIn();
    expect(message).toMatch(/sessions\/2030-11-18\.yaml: lost: room: "hall-z" is not a room in rooms\.yaml/);
    expect(message).toMatch(
      /sessions\/2030-11-18\.yaml: lost: track: "no-track" is not a track in tracks\.yaml/,
    );
    expect(message).toMatch(/sessions\/2030-11-18\.yaml: lost: speakers: "carol" has no file in speakers\//);
  });

  it('rejects a room booked twice at once, naming both sessions and their times', async () => {
    await writeSessions([...validSessions, session('clash', { start: '2030-11-18 09:30', duration: 20 })]);
    expect(await problemsIn()).toMatch(
      /sessions\/2030-11-18\.yaml: clash: room "hall-a" is double-booked: 2030-11-18 09:30–09:50 overlaps "welcome" \(2030-11-18 09:00–10:00\)/,
    );
  });

  it('reports every session a long booking overlaps, not just the next one', async () => {
    await writeSessions([
      session('long', { room: 'hall-b', duration: 180 }),
      session('inside', { room: 'hall-b', start: '2030-11-18 09:30', duration: 30 }),
      session('later-inside', { room: 'hall-b', start: '2030-11-18 10:30', duration: 30 }),
    ]);
    const message = await problemsIn();
    expect(message).toMatch(/inside: room "hall-b" is double-booked: .* overlaps "long"/);
    expect(message).toMatch(/later-inside: room "hall-b" is double-booked: .* overlaps "long"/);
  });

  it('rejects a speaker in two places at once', async () => {
    await writeSessions([
      ...validSessions,
      session('interview', { room: 'hall-b', start: '2030-11-18 09:50', duration: 20, speakers: ['alice'] }),
    ]);
    const message = await problemsIn();
    expect(message).toMatch(
      /sessions\/2030-11-18\.yaml: interview: speaker "alice" is in two places at once: 2030-11-18 09:50–10:10 overlaps "welcome" \(2030-11-18 09:00–10:00\)/,
    );
    // The same speaker in overlapping sessions of different files is caught too.
    await writeSessions(validSessions);
    await writeSessions(
      [session('elsewhere', { room: 'hall-b', start: '2030-11-18 10:30', speakers: ['bob'] })],
      '2030-11-18-extra.yaml',
    );
    expect(await problemsIn()).toMatch(
      /sessions\/2030-11-18-extra\.yaml: elsewhere: speaker "bob" is in two places at once: .* overlaps "follow-up"/,
    );
  });

  it('does not call a speaker listed twice in one session "in two places at once"', async () => {
    await writeSessions([session('echo', { speakers: ['alice', 'alice'] })]);
    const message = await problemsIn();
    expect(message).toMatch(/echo: speakers: "alice" is listed twice/);
    expect(message).not.toMatch(/two places at once/);
  });

  it.each([
    ['2030-11-18 25:00', /not a real date and time/],
    ['2030-02-30 09:00', /not a real date and time/],
    ['18/11/2030 09:00', /write the local time as "YYYY-MM-DD HH:MM"/],
  ])('rejects the start time %s, naming file and session', async (start, reason) => {
    await writeSessions([...validSessions, session('bad-time', { start })]);
    const message = await problemsIn();
    expect(message).toMatch(/sessions\/2030-11-18\.yaml: invalid content/);
    expect(message).toMatch(new RegExp(`3\\.start \\("bad-time"\\): ${reason.source}`));
  });

  it('rejects a session outside the conference days', async () => {
    await writeSessions([...validSessions, session('too-late', { start: '2030-11-20 09:00' })]);
    expect(await problemsIn()).toMatch(
      /sessions\/2030-11-18\.yaml: too-late: start: 2030-11-20 09:00 is outside the conference \(2030-11-18 to 2030-11-19\)/,
    );
  });

  it('rejects a session that runs past midnight', async () => {
    await writeSessions([...validSessions, session('night-owl', { start: '2030-11-18 23:30' })]);
    expect(await problemsIn()).toMatch(
      /sessions\/2030-11-18\.yaml: night-owl: duration: 2030-11-18 23:30–00:30 runs past midnight/,
    );
  });

  it('rejects a session id used twice, naming the files it is in', async () => {
    await writeSessions([session('welcome', { start: '2030-11-19 09:00' })], '2030-11-19.yaml');
    const message = await problemsIn();
    expect(message).toMatch(
      /sessions\/2030-11-18\.yaml, .*sessions\/2030-11-19\.yaml: session id "welcome" is used more than once/,
    );
    // One mistake, one line: the same id naturally derives the same frab number.
    expect(message).not.toMatch(/same frab id/);
  });

  it('rejects a speaker file whose id differs from its file name', async () => {
    await writeSpeaker('alice', 'alicia');
    await expect(loadProgram(folder, edition)).rejects.toThrow(
      /speakers\/alice\.yaml: id: "alicia" must match the file name/,
    );
  });

  it('rejects a sessions file that is not YAML', async () => {
    await writeFile(join(folder, 'sessions', sessionsFile), '- id: welcome\n  title: { en: [unclosed');
    await expect(loadProgram(folder, edition)).rejects.toThrow(/sessions\/2030-11-18\.yaml: not valid YAML/);
  });

  it('reports every problem at once, so one build shows everything to fix', async () => {
    await writeSessions([
      ...validSessions,
      session('lost', { start: '2030-11-19 09:00', room: 'hall-z' }),
      session('too-late', { start: '2030-11-20 09:00' }),
    ]);
    const message = await problemsIn();
    expect(message).toMatch(/the program does not add up/);
    expect(message).toMatch(/lost: room: "hall-z"/);
    expect(message).toMatch(/too-late: start: /);
  });
  it('reads plain strings as text given in both languages, and leaves optional facts out', async () => {
    await writeFile(join(folder, 'rooms.yaml'), stringify([{ id: 'hall-a', name: 'Saal 1' }]));
    await writeFile(
      join(folder, 'speakers', 'alice.yaml'),
      stringify({ id: 'alice', name: 'Alice Liddell' }),
    );
    await writeSessions([
      {
        id: 'vortrag',
        title: 'Ein Vortrag',
        subtitle: 'mit Untertitel',
        type: 'talk',
        typeName: 'Lightning talk',
        language: 'pt-br',
        room: 'hall-a',
        start: '2030-11-18 09:00',
        duration: 30,
        speakers: ['alice'],
        links: [{ title: 'Slides', url: 'http://example.org/slides' }],
        recording: { license: 'CC BY 4.0' },
      },
    ]);
    const program = await loadProgram(folder, edition);
    const [session] = program.sessions;
    expect(session?.title).toEqual({ en: 'Ein Vortrag', zh: 'Ein Vortrag' });
    expect(session?.typeName).toEqual({ en: 'Lightning talk', zh: 'Lightning talk' });
    expect(session?.links).toEqual([
      { title: { en: 'Slides', zh: 'Slides' }, url: 'http://example.org/slides' },
    ]);
    expect(session?.language).toBe('pt-BR');
    expect(session?.track).toBeUndefined();
    expect(session?.abstract).toBeUndefined();
    expect(program.rooms[0]?.location).toBeUndefined();
    expect(program.speakers.find(({ id }) => id === 'alice')).toMatchObject({
      name: { en: 'Alice Liddell', zh: 'Alice Liddell' },
    });
    expect(program.speakers.find(({ id }) => id === 'alice')?.bio).toBeUndefined();
    expect(program.source).toBeUndefined();
  });

  it('rejects an empty string, a language that is no BCP 47 tag and a duration beyond a day', async () => {
    await writeSessions([session('odd', { title: '  ', language: 'english please', duration: 1441 })]);
    const message = await problemsIn();
    expect(message).toMatch(/0\.title \("odd"\)/);
    expect(message).toMatch(/0\.language \("odd"\): a BCP 47 language tag/);
    expect(message).toMatch(/0\.duration \("odd"\)/);
  });

  it('reads where an imported program came from', async () => {
    await writeFile(
      join(folder, 'source.yaml'),
      stringify({ format: 'frab-json', file: 'democon.schedule.json', version: 'v1.1' }),
    );
    expect((await loadProgram(folder, edition)).source).toEqual({
      format: 'frab-json',
      file: 'democon.schedule.json',
      version: 'v1.1',
    });
    await writeFile(
      join(folder, 'source.yaml'),
      stringify({ format: 'ical', file: '../x.ics', version: '1' }),
    );
    expect(await problemsIn()).toMatch(/source\.yaml: invalid content/);
  });

  describe('imported sessions (with a guid)', () => {
    const guid = (n: number) => `8079583e-8321-506c-95af-fd2903a5f0${String(n).padStart(2, '0')}`;

    it('hands back a double-booked room, a speaker in two places, midnight and odd durations as warnings', async () => {
      await writeSessions([
        session('welcome', { guid: guid(1), speakers: ['alice'], duration: 47 }),
        session('clash', { guid: guid(2), start: '2030-11-18 09:30', speakers: ['alice'] }),
        session('night-owl', { guid: guid(3), start: '2030-11-18 23:30' }),
        session('marathon', { guid: guid(4), room: 'hall-b', start: '2030-11-19 08:00', duration: 600 }),
      ]);
      const { program, warnings } = await loadProgramWithWarnings(folder, edition);
      expect(program.sessions).toHaveLength(4);
      expect(warnings).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/welcome: duration: 47 minutes is off the program grid/),
          expect.stringMatching(/clash: room "hall-a" is double-booked: .* overlaps "welcome"/),
          expect.stringMatching(/clash: speaker "alice" is in two places at once/),
          expect.stringMatching(/night-owl: duration: 2030-11-18 23:30–00:30 runs past midnight/),
          expect.stringMatching(/marathon: duration: 600 minutes is off the program grid/),
        ]),
      );
      expect(warnings).toHaveLength(5);
    });

    it('keeps a clash an error when a hand-written session is involved', async () => {
      await writeSessions([
        session('welcome', { guid: guid(1) }),
        session('clash', { start: '2030-11-18 09:30', duration: 7 }),
      ]);
      const message = await problemsIn();
      expect(message).toMatch(/clash: room "hall-a" is double-booked/);
      expect(message).toMatch(/clash: duration: 7 minutes is off the program grid/);
    });

    it('rejects two sessions with one guid', async () => {
      await writeSessions([
        session('welcome', { guid: guid(1) }),
        session('again', { guid: guid(1), room: 'hall-b' }),
      ]);
      expect(await problemsIn()).toMatch(/sessions "welcome", "again" share the guid/);
    });
  });

  it("rejects a start the clocks skip in the edition's zone, imported or not", async () => {
    const berlin = { ...edition, startDate: '2030-03-30', endDate: '2030-03-31', timeZone: 'Europe/Berlin' };
    await writeSessions([
      session('skipped', { guid: '8079583e-8321-506c-95af-fd2903a5f001', start: '2030-03-31 02:30' }),
      session('summer', { start: '2030-03-31 03:00' }),
    ]);
    const error = await loadProgram(folder, berlin).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).message).toMatch(
      /skipped: start: 2030-03-31 02:30 does not exist in Europe\/Berlin \(the clocks skip it\)/,
    );
    expect((error as ContentError).message).not.toMatch(/summer/);
  });

  it('has no warnings for a hand-written program that adds up', async () => {
    expect((await loadProgramWithWarnings(folder, edition)).warnings).toEqual([]);
  });
});

describe("an edition's time zone", () => {
  const fields = {
    id: '2030',
    name: { en: 'Test', zh: '测试' },
    startDate: '2030-03-30',
    endDate: '2030-03-31',
    venue: { en: 'Berlin', zh: '柏林' },
    summary: { en: 'Test.', zh: '测试。' },
  };

  it('is Asia/Shanghai unless the edition names another zone Intl knows', () => {
    expect(editionSchema.parse(fields).timeZone).toBe('Asia/Shanghai');
    expect(editionSchema.parse({ ...fields, timeZone: 'Europe/Berlin' }).timeZone).toBe('Europe/Berlin');
    expect(editionSchema.safeParse({ ...fields, timeZone: 'Mars/Olympus_Mons' }).success).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import addFormats from 'ajv-formats';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { currentEdition, loadEditions, loadProgram } from '../../content/load.ts';
import { frabNumber, sessionEnd, sessionGuid, sessionStart } from '../../content/program.ts';
import { programProblems } from '../../content/program-checks.ts';
import type { Edition } from '../../content/schemas/edition.ts';
import {
  type Program,
  roomSchema,
  type Session,
  sessionSchema,
  speakerSchema,
  trackSchema,
} from '../../content/schemas/program.ts';
import type { Locale } from '../../site/src/i18n/locales.ts';
import { type FrabScheduleDocument, frabSchedule } from '../../site/src/lib/schedule/frab-json.ts';
import { frabScheduleXml } from '../../site/src/lib/schedule/frab-xml.ts';
import { programCalendar, sessionsCalendar } from '../../site/src/lib/schedule/icalendar.ts';

const fixtures = join(import.meta.dirname, '../fixtures');
const frabJsonSchema = JSON.parse(readFileSync(join(fixtures, 'frab-schedule.schema.json'), 'utf8'));
const frabXsd = readFileSync(join(fixtures, 'frab-schedule.xsd'), 'utf8');

const siteUrl = 'https://wuzhen.example.org';
const stamp = new Date('2027-10-01T08:00:00Z');
const locales: Locale[] = ['en', 'zh'];

// The schema is draft-06 and uses a `color` format of its own; `$oneOf` and friends are annotations.
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addMetaSchema(draft06MetaSchema);
addFormats(ajv, ['uri', 'date', 'date-time', 'uuid']);
ajv.addFormat('color', /^#[0-9a-fA-F]{6}$/);
const validateSchedule = ajv.compile(frabJsonSchema);
const matchesFrabPerson = ajv.compile({ $ref: `${frabJsonSchema.$id}#/definitions/FrabPerson` });
const matchesPretalxPerson = ajv.compile({ $ref: `${frabJsonSchema.$id}#/definitions/PretalxPerson` });

/** Control characters XML 1.0 cannot carry and RFC 5545 TEXT does not allow: the exports drop them. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const forbiddenControls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const withoutControls = (text: string) => text.replace(forbiddenControls, '');

const nasty = {
  punctuation: `Commas, semicolons; backslashes \\ and "quotes" <&> 'apostrophes'`,
  longChinese: '乌镇互联网大会讨论数字经济、人工智能治理与网络安全，欢迎各方代表。'.repeat(8),
  emoji: 'Family 👨‍👩‍👧‍👦, flags 🇨🇳🇬🇧, skin tones 🧑🏽‍💻 and 🀄',
};

/** A valid program whose text tries every escaping rule the three formats have. */
function craftedProgram(edition: Edition): Program {
  const rooms = [
    {
      id: 'hall-a',
      name: { en: `Hall "A" <&> 'B', Zone; 1\\2`, zh: '主厅「甲」<&>，一层' },
      location: { en: 'Zone A, ground floor; left\nthen right', zh: nasty.longChinese },
      capacity: 100,
    },
    { id: 'room-b', name: { en: 'Empty Room B', zh: '空房间乙' }, location: { en: 'Zone B', zh: 'B区' } },
  ].map((room) => roomSchema.parse(room));
  const tracks = [
    {
      id: 'trust-and-safety',
      name: { en: 'Trust, Safety; and \\ Policy', zh: '信任，安全；与\\政策' },
      color: '#123abc',
    },
    // Starts with a digit: a valid program id, but not the XSD's track slug.
    { id: '5g-networks', name: { en: '5G <networks>', zh: '5G网络 🛰️' }, color: '#00ff99' },
  ].map((track) => trackSchema.parse(track));
  const speakers = [
    {
      id: 'obrien-zed',
      name: { en: `O'Brien, "Zed" <z@example.org> & Co; \\`, zh: '欧布莱恩，“泽德”' },
      affiliation: { en: nasty.punctuation, zh: nasty.longChinese },
      bio: { en: `Line one,\nline two; ${nasty.emoji}`, zh: `第一行，\n第二行；${nasty.emoji}` },
      links: [{ title: { en: 'Home, sweet; home', zh: '主页' }, url: 'https://example.org/?a=1&b=2' }],
      sample: true,
    },
    {
      id: 'wei-sample',
      name: { en: 'Wei Sample', zh: '魏示例' },
      affiliation: { en: 'Sample Lab', zh: '示例实验室' },
      bio: { en: 'Bio.', zh: '简介。' },
    },
  ].map((speaker) => speakerSchema.parse(speaker));
  const sessions = [
    {
      id: 'nasty-text',
      title: { en: `${nasty.punctuation}\nsecond line`, zh: `${nasty.longChinese}${nasty.emoji}` },
      abstract: { en: `${nasty.emoji}\r\n${nasty.punctuation}\n\nEnd.`, zh: nasty.longChinese },
      type: 'panel',
      language: 'en',
      interpretation: true,
      room: 'hall-a',
      track: 'trust-and-safety',
      start: `${edition.startDate} 09:00`,
      duration: 95,
      speakers: ['obrien-zed', 'wei-sample'],
    },
    {
      id: 'control-characters',
      title: { en: 'Bell\u0007 and vertical\u000b tab', zh: '响铃\u0007字符' },
      abstract: { en: 'Form\u000c feed, escape\u001b and tab\tkept.', zh: '换页\u000c字符' },
      type: 'talk',
      language: 'zh',
      room: 'hall-a',
      track: '5g-networks',
      start: `${edition.startDate} 11:00`,
      duration: 30,
    },
    {
      id: 'last-day-talk',
      title: { en: 'A plain talk', zh: '普通演讲' },
      abstract: { en: 'Plain.', zh: '普通。' },
      type: 'talk',
      language: 'zh',
      room: 'hall-a',
      track: '5g-networks',
      start: `${edition.endDate} 16:30`,
      duration: 60,
      speakers: ['wei-sample'],
    },
  ].map((session) => sessionSchema.parse(session));
  const { errors } = programProblems({
    rooms,
    tracks,
    speakerIds: speakers.map(({ id }) => id),
    sessions: sessions.map((session) => ({ file: 'crafted', session })),
    edition,
  });
  if (errors.length > 0) throw new Error(`the crafted program is not valid:\n${errors.join('\n')}`);
  return { rooms, tracks, speakers, sessions };
}

let edition: Edition;
const programs = {} as Record<'shipped' | 'crafted', Program>;

beforeAll(async () => {
  edition = currentEdition(await loadEditions());
  programs.shipped = await loadProgram();
  programs.crafted = craftedProgram(edition);
});

const cases = (['shipped', 'crafted'] as const).flatMap((name) =>
  locales.map((locale) => ({ name, locale })),
);

function allEvents(document: FrabScheduleDocument) {
  return document.schedule.conference.days.flatMap((day) => Object.values(day.rooms).flat());
}

describe.each(cases)('the $name program in $locale', ({ name, locale }) => {
  const options = () => ({ locale, siteUrl, stamp });
  const program = () => programs[name];

  describe('/schedule.json', () => {
    it('validates against the c3voc JSON schema', () => {
      const document = frabSchedule(program(), edition, options());
      const valid = validateSchedule(document);
      expect(validateSchedule.errors ?? [], ajv.errorsText(validateSchedule.errors)).toEqual([]);
      expect(valid).toBe(true);
    });

    it('avoids the traps the schema sets', () => {
      const { schedule } = frabSchedule(program(), edition, options());
      const { conference } = schedule;
      expect(schedule).not.toHaveProperty('rooms');
      expect(conference.acronym).toMatch(/^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$/);
      expect(conference.acronym).toMatch(/^[a-z0-9_-]{4,}$/);
      expect(conference.time_zone_name).toBe('Asia/Shanghai');
      const roomNames = program().rooms.map((room) => room.name[locale]);
      expect(conference.rooms.map((room) => room.name)).toEqual(roomNames);
      expect(conference.days.map((day) => day.date)).toEqual(['2027-11-17', '2027-11-18', '2027-11-19']);
      for (const day of conference.days) expect(Object.keys(day.rooms)).toEqual(roomNames);

      const events = allEvents({ schedule } as FrabScheduleDocument);
      expect(events.map((event) => event.guid).sort()).toEqual(program().sessions.map(sessionGuid).sort());
      for (const event of events) {
        expect(event.slug).toMatch(/^[a-z0-9_-]+[a-z0-9]$/);
        expect(event.slug).toMatch(/^[a-z0-9_]{4,}-[a-z0-9\-_]{4,}$/);
        expect(event.slug.startsWith(`${conference.acronym}-`)).toBe(true);
        const path = locale === 'en' ? '/program/' : '/zh/program/';
        expect(event.url).toBe(`${siteUrl}${path}${event.slug.slice(conference.acronym.length + 1)}/`);
        for (const person of event.persons) {
          expect(matchesFrabPerson(person), JSON.stringify(person)).toBe(false);
          expect(matchesPretalxPerson(person), JSON.stringify(person)).toBe(true);
          expect(person.url).toMatch(
            new RegExp(`^${siteUrl}${locale === 'en' ? '' : '/zh'}/speakers/[a-z0-9-]+/$`),
          );
        }
      }
    });

    it('writes the text in the requested language', () => {
      const [session] = program().sessions;
      const [event] = allEvents(frabSchedule(program(), edition, options())).filter(
        (candidate) => candidate.guid === sessionGuid(session as Session),
      );
      expect(event?.title).toBe(session?.title[locale]);
      expect(event?.abstract).toBe(session?.abstract?.[locale]);
    });
  });

  describe('/schedule.xml', () => {
    it('validates against the c3voc XSD', async () => {
      const result = await validateXML({
        xml: { fileName: 'schedule.xml', contents: frabScheduleXml(program(), edition, options()) },
        schema: { fileName: 'frab-schedule.xsd', contents: frabXsd },
      });
      expect(result.errors.map((error) => error.rawMessage)).toEqual([]);
      expect(result.valid).toBe(true);
    });
  });

  describe('/schedule.ics', () => {
    it('gives back every session with its UID, summary and start and end instants', () => {
      const text = programCalendar(program(), edition, options());
      const events = parseCalendar(text);
      expect(events).toHaveLength(program().sessions.length);
      for (const session of program().sessions) {
        expect(text).toContain(`\r\nUID:${sessionGuid(session)}\r\n`);
        const event = events.find((candidate) => candidate.uid === sessionGuid(session));
        expect(event?.summary).toBe(withoutControls(session.title[locale]));
        expect(event?.startDate.zone?.tzid).toBe('Asia/Shanghai');
        expect(event?.startDate.toJSDate().getTime()).toBe(
          new Date(sessionStart(session, edition.timeZone)).getTime(),
        );
        expect(event?.endDate.toJSDate().getTime()).toBe(
          new Date(sessionEnd(session, edition.timeZone)).getTime(),
        );
      }
    });

    it('folds lines at 75 octets and ends every line with CRLF', () => {
      const text = programCalendar(program(), edition, options());
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
      for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      // Unfolding gives back whole characters: no multi-byte character was cut in two.
      expect(text.replaceAll('\r\n ', '')).not.toContain('\ufffd');
    });
  });
});

function parseCalendar(text: string): ICAL.Event[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  // Register the calendar's own time zone before reading any time, so DTSTART resolves to an instant
  // (a calendar in UTC times has none).
  const timeZone = calendar.getFirstSubcomponent('vtimezone');
  if (timeZone) ICAL.TimezoneService.register(timeZone);
  return calendar.getAllSubcomponents('vevent').map((event) => new ICAL.Event(event));
}

describe('escaping the crafted text', () => {
  it('round-trips it through the iCalendar', () => {
    for (const locale of locales) {
      const program = programs.crafted;
      const [nastySession] = program.sessions;
      const events = parseCalendar(programCalendar(program, edition, { locale, siteUrl, stamp }));
      const event = events.find(({ uid }) => uid === sessionGuid(nastySession as Session));
      const room = program.rooms[0];
      expect(event?.summary).toBe(nastySession?.title[locale]);
      expect(event?.description).toContain(nastySession?.abstract?.[locale].replaceAll('\r\n', '\n'));
      expect(event?.description).toContain(program.speakers[0]?.name[locale]);
      const separator = locale === 'en' ? ', ' : '，';
      expect(event?.location).toBe(
        [room?.name[locale], room?.location?.[locale], edition.venue[locale]].join(separator),
      );
      expect(event?.component.getFirstPropertyValue('url')).toBe(
        `${siteUrl}${locale === 'en' ? '' : '/zh'}/program/nasty-text/`,
      );
      expect(event?.component.getFirstProperty('categories')?.getValues()).toEqual([
        program.tracks[0]?.name[locale],
      ]);
    }
  });

  it('drops the control characters XML and iCalendar cannot carry, keeping tabs', async () => {
    const program = programs.crafted;
    const xml = frabScheduleXml(program, edition, { locale: 'en', siteUrl });
    expect(xml).toContain('<title>Bell and vertical tab</title>');
    expect(xml).toContain('Form feed, escape and tab&#9;kept.');
    const ics = programCalendar(program, edition, { locale: 'en', siteUrl, stamp });
    expect(withoutControls(ics)).toBe(ics);
  });

  it('round-trips it through the XML', async () => {
    const xml = frabScheduleXml(programs.crafted, edition, { locale: 'en', siteUrl });
    const { normalized } = await validateXML({
      xml: { fileName: 'schedule.xml', contents: xml },
      normalization: 'c14n',
    });
    // Canonical XML writes the same characters back with a minimal set of escapes.
    expect(normalized).toContain(
      '<title>Commas, semicolons; backslashes \\ and "quotes" &lt;&amp;&gt; \'apostrophes\'\nsecond line</title>',
    );
  });
});

describe('a calendar of chosen sessions', () => {
  it('holds exactly those sessions', () => {
    const program = programs.crafted;
    const chosen = program.sessions.slice(1, 2);
    const events = parseCalendar(
      sessionsCalendar(program, edition, chosen, { locale: 'zh', siteUrl, stamp }),
    );
    expect(events.map(({ uid }) => uid)).toEqual(chosen.map(sessionGuid));
  });
});

describe('stability', () => {
  it('gives identical output for identical input', () => {
    for (const program of Object.values(programs)) {
      const options = { locale: 'zh' as const, siteUrl, stamp };
      expect(JSON.stringify(frabSchedule(program, edition, options))).toBe(
        JSON.stringify(frabSchedule(program, edition, options)),
      );
      expect(frabScheduleXml(program, edition, options)).toBe(frabScheduleXml(program, edition, options));
      expect(programCalendar(program, edition, options)).toBe(programCalendar(program, edition, options));
    }
  });

  it("keeps each session's guid, id and code when the sessions are reordered", () => {
    const identities = (program: Program) =>
      Object.fromEntries(
        allEvents(frabSchedule(program, edition, { locale: 'en', siteUrl })).map((event) => [
          event.slug,
          { guid: event.guid, id: event.id, code: event.code },
        ]),
      );
    for (const program of Object.values(programs)) {
      const reordered = { ...program, sessions: [...program.sessions].reverse() };
      expect(identities(reordered)).toEqual(identities(program));
    }
  });
});

describe('the program checks the exports rely on', () => {
  it('rejects session ids too short for a frab slug and rooms that share a name', () => {
    const program = programs.crafted;
    const [session] = program.sessions;
    const [room] = program.rooms;
    const { errors: problems } = programProblems({
      rooms: [...program.rooms, { ...(room as Program['rooms'][number]), id: 'hall-a-copy' }],
      tracks: program.tracks,
      speakerIds: program.speakers.map(({ id }) => id),
      sessions: [{ file: 'crafted', session: { ...(session as Session), id: 'ai' } }],
      edition,
    });
    expect(problems).toContain(`room name "${room?.name.en}" is used more than once`);
    expect(problems).toContain(
      'crafted: ai: id: session ids need at least four characters for the frab schedule',
    );
  });
});

/** An imported-looking program: kept ids, plain strings, optional facts left out, clashes kept. */
function importedProgram(start: string, end: string): Program {
  const guid = (n: number) => `8079583e-8321-506c-95af-fd2903a5f0${String(n).padStart(2, '0')}`;
  const rooms = [roomSchema.parse({ id: 'gray-room', guid: guid(90), name: 'Gray Room' })];
  const tracks = [trackSchema.parse({ id: 'phased', name: 'Phased', color: '#1f6f8b' })];
  const speakers = [
    speakerSchema.parse({ id: 'brian-robinson', code: '8SKEZN', frabId: 7, name: 'Brian Robinson' }),
  ];
  const sessions = [
    {
      id: 'focused-hardware',
      guid: guid(75),
      code: 'G9JGWY',
      frabId: 25,
      title: 'Focused hardware',
      subtitle: 'A subtitle',
      description: 'A description.',
      type: 'talk',
      language: 'de',
      room: 'gray-room',
      track: 'phased',
      start,
      duration: 45,
      speakers: ['brian-robinson'],
      links: [{ title: 'Slides', url: 'http://example.org/slides.pdf' }],
      recording: { optOut: false, license: 'CC BY 4.0' },
      url: 'https://pretalx.example/democon/talk/G9JGWY/',
    },
    // Across the night and, in Berlin, the hour the clocks skip: no track, no abstract, not recorded.
    {
      id: 'late-night',
      guid: guid(76),
      title: 'Late night',
      type: 'workshop',
      language: 'en',
      room: 'gray-room',
      start: end,
      duration: 240,
      recording: { optOut: true },
    },
  ].map((session) => sessionSchema.parse(session));
  return { rooms, tracks, speakers, sessions };
}

describe.each([
  {
    timeZone: 'Europe/Berlin',
    // The clocks go forward at 02:00 on 28 March 2027: 23:00 + 4 h ends at 04:00 summer time.
    dates: ['2027-03-27', '2027-03-28'],
    starts: ['2027-03-27 10:00', '2027-03-27 23:00'],
    instants: [
      ['2027-03-27T10:00:00+01:00', '2027-03-27T10:45:00+01:00'],
      ['2027-03-27T23:00:00+01:00', '2027-03-28T04:00:00+02:00'],
    ],
    utc: true,
  },
  {
    timeZone: 'UTC',
    dates: ['2027-03-27', '2027-03-28'],
    starts: ['2027-03-27 10:00', '2027-03-27 23:00'],
    instants: [
      ['2027-03-27T10:00:00+00:00', '2027-03-27T10:45:00+00:00'],
      ['2027-03-27T23:00:00+00:00', '2027-03-28T03:00:00+00:00'],
    ],
    utc: false,
  },
])('an imported program in $timeZone', ({ timeZone, dates, starts, instants, utc }) => {
  const imported = () => ({
    edition: { ...edition, startDate: dates[0] as string, endDate: dates[1] as string, timeZone },
    program: importedProgram(starts[0] as string, starts[1] as string),
  });

  it('passes the program checks with warnings only (the night past midnight)', () => {
    const { program, edition: conference } = imported();
    const { errors, warnings } = programProblems({
      rooms: program.rooms,
      tracks: program.tracks,
      speakerIds: program.speakers.map(({ id }) => id),
      sessions: program.sessions.map((session) => ({ file: 'imported', session })),
      edition: conference,
    });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/late-night: duration: .* runs past midnight/)]);
  });

  it.each(locales)('writes the JSON schedule with the right instants and the kept ids (%s)', (locale) => {
    const { program, edition: conference } = imported();
    const document = frabSchedule(program, conference, { locale, siteUrl });
    expect(validateSchedule(document), ajv.errorsText(validateSchedule.errors)).toBe(true);
    expect(document.schedule.conference.time_zone_name).toBe(timeZone);
    const events = allEvents(document);
    expect(events.map(({ date, end }) => [date, end])).toEqual(instants);
    const [talk, night] = events;
    expect(talk).toMatchObject({
      guid: '8079583e-8321-506c-95af-fd2903a5f075',
      code: 'G9JGWY',
      id: 25,
      subtitle: 'A subtitle',
      description: 'A description.',
      language: 'de',
      links: [{ url: 'http://example.org/slides.pdf', title: 'Slides' }],
      recording_license: 'CC BY 4.0',
      do_not_record: false,
      origin_url: 'https://pretalx.example/democon/talk/G9JGWY/',
    });
    expect(talk?.persons[0]).toMatchObject({ code: '8SKEZN', id: 7 });
    // What the import did not keep is derived from the portal's ids, as for hand-written sessions.
    expect(night).toMatchObject({
      id: frabNumber('session', 'late-night'),
      do_not_record: true,
      track: null,
    });
    expect(night).not.toHaveProperty('recording_license');
    expect(document.schedule.conference.rooms[0]?.guid).toBe('8079583e-8321-506c-95af-fd2903a5f090');
    // The first day runs from its first start to the night session's end the next morning.
    expect(document.schedule.conference.days.map(({ day_start, day_end }) => [day_start, day_end])).toEqual([
      [instants[0]?.[0], instants[1]?.[1]],
      [
        `${dates[1]}T00:00:00${timeZone === 'UTC' ? '+00:00' : '+01:00'}`,
        `${dates[1]}T23:59:59${timeZone === 'UTC' ? '+00:00' : '+02:00'}`,
      ],
    ]);
  });

  it('writes the XML schedule the XSD accepts, with the kept ids, links and recording', async () => {
    const { program, edition: conference } = imported();
    const xml = frabScheduleXml(program, conference, { locale: 'en', siteUrl });
    const result = await validateXML({
      xml: { fileName: 'schedule.xml', contents: xml },
      schema: { fileName: 'frab-schedule.xsd', contents: frabXsd },
    });
    expect(result.errors.map((error) => error.rawMessage)).toEqual([]);
    expect(xml).toContain('<event id="25" guid="8079583e-8321-506c-95af-fd2903a5f075" code="G9JGWY">');
    expect(xml).toContain(`<date>${instants[1]?.[0]}</date>`);
    expect(xml).toContain('<link href="http://example.org/slides.pdf">Slides</link>');
    expect(xml).toMatch(
      /<recording>\s*<license>CC BY 4\.0<\/license>\s*<optout>false<\/optout>\s*<\/recording>/,
    );
    expect(xml).toMatch(/<recording>\s*<license\/>\s*<optout>true<\/optout>\s*<\/recording>/);
    expect(xml).toContain(`<time_zone_name>${timeZone}</time_zone_name>`);
  });

  it('writes the iCalendar with the right instants, in UTC where the zone changes its offset', () => {
    const { program, edition: conference } = imported();
    const text = programCalendar(program, conference, { locale: 'en', siteUrl, stamp });
    expect(text.includes('BEGIN:VTIMEZONE')).toBe(!utc);
    const events = parseCalendar(text);
    expect(
      events.map((event) => [event.startDate.toJSDate().getTime(), event.endDate.toJSDate().getTime()]),
    ).toEqual(instants.map(([start, end]) => [Date.parse(start as string), Date.parse(end as string)]));
    expect(events.map(({ uid }) => uid)).toEqual(program.sessions.map(sessionGuid));
    if (utc) expect(text).toContain('\r\nDTSTART:20270327T220000Z\r\n');
    else expect(text).toContain('\r\nDTSTART;TZID=UTC:20270327T230000\r\n');
    expect(events[0]?.description).toContain('A subtitle');
    expect(events[0]?.description).toContain('A description.');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import {
  type ImportedSchedule,
  type ImportedSession,
  parseSchedule,
  ScheduleImportError,
} from '../../content/import/program/parse-schedule.ts';
import { reduceHtml } from '../../content/import/program/reduce-html.ts';
import { democonSchema2, democonXml, readDemocon, schedulesFolder } from '../support/democon-variants.ts';

const read = (name: string) => readFileSync(join(schedulesFolder, name), 'utf8');
const parse = (name: string) => parseSchedule(read(name), name);

const democonJson = read('democon.schedule.json');
const democon = () => JSON.parse(democonJson);

/** What a round trip must keep of a session, in one comparable form. */
const essentials = (schedule: ImportedSchedule) =>
  schedule.sessions
    .map(({ guid, title, start, durationMinutes, room, persons }) => ({
      guid,
      title,
      start,
      durationMinutes,
      room,
      speakers: persons.map((person) => person.name),
    }))
    .sort((a, b) => a.guid.localeCompare(b.guid));

const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

/** The import error `change` makes of the democon JSON, named as the file `fileName`. */
function errorOf(text: string, fileName = 'democon.json'): string {
  try {
    parseSchedule(text, fileName);
  } catch (error) {
    expect(error).toBeInstanceOf(ScheduleImportError);
    return (error as Error).message;
  }
  throw new Error('no error');
}
const jsonError = (change: (document: ReturnType<typeof democon>) => void) => {
  const document = democon();
  change(document);
  return errorOf(JSON.stringify(document));
};
const grayRoom = (document: ReturnType<typeof democon>, day: number) =>
  document.schedule.conference.days[day].rooms['Gray Room'];

describe('the democon program in three formats', () => {
  const json = parse('democon.schedule.json');
  const xml = parse('democon.schedule.xml');
  const schema2 = parse('democon.schedule2.json');

  it("takes pretalx's code from a talk's address when the JSON gives it nowhere else", () => {
    const [first] = json.sessions.filter(
      (session) => session.guid === '8079583e-8321-506c-95af-fd2903a5f075',
    );
    expect(first?.code).toBe('G9JGWY');
    expect(json.sessions.every((session) => /^[0-9A-Z]{6}$/.test(session.code ?? ''))).toBe(true);
  });

  it('is told apart by content, whatever the file is called', () => {
    expect([json.format, xml.format, schema2.format]).toEqual(['frab-json', 'frab-xml', 'schema2-json']);
    expect(parseSchedule(read('democon.schedule.xml'), 'schedule.json').format).toBe('frab-xml');
    expect(parseSchedule(read('democon.schedule2.json'), 'export.xml').format).toBe('schema2-json');
  });

  it('gives the same sessions: guid, title, start instant, duration, room and speakers', () => {
    expect(json.sessions).toHaveLength(36);
    expect(essentials(xml)).toEqual(essentials(json));
    expect(essentials(schema2)).toEqual(essentials(json));
  });

  it('gives the same texts, ids, recording and links from the JSON and the XML', () => {
    const rest = ({ where: _where, persons, ...session }: ImportedSession) => ({
      ...session,
      persons: persons.map(({ name, frabId }) => ({ name, frabId })),
    });
    expect(xml.sessions.map(rest)).toEqual(json.sessions.map(rest));
    expect(json.sessions.filter((session) => session.recording.optOut)).toHaveLength(2);
  });

  it('keeps the biographies, from persons[] in the JSON and schedule.persons[] in schema2', () => {
    const biographies = (schedule: ImportedSchedule) =>
      Object.fromEntries(
        schedule.sessions.flatMap((session) => session.persons.map((p) => [p.name, p.biography])),
      );
    expect(Object.keys(biographies(json))).toHaveLength(27);
    expect(biographies(schema2)).toEqual(biographies(json));
    expect(json.sessions[0]?.persons[0]).toEqual({
      name: 'Brian Robinson',
      code: 'NQTF8Y',
      frabId: 26,
      biography: expect.stringContaining('Break through direction.'),
    });
  });

  it('reads the conference, rooms in order and tracks', () => {
    expect(json.conference).toEqual({
      title: 'DemoCon',
      acronym: 'democon',
      start: '2020-12-14',
      end: '2020-12-16',
      timeZone: 'UTC',
    });
    expect(json.version).toBe('v1.1');
    expect(json.baseUrl).toBe('http://localhost/democon/schedule/');
    expect(xml.conference).toEqual(json.conference);
    expect(schema2.conference).toEqual(json.conference);
    expect(json.tracks).toEqual([{ name: 'Phased' }, { name: 'Horizontal' }]);
    expect(json.sessions[0]).toMatchObject({
      start: '2020-12-14T09:00:00+01:00',
      where: "conference.days[0].rooms['Gray Room'][0]",
    });
  });

  it('says what is wrong with the export: a time zone its times contradict, two rooms with one guid', () => {
    for (const schedule of [json, xml, schema2]) {
      expect(schedule.rooms).toEqual([
        { name: 'Gray Room', guid: 'b379c473-93b9-4eae-9a09-d482e86cede3' },
        { name: 'Tan Room' },
      ]);
      expect(schedule.notes).toContain(
        'time_zone_name says UTC but times carry +01:00 (36 of 36 sessions): the instants are kept as written',
      );
      expect(schedule.notes.join('\n')).toMatch(/"Gray Room" and "Tan Room" carry the same guid b379c473/);
    }
  });

  it('lists the fields it left out and why', () => {
    expect(json.skipped).toContainEqual({
      where: 'conference.days[].rooms[][]',
      field: 'slug',
      reason: "the portal makes its own ids (from the export's guid) (36 times)",
    });
    expect(json.skipped.map((entry) => entry.field)).toEqual(
      expect.arrayContaining(['daysCount', 'timeslot_duration', 'start', 'day_start']),
    );
  });
});

describe('the democon variants', () => {
  it('are what test/support/democon-variants.ts writes from the JSON', () => {
    expect(read('democon.schedule.xml')).toBe(democonXml(readDemocon()));
    expect(read('democon.schedule2.json')).toBe(democonSchema2(readDemocon()));
  });

  it('validate against the c3voc XSD and the schema2 JSON schema', async () => {
    const result = await validateXML({
      xml: { fileName: 'democon.schedule.xml', contents: read('democon.schedule.xml') },
      schema: {
        fileName: 'frab-schedule.xsd',
        contents: readFileSync(join(schedulesFolder, '../frab-schedule.xsd'), 'utf8'),
      },
    });
    expect(result.errors.map((error) => error.rawMessage)).toEqual([]);
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema(draft06MetaSchema);
    addFormats(ajv);
    ajv.addFormat('color', /^#[0-9a-fA-F]{6}$/);
    const validate = ajv.compile(JSON.parse(read('c3voc-schedule2.schema.json')));
    expect(validate(JSON.parse(read('democon.schedule2.json'))), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('real schedules of other conferences', () => {
  const real = {
    camp2019: parse('camp2019.frab.schedule.json'),
    rc3: parse('rc3-channels.pretalx.schedule.json'),
    congress38: parse('38c3-trimmed.schedule.xml'),
    hub: parse('38c3-hub-example.schedule2.json'),
  };

  it('parse with the counts the files hold', () => {
    const counts = Object.fromEntries(
      Object.entries(real).map(([name, schedule]) => [
        name,
        {
          format: schedule.format,
          sessions: schedule.sessions.length,
          speakers: schedule.sessions.reduce((sum, session) => sum + session.persons.length, 0),
          rooms: schedule.rooms.length,
          tracks: schedule.tracks.length,
        },
      ]),
    );
    expect(counts).toEqual({
      camp2019: { format: 'frab-json', sessions: 79, speakers: 96, rooms: 2, tracks: 7 },
      rc3: { format: 'frab-json', sessions: 48, speakers: 57, rooms: 5, tracks: 5 },
      congress38: { format: 'frab-xml', sessions: 103, speakers: 97, rooms: 3, tracks: 7 },
      hub: { format: 'schema2-json', sessions: 2, speakers: 4, rooms: 5, tracks: 7 },
    });
  });

  it('give every session an instant with its offset, whole minutes and a listed room', () => {
    for (const schedule of Object.values(real)) {
      const rooms = new Set(schedule.rooms.map((room) => room.name));
      for (const session of schedule.sessions) {
        expect(session.start).toMatch(instant);
        expect(Number.isInteger(session.durationMinutes) && session.durationMinutes > 0).toBe(true);
        expect(rooms.has(session.room)).toBe(true);
      }
    }
  });

  it('keep what each export has: zones, colours, capacities, recording opt-outs, links', () => {
    expect(real.camp2019.conference.timeZone).toBe('Europe/Berlin');
    expect(real.rc3.conference.timeZone).toBeUndefined();
    expect(real.rc3.notes).toContain('no time_zone_name: the times carry +01:00, and are kept as instants');
    expect(real.congress38.rooms.map((room) => room.name)).toEqual([
      'Saal ZIGZAG',
      'Chaos Computer Music Club',
      'Saal X 07',
    ]);
    expect(real.congress38.tracks[0]).toEqual({ name: 'Art & Beauty', color: '#f9b000' });
    expect(real.congress38.sessions.filter((session) => session.recording.optOut)).toHaveLength(11);
    expect(real.hub.rooms[0]).toEqual({
      name: 'Saal 1',
      guid: 'ba692ba3-421b-5371-8309-60acc34a3c05',
      capacity: 3025,
    });
    expect(real.hub.tracks[1]).toEqual({ name: 'Ethics, Society & Politics', color: '#e40429' });
    const opening = real.hub.sessions[0];
    expect(opening?.links).toEqual([{ title: 'foo bar', url: 'https://example.net/' }]);
    expect(opening?.track).toBe('CCC');
    expect(opening?.persons[0]?.biography).toMatch(/^Gabriela, the hacker/);
    expect(real.hub.skipped).toContainEqual({
      where: 'schedule.events[].links[]',
      field: 'type ORIGIN',
      reason: "the source system's own pages are not linked (2 times)",
    });
  });
});

describe('files it refuses, with the file and the item named', () => {
  it('text that is neither JSON nor XML, and an empty file', () => {
    expect(errorOf('Day 1: opening at nine', 'notes.txt')).toBe(
      'notes.txt: (file): neither JSON nor XML: not a schedule export',
    );
    expect(errorOf('\n', 'empty.json')).toBe('empty.json: (file): the file is empty');
    expect(errorOf('{"schedule": nope}')).toMatch(/^democon\.json: \(file\): not valid JSON: /);
    expect(errorOf('<schedule><version>1</version><day></room></day></schedule>', 'x.xml')).toMatch(
      /^x\.xml: \(file\) line 1: not well-formed XML: /,
    );
  });

  it('a truncated file, JSON or XML', () => {
    for (const cut of [0.5, 0.9]) {
      expect(errorOf(democonJson.slice(0, Math.round(democonJson.length * cut)))).toMatch(
        /^democon\.json: \(file\): the JSON ends before the document does: a truncated file\?/,
      );
      const xml = read('democon.schedule.xml');
      expect(errorOf(xml.slice(0, Math.round(xml.length * cut)), 'democon.xml')).toMatch(
        /^democon\.xml: \(file\) line \d+: the XML ends before the document does: a truncated file\?/,
      );
    }
  });

  it('a document of another kind: GeoJSON, OpenStreetMap XML and JSON', () => {
    expect(errorOf('{"type":"FeatureCollection","features":[]}', 'venues.geojson')).toBe(
      'venues.geojson: (file): GeoJSON, not a frab/pretalx schedule (no "schedule" object)',
    );
    expect(
      errorOf(
        '<?xml version="1.0"?>\n<osm version="0.6"><node id="1" lat="30.7" lon="120.5"/></osm>',
        'wuzhen.osm',
      ),
    ).toBe('wuzhen.osm: (file): OpenStreetMap XML, not a frab schedule.xml (root <schedule>)');
    expect(errorOf('{"version":0.6,"generator":"Overpass API","elements":[]}', 'overpass.json')).toMatch(
      /^overpass\.json: \(file\): OpenStreetMap JSON \(Overpass\), not a frab\/pretalx schedule/,
    );
  });

  it('an unknown schema version', () => {
    expect(jsonError((document) => (document.$schema = 'https://c3voc.de/schedule/schema3.json'))).toBe(
      'democon.json: $schema: unknown schema version "https://c3voc.de/schedule/schema3.json": the importer reads schema.json (frab/pretalx) and schema2.json or https://c3voc.de/schema/schedule2 (c3voc schema2)',
    );
    const xml = read('democon.schedule.xml').replace('schedule/schema.xsd', 'schedule/schema-v3.xsd');
    expect(errorOf(xml, 'democon.xml')).toMatch(
      /^democon\.xml: schedule\/@xsi:noNamespaceSchemaLocation: unknown schema version "https:\/\/c3voc\.de\/schedule\/schema-v3\.xsd"/,
    );
  });

  it('a session without guid, start, room or title', () => {
    const guid = '8079583e-8321-506c-95af-fd2903a5f075';
    const first = `democon.json: conference.days[0].rooms['Gray Room'][0]`;
    expect(jsonError((document) => delete grayRoom(document, 0)[0].guid)).toBe(
      `${first}: a session without a guid`,
    );
    expect(jsonError((document) => delete grayRoom(document, 0)[0].date)).toBe(
      `${first} (guid ${guid}): no start (date)`,
    );
    expect(jsonError((document) => (grayRoom(document, 0)[0].title = '  '))).toBe(
      `${first} (guid ${guid}): no title`,
    );
    for (const date of [
      '2020-12-14T09:00:00',
      '2020-02-30T09:00:00+01:00',
      '2020-12-14T24:30:00Z',
      'tomorrow',
    ]) {
      expect(jsonError((document) => (grayRoom(document, 0)[0].date = date))).toBe(
        `${first} (guid ${guid}): date "${date}" is not a date and time with an offset (2020-12-14T09:00:00+01:00)`,
      );
    }
    const xml = read('democon.schedule.xml').replace('<room name="Gray Room"', '<room name=""');
    expect(errorOf(xml, 'democon.xml')).toBe(`democon.xml: day[1]/room[@name='']: a room without a name`);
  });

  it('a speaker without a name', () => {
    const message = jsonError((document) => {
      const person = grayRoom(document, 1)[3].persons[0];
      delete person.public_name;
    });
    expect(message).toMatch(
      /^democon\.json: conference\.days\[1\]\.rooms\['Gray Room'\]\[3\] \(guid [0-9a-f-]{36}\): persons\[0\]: a speaker without a name$/,
    );
    const xml = read('democon.schedule.xml').replace(
      '<person id="26">Brian Robinson</person>',
      '<person id="26"/>',
    );
    expect(errorOf(xml, 'democon.xml')).toBe(
      "democon.xml: day[1]/room[@name='Gray Room']/event[1] (guid 8079583e-8321-506c-95af-fd2903a5f075): persons/person[1]: a speaker without a name",
    );
  });

  it('a duration that is not a duration, none at all, or none the pages can show', () => {
    const at = (duration: unknown) => jsonError((document) => (grayRoom(document, 0)[1].duration = duration));
    expect(at('half an hour')).toMatch(
      /\[1\] \(guid [0-9a-f-]+\): duration "half an hour" is not a duration/,
    );
    expect(at('00:75')).toMatch(/duration "00:75" is not a duration/);
    expect(at('00:00')).toMatch(/duration of 0 minutes: a session lasts at least a minute$/);
    expect(at('2:01:00')).toMatch(/duration of 2940 minutes: the portal's sessions last a day at most$/);
  });

  it('two sessions with one guid', () => {
    const message = jsonError((document) => (grayRoom(document, 0)[1].guid = grayRoom(document, 0)[0].guid));
    expect(message).toBe(
      "democon.json: conference.days[0].rooms['Gray Room'][1]: guid 8079583e-8321-506c-95af-fd2903a5f075 is also the guid of conference.days[0].rooms['Gray Room'][0]: a guid names one session",
    );
  });
});

describe('durations, persons and links as real exports write them', () => {
  const session = (change: (event: Record<string, unknown>) => void) => {
    const document = democon();
    change(grayRoom(document, 0)[0]);
    return parseSchedule(JSON.stringify(document), 'democon.json').sessions[0];
  };

  it('writes every start as YYYY-MM-DDTHH:MM:SS±HH:MM', () => {
    expect(session((event) => (event.date = '2020-12-14T09:00Z'))?.start).toBe('2020-12-14T09:00:00+00:00');
    expect(session((event) => (event.date = '2020-12-14 09:00:00.000+0800'))?.start).toBe(
      '2020-12-14T09:00:00+08:00',
    );
  });

  it('reads HH:MM, HH:MM:SS and D:HH:MM', () => {
    expect(session((event) => (event.duration = '01:30'))?.durationMinutes).toBe(90);
    expect(session((event) => (event.duration = '00:45:00'))?.durationMinutes).toBe(45);
    expect(session((event) => (event.duration = '00:44:30'))?.durationMinutes).toBe(45);
    expect(session((event) => (event.duration = '1:00:00'))?.durationMinutes).toBe(1440);
  });

  it('takes a speaker name from name, public_name or full_public_name', () => {
    for (const field of ['name', 'public_name', 'full_public_name']) {
      const found = session((event) => {
        event.persons = [{ [field]: ' Wei Sample ', id: 7 }];
      });
      expect(found?.persons).toEqual([{ name: 'Wei Sample', frabId: 7 }]);
    }
    const blankName = session((event) => {
      event.persons = [{ name: '', public_name: 'Wei Sample' }];
    });
    expect(blankName?.persons).toEqual([{ name: 'Wei Sample' }]);
  });

  it('keeps http(s) links, resolves relative ones against base_url and lists the rest as skipped', () => {
    const document = democon();
    grayRoom(document, 0)[0].links = [
      { url: 'https://slides.example.org/talk.pdf', title: 'Slides' },
      { url: '/democon/media/paper.pdf', type: 'paper' },
      { url: 'javascript:alert(1)', title: 'Click' },
    ];
    const parsed = parseSchedule(JSON.stringify(document), 'democon.json');
    expect(parsed.sessions[0]?.links).toEqual([
      { title: 'Slides', url: 'https://slides.example.org/talk.pdf' },
      { title: 'paper', url: 'http://localhost/democon/media/paper.pdf' },
    ]);
    expect(parsed.skipped).toContainEqual({
      where: 'conference.days[].rooms[][].links[]',
      field: 'url',
      reason: 'not an http(s) address',
    });
  });

  it('reduces HTML abstracts and leaves unknown fields out, naming them', () => {
    const document = democon();
    Object.assign(grayRoom(document, 0)[0], {
      abstract: '<p>Big &amp; <em>bold</em></p><script>alert("x")</script>',
      speaker_email: 'someone@example.org',
    });
    const parsed = parseSchedule(JSON.stringify(document), 'democon.json');
    expect(parsed.sessions[0]?.abstract).toBe('Big & bold');
    expect(parsed.sessions[0]).not.toHaveProperty('speaker_email');
    expect(parsed.skipped).toContainEqual({
      where: 'conference.days[].rooms[][]',
      field: 'speaker_email',
      reason: 'not a field of the frab/pretalx schedule.json the importer knows',
    });
  });
});

describe('schema2 as the CCC hub writes it', () => {
  const schema2 = () => JSON.parse(read('democon.schedule2.json'));

  it('picks one language of translated texts, leaves out breaks and cancelled events, reads ISO durations', () => {
    const document = schema2();
    const [first, second, third, fourth, fifth] = document.schedule.events;
    Object.assign(first, {
      language: 'de',
      description: { en: 'English <b>text</b>', de: 'Deutscher <b>Text</b>' },
    });
    Object.assign(second, { type: 'BREAK' });
    Object.assign(third, { state: 'CANCELED' });
    Object.assign(fourth, { end: undefined, duration: 'PT1H15M' });
    Object.assign(fifth, { track: { slug: 'unlisted-track' } });
    const parsed = parseSchedule(JSON.stringify(document), 'hub.json');
    expect(parsed.sessions).toHaveLength(34);
    expect(parsed.sessions.map((session) => session.guid)).not.toContain(second.guid);
    expect(parsed.sessions.map((session) => session.guid)).not.toContain(third.guid);
    const byGuid = (guid: string) => parsed.sessions.find((session) => session.guid === guid);
    expect(byGuid(first.guid)?.description).toBe('Deutscher Text');
    expect(byGuid(fourth.guid)?.durationMinutes).toBe(75);
    expect(byGuid(fifth.guid)?.track).toBe('unlisted-track');
    expect(parsed.tracks.map((track) => track.name)).toEqual(['Phased', 'Horizontal', 'unlisted-track']);
    expect(parsed.notes).toContain(
      'schedule.events[4]: track slug "unlisted-track" is not one of conference.tracks: the slug is its name',
    );
    expect(parsed.skipped).toEqual(
      expect.arrayContaining([
        {
          where: 'schedule.events[]',
          field: 'type BREAK',
          reason: 'breaks and meta events are not sessions',
        },
        {
          where: 'schedule.events[]',
          field: 'state CANCELED',
          reason: 'an event in this state is not on the program',
        },
        {
          where: 'schedule.events[]',
          field: 'description',
          reason: "only one language of a translated text is imported: the session's own, else English",
        },
      ]),
    );
  });

  it('leaves out an event without a room, naming it, as real schema2 files have them', () => {
    const document = schema2();
    const roomless = document.schedule.events[5];
    roomless.room = null;
    const parsed = parseSchedule(JSON.stringify(document), 'hub.json');
    expect(parsed.sessions).toHaveLength(35);
    expect(parsed.sessions.map((session) => session.guid)).not.toContain(roomless.guid);
    expect(parsed.skipped).toContainEqual({
      where: `schedule.events[5] (guid ${roomless.guid})`,
      field: 'room',
      reason: 'an event without a room is not on the program',
    });
  });

  it('reads a document by its shape when its $schema names the other JSON format, and says so', () => {
    const document = democon();
    document.$schema = 'https://c3voc.de/schedule/schema2.json';
    const parsed = parseSchedule(JSON.stringify(document), 'democon.json');
    expect(parsed.format).toBe('frab-json');
    expect(parsed.notes).toContain(
      '$schema "https://c3voc.de/schedule/schema2.json" names schema2-json but the document is shaped as frab-json: read as frab-json',
    );
  });
});

describe('reduceHtml', () => {
  it('never lets a script or style through, however it is written', () => {
    for (const html of [
      '<script>alert(1)</script>Text',
      '<SCRIPT type="text/javascript">alert(1)</SCRIPT>Text',
      '<p>Text</p><style>p { color: red }</style>',
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;Text</p>',
      '<div><script>document.write("<p>x</p>")</script>Text</div>',
      '<iframe src="https://evil.example"></iframe><p>Text</p>',
    ]) {
      const text = reduceHtml(html);
      expect(text).toBe('Text');
      expect(text).not.toMatch(/<\s*\/?\s*(script|style|iframe)/i);
    }
  });

  it('decodes entities, in HTML and in plain text', () => {
    expect(reduceHtml('<p>Fish &amp; chips &lt;3 &#x4e2d;&#25991; &nbsp;caf&eacute;</p>')).toBe(
      'Fish & chips <3 中文 café',
    );
    expect(reduceHtml('Fish &amp; chips')).toBe('Fish & chips');
    expect(reduceHtml('Use a <name> placeholder')).toBe('Use a <name> placeholder');
  });

  it('writes paragraphs apart, list items as "- " and links as "text (url)"', () => {
    expect(
      reduceHtml(
        '<p>First <strong>paragraph</strong><br/>same paragraph</p><ul><li>one</li><li>two</li></ul><ol><li>three</li></ol><p>See <a href="https://example.org/x?a=1&amp;b=2">the notes</a>, <a href="https://example.org/">https://example.org/</a> or <a href="javascript:void(0)">this</a>.</p>',
      ),
    ).toBe(
      'First paragraph\nsame paragraph\n\n- one\n- two\n\n- three\n\nSee the notes (https://example.org/x?a=1&b=2), https://example.org/ or this.',
    );
  });

  it('keeps plain text as written, tidying line ends, blank lines and Markdown links', () => {
    expect(reduceHtml('  One\r\n  two  \r\n\r\n\r\n\r\nThree [docs](https://docs.example.org/) ')).toBe(
      'One\ntwo\n\nThree docs (https://docs.example.org/)',
    );
  });
});

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes the pretalx democon export (test/fixtures/schedules/democon.schedule.json) again as a frab
 * schedule.xml and as a c3voc schema2 JSON, field for field and without the importer's code, so the
 * parsers can be shown to read one program the same way in all three formats. Run it with
 * `node test/support/democon-variants.ts` after changing it; a unit test checks the committed files
 * are its output.
 */

export const schedulesFolder = join(import.meta.dirname, '../fixtures/schedules');

interface DemoconPerson {
  id: number;
  code: string;
  public_name: string;
  biography: string | null;
}
interface DemoconEvent {
  id: number;
  guid: string;
  date: string;
  start: string;
  duration: string;
  room: string;
  slug: string;
  url: string;
  title: string;
  subtitle: string;
  track: string;
  type: string;
  language: string;
  abstract: string;
  description: string;
  recording_license: string;
  do_not_record: boolean;
  persons: DemoconPerson[];
  links: Array<{ url: string; title: string }>;
}
interface DemoconDay {
  index: number;
  date: string;
  day_start: string;
  day_end: string;
  rooms: Record<string, DemoconEvent[]>;
}
interface Democon {
  schedule: {
    version: string;
    base_url: string;
    conference: {
      acronym: string;
      title: string;
      start: string;
      end: string;
      daysCount: number;
      time_zone_name: string;
      timeslot_duration: string;
      rooms: Array<{ name: string; guid: string }>;
      days: DemoconDay[];
    };
  };
}

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const element = (indent: string, name: string, text: string) =>
  text === '' ? `${indent}<${name}/>` : `${indent}<${name}>${escapeXml(text)}</${name}>`;

export function democonXml(source: Democon): string {
  const { schedule } = source;
  const { conference } = schedule;
  const guidOf = new Map(conference.rooms.map((room) => [room.name, room.guid]));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<schedule xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://c3voc.de/schedule/schema.xsd">',
    element('  ', 'version', schedule.version),
    '  <conference>',
    element('    ', 'title', conference.title),
    element('    ', 'acronym', conference.acronym),
    element('    ', 'start', conference.start),
    element('    ', 'end', conference.end),
    element('    ', 'days', String(conference.daysCount)),
    element('    ', 'timeslot_duration', conference.timeslot_duration),
    element('    ', 'base_url', schedule.base_url),
    element('    ', 'time_zone_name', conference.time_zone_name),
    '  </conference>',
  ];
  for (const day of conference.days) {
    lines.push(
      `  <day index="${day.index}" date="${day.date}" start="${day.day_start}" end="${day.day_end}">`,
    );
    for (const [room, events] of Object.entries(day.rooms)) {
      lines.push(`    <room name="${escapeXml(room)}" guid="${guidOf.get(room)}">`);
      for (const event of events) {
        const i = '        ';
        lines.push(
          `      <event guid="${event.guid}" id="${event.id}">`,
          element(i, 'date', event.date),
          element(i, 'start', event.start),
          element(i, 'duration', event.duration),
          element(i, 'room', event.room),
          element(i, 'slug', event.slug),
          element(i, 'url', event.url),
          element(i, 'title', event.title),
          element(i, 'subtitle', event.subtitle),
          element(i, 'track', event.track),
          element(i, 'type', event.type),
          element(i, 'language', event.language),
          element(i, 'abstract', event.abstract),
          element(i, 'description', event.description),
          `${i}<recording>`,
          element(`${i}  `, 'license', event.recording_license),
          element(`${i}  `, 'optout', String(event.do_not_record)),
          `${i}</recording>`,
          `${i}<persons>`,
          ...event.persons.map(
            (person) => `${i}  <person id="${person.id}">${escapeXml(person.public_name)}</person>`,
          ),
          `${i}</persons>`,
          event.links.length === 0 ? `${i}<links/>` : `${i}<links>`,
          ...event.links.map(
            (link) => `${i}  <link href="${escapeXml(link.url)}">${escapeXml(link.title)}</link>`,
          ),
          ...(event.links.length === 0 ? [] : [`${i}</links>`]),
          '      </event>',
        );
      }
      lines.push('    </room>');
    }
    lines.push('  </day>');
  }
  lines.push('</schedule>', '');
  return lines.join('\n');
}

/** RFC 4122 version 5 (SHA-1) in the URL namespace: schema2 wants a guid for every participant. */
function uuid5(name: string): string {
  const namespace = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');
  const hash = createHash('sha1').update(namespace).update(name).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The wall clock plus minutes, with the same offset: "2020-12-14T09:00:00+01:00" + 30. */
function later(date: string, minutes: number): string {
  const offset = date.slice(19);
  const wall = new Date(new Date(`${date.slice(0, 19)}Z`).getTime() + minutes * 60_000);
  return `${wall.toISOString().slice(0, 19)}${offset}`;
}

const minutesOf = (duration: string) => {
  const [hours = 0, minutes = 0] = duration.split(':').map(Number);
  return hours * 60 + minutes;
};

const slugOf = (name: string) => name.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-');

export function democonSchema2(source: Democon): string {
  const { schedule } = source;
  const { conference } = schedule;
  const events = conference.days.flatMap((day) => Object.values(day.rooms).flat());
  const personGuid = (person: DemoconPerson) => uuid5(`${schedule.base_url}speaker/${person.code}/`);
  const persons = new Map<string, DemoconPerson>();
  for (const event of events) for (const person of event.persons) persons.set(person.code, person);
  const tracks = [...new Set(events.map((event) => event.track))];
  const ends = events.map((event) => later(event.date, minutesOf(event.duration))).sort();
  const document = {
    $schema: 'https://c3voc.de/schedule/schema2.json',
    schedule: {
      version: schedule.version,
      base_url: schedule.base_url,
      conference: {
        acronym: conference.acronym,
        title: conference.title,
        start: conference.days[0]?.day_start,
        end: ends.at(-1),
        time_zone_name: conference.time_zone_name,
        tracks: tracks.map((name) => ({ name, slug: slugOf(name) })),
        rooms: conference.rooms.map((room) => ({
          name: room.name,
          slug: slugOf(room.name),
          guid: room.guid,
        })),
        days: conference.days.map((day) => ({
          index: day.index,
          date: day.date,
          start: day.day_start,
          end: day.day_end,
        })),
      },
      events: events.map((event) => ({
        guid: event.guid,
        start: event.date,
        end: later(event.date, minutesOf(event.duration)),
        room: { name: event.room, guid: conference.rooms.find((room) => room.name === event.room)?.guid },
        slug: event.slug,
        url: event.url,
        title: event.title,
        subtitle: event.subtitle === '' ? null : event.subtitle,
        track: { slug: slugOf(event.track) },
        type: event.type.toUpperCase(),
        language: event.language,
        abstract: event.abstract,
        description: event.description,
        participants: event.persons.map((person) => ({
          guid: personGuid(person),
          name: person.public_name,
          role: 'SPEAKER',
        })),
        links: event.links,
        attachments: [],
      })),
      persons: [...persons.values()].map((person) => ({
        guid: personGuid(person),
        name: person.public_name,
        biography: person.biography,
      })),
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function readDemocon(): Democon {
  return JSON.parse(readFileSync(join(schedulesFolder, 'democon.schedule.json'), 'utf8'));
}

if (import.meta.main) {
  const source = readDemocon();
  writeFileSync(join(schedulesFolder, 'democon.schedule.xml'), democonXml(source));
  writeFileSync(join(schedulesFolder, 'democon.schedule2.json'), democonSchema2(source));
}

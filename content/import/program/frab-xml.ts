import { XMLParser } from 'fast-xml-parser';
import { assembleSchedule, type ScheduleParts } from './assemble-schedule.ts';
import {
  conferenceFields,
  dayFields,
  eventFields,
  linkFields,
  personFields,
  roomFields,
  scheduleFields,
  trackFields,
} from './frab-fields.ts';
import type { ImportedLink, ImportedSchedule, ImportedSession } from './imported-schedule.ts';
import {
  firstText,
  isRecord,
  type KnownFields,
  links,
  list,
  optionalText,
  person,
  type ScheduleReading,
  sessionMinutes,
  webAddress,
} from './schedule-reading.ts';
import { sessionFrom, yesNo } from './session-fields.ts';

/**
 * The frab `schedule.xml` (c3voc schema.xsd): `<schedule><conference/><day><room><event/></room></day>`,
 * the format pentabarf began and frab, pretalx and the CCC hub write.
 */

const format = 'the frab schedule.xml';
const eventScope = 'day/room/event';

const repeated = new Set([
  'schedule.day',
  'schedule.day.room',
  'schedule.day.room.event',
  'schedule.day.room.event.persons.person',
  'schedule.day.room.event.links.link',
  'schedule.day.room.event.attachments.attachment',
  'schedule.conference.track',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  // Durations ("00:30"), ids and codes stay text; the parser decides what they mean.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (_name, jpath) => repeated.has(String(jpath)),
});

const xmlScheduleFields: KnownFields = { ...scheduleFields, day: null };
const xmlRoomFields: KnownFields = { ...roomFields, event: null };
const recordingFields: KnownFields = {
  license: null,
  optout: null,
  url: 'recordings are not imported',
  link: 'recordings are not imported',
};

/** An element's attributes and children under one set of names ("@guid" read as "guid"). */
function fieldsOf(element: unknown): Record<string, unknown> {
  if (!isRecord(element)) return typeof element === 'string' ? { '#text': element } : {};
  return Object.fromEntries(
    Object.entries(element)
      .filter(([key]) => !key.startsWith('@xmlns') && !key.startsWith('@xsi:'))
      .map(([key, value]) => [key.replace(/^@/, ''), value]),
  );
}

/** The text of an element, with or without attributes (`<person id="1">Name</person>`). */
function textOf(element: unknown): unknown {
  return isRecord(element) ? element['#text'] : element;
}

function skipFieldsOf(
  reading: ScheduleReading,
  where: string,
  fields: Record<string, unknown>,
  known: KnownFields,
) {
  const { '#text': _text, ...rest } = fields;
  reading.skipFields(where, rest, known, format);
}

function linksOf(
  reading: ScheduleReading,
  event: Record<string, unknown>,
  baseUrl: string | undefined,
): ImportedLink[] {
  const scope = `${eventScope}/links/link`;
  const entries = list(fieldsOf(event.links).link).map((entry) => {
    const fields = fieldsOf(entry);
    skipFieldsOf(reading, scope, fields, linkFields);
    return { url: fields.href, title: fields['#text'], type: fields.type };
  });
  return links(reading, scope, entries, baseUrl);
}

function event(
  reading: ScheduleReading,
  where: string,
  roomName: unknown,
  element: unknown,
  baseUrl: string | undefined,
): ImportedSession {
  const fields = fieldsOf(element);
  skipFieldsOf(reading, eventScope, fields, eventFields);
  const recording = fieldsOf(fields.recording);
  skipFieldsOf(reading, `${eventScope}/recording`, recording, recordingFields);
  return sessionFrom(
    reading,
    { where, scope: eventScope },
    {
      guid: fields.guid,
      frabId: fields.id,
      code: fields.code,
      url: fields.url,
      title: textOf(fields.title),
      subtitle: textOf(fields.subtitle),
      abstract: textOf(fields.abstract),
      description: textOf(fields.description),
      start: textOf(fields.date),
      startField: 'date',
      minutes: (label) => sessionMinutes(reading, label, 'duration', textOf(fields.duration)),
      room: optionalText(textOf(fields.room)) ?? roomName,
      track: textOf(fields.track),
      type: textOf(fields.type),
      language: textOf(fields.language),
      persons: (label) =>
        list(fieldsOf(fields.persons).person).map((entry, index) => {
          const person_ = fieldsOf(entry);
          const place = {
            where: `${label}: persons/person[${index + 1}]`,
            scope: `${eventScope}/persons/person`,
          };
          skipFieldsOf(reading, place.scope, person_, personFields);
          return person(reading, place, { name: person_['#text'], guid: person_.guid, frabId: person_.id });
        }),
      links: () => linksOf(reading, fields, baseUrl),
      recording: { optOut: yesNo(textOf(recording.optout)), license: textOf(recording.license) },
    },
    baseUrl,
  );
}

/** Reads a well-formed XML document whose root is `<schedule>` (the caller checked both). */
export function parseFrabXml(reading: ScheduleReading, text: string): ImportedSchedule {
  const schedule = fieldsOf(parser.parse(text).schedule);
  skipFieldsOf(reading, 'schedule', schedule, xmlScheduleFields);
  const conference = fieldsOf(schedule.conference);
  skipFieldsOf(reading, 'conference', conference, conferenceFields);
  const baseUrl = webAddress(textOf(conference.base_url), undefined);
  const sessions: ImportedSession[] = [];
  const rooms: ScheduleParts['rooms'] = [];
  for (const [dayIndex, day] of list(schedule.day).entries()) {
    const dayFieldsFound = fieldsOf(day);
    skipFieldsOf(reading, 'day', dayFieldsFound, dayFields);
    for (const roomElement of list(dayFieldsFound.room)) {
      const room = fieldsOf(roomElement);
      skipFieldsOf(reading, 'day/room', room, xmlRoomFields);
      const name = optionalText(room.name);
      const roomWhere = `day[${dayIndex + 1}]/room[@name='${name ?? ''}']`;
      if (name === undefined) reading.fail(roomWhere, 'a room without a name');
      if (!rooms.some((known) => known.name === name))
        rooms.push({ where: roomWhere, name, guid: room.guid });
      for (const [index, element] of list(room.event).entries()) {
        sessions.push(event(reading, `${roomWhere}/event[${index + 1}]`, name, element, baseUrl));
      }
    }
  }
  return assembleSchedule(reading, {
    format: 'frab-xml',
    version: textOf(schedule.version),
    baseUrl: textOf(conference.base_url),
    conference: {
      where: 'schedule/conference',
      title: textOf(conference.title),
      acronym: textOf(conference.acronym),
      start: textOf(conference.start),
      end: textOf(conference.end),
      timeZone: textOf(conference.time_zone_name),
      url: textOf(conference.url),
    },
    rooms,
    tracks: list(conference.track).map((entry, index) => {
      const track = fieldsOf(entry);
      skipFieldsOf(reading, 'conference/track', track, trackFields);
      return {
        where: `conference/track[${index + 1}]`,
        name: firstText(track.name, track['#text']),
        color: track.color,
      };
    }),
    sessions,
  });
}

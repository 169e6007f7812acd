import { assembleSchedule } from './assemble-schedule.ts';
import {
  conferenceFields,
  dayFields,
  eventFields,
  linkFields,
  personFields,
  scheduleFields,
} from './frab-fields.ts';
import type { ImportedLink, ImportedSchedule, ImportedSession } from './imported-schedule.ts';
import { jsonScheduleParts } from './json-parts.ts';
import {
  firstText,
  isRecord,
  links,
  list,
  optionalText,
  person,
  type ScheduleReading,
  sessionMinutes,
  webAddress,
  wholeMinutes,
} from './schedule-reading.ts';
import { sessionFrom, yesNo } from './session-fields.ts';

/**
 * The classic frab/pretalx `schedule.json` (c3voc schema.json): sessions grouped by day and room,
 * `conference.days[].rooms[room name][]`.
 */

const format = 'the frab/pretalx schedule.json';
const eventScope = 'conference.days[].rooms[][]';

function minutes(reading: ScheduleReading, label: string, event: Record<string, unknown>): number {
  if (optionalText(event.duration) !== undefined)
    return sessionMinutes(reading, label, 'duration', event.duration);
  const start = Date.parse(String(event.date));
  const end = Date.parse(String(event.end ?? ''));
  if (Number.isNaN(end)) reading.fail(label, 'no duration');
  return wholeMinutes(reading, label, 'end - date', (end - start) / 60_000);
}

function linksOf(reading: ScheduleReading, value: unknown, baseUrl: string | undefined): ImportedLink[] {
  const scope = `${eventScope}.links[]`;
  const entries = list(value).map((entry) => {
    if (!isRecord(entry)) return { url: entry };
    reading.skipFields(scope, entry, linkFields, format);
    return { url: firstText(entry.url, entry.href), title: entry.title, type: entry.type };
  });
  return links(reading, scope, entries, baseUrl);
}

function event(
  reading: ScheduleReading,
  where: string,
  roomKey: string,
  value: unknown,
  baseUrl: string | undefined,
): ImportedSession {
  if (!isRecord(value)) reading.fail(where, 'not an event object');
  reading.skipFields(eventScope, value, eventFields, format);
  const roomName = optionalText(value.room) ?? optionalText(roomKey);
  if (optionalText(value.room) !== undefined && value.room !== roomKey) {
    reading.notes.push(
      `${where}: its room "${String(value.room)}" is not the room it is listed under ("${roomKey}")`,
    );
  }
  return sessionFrom(
    reading,
    { where, scope: eventScope },
    {
      guid: value.guid,
      frabId: value.id,
      code: value.code,
      url: value.url,
      title: value.title,
      subtitle: value.subtitle,
      abstract: value.abstract,
      description: value.description,
      start: value.date,
      startField: 'date',
      minutes: (label) => minutes(reading, label, value),
      room: roomName,
      track: value.track,
      type: value.type,
      language: value.language,
      persons: (label) =>
        list(value.persons).map((entry, index) => {
          const place = { where: `${label}: persons[${index}]`, scope: `${eventScope}.persons[]` };
          if (!isRecord(entry)) return reading.fail(place.where, 'a speaker without a name');
          reading.skipFields(place.scope, entry, personFields, format);
          return person(reading, place, {
            name: firstText(entry.name, entry.public_name, entry.full_public_name),
            guid: entry.guid,
            code: entry.code,
            frabId: entry.id,
            biography: entry.biography,
          });
        }),
      links: () => linksOf(reading, value.links, baseUrl),
      recording: { optOut: yesNo(value.do_not_record), license: value.recording_license },
    },
    baseUrl,
  );
}

export function parseFrabJson(reading: ScheduleReading, document: Record<string, unknown>): ImportedSchedule {
  reading.skipFields('(top level)', document, scheduleFields, format);
  const schedule = document.schedule as Record<string, unknown>;
  reading.skipFields('schedule', schedule, scheduleFields, format);
  const conference = schedule.conference;
  if (!isRecord(conference)) reading.fail('schedule.conference', 'missing: not a frab/pretalx schedule');
  reading.skipFields('conference', conference, conferenceFields, format);
  const baseUrl = webAddress(schedule.base_url, undefined);
  const sessions: ImportedSession[] = [];
  for (const [dayIndex, day] of list(conference.days).entries()) {
    const dayWhere = `conference.days[${dayIndex}]`;
    if (!isRecord(day) || !isRecord(day.rooms)) reading.fail(dayWhere, 'a day without its rooms object');
    reading.skipFields('conference.days[]', day, dayFields, format);
    for (const [roomKey, events] of Object.entries(day.rooms)) {
      if (!Array.isArray(events)) reading.fail(`${dayWhere}.rooms['${roomKey}']`, 'not a list of events');
      for (const [index, value] of events.entries()) {
        sessions.push(event(reading, `${dayWhere}.rooms['${roomKey}'][${index}]`, roomKey, value, baseUrl));
      }
    }
  }
  return assembleSchedule(
    reading,
    jsonScheduleParts(
      reading,
      { schedule, conference },
      { format: 'frab-json', formatName: format },
      sessions,
    ),
  );
}

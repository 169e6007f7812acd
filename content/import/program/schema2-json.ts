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
  type KnownFields,
  links,
  list,
  optionalText,
  person,
  type ScheduleReading,
  sessionMinutes,
  webAddress,
  wholeMinutes,
} from './schedule-reading.ts';
import { sessionFrom } from './session-fields.ts';

/**
 * The c3voc "schema2" schedule JSON (https://c3voc.de/schema/schedule2, served by the CCC hub): one flat
 * `schedule.events[]` list, rooms and tracks referenced by guid and slug, speakers in `schedule.persons[]`
 * referenced from each event's `participants[]`, texts either strings or `{ en, de, … }` translations.
 */

const format = 'the c3voc schema2 schedule';
const eventScope = 'schedule.events[]';

const schema2ScheduleFields: KnownFields = {
  ...scheduleFields,
  events: null,
  persons: null,
};
const schema2EventFields: KnownFields = {
  ...eventFields,
  start: null,
  participants: null,
  state: null,
};
const participantFields: KnownFields = {
  name: null,
  guid: null,
  role: 'roles are not imported: every participant is listed as a speaker',
};

/** Who is not on the program: these states never become sessions. */
const unpublishedStates = new Set([
  'DRAFT',
  'SUBMITTED',
  'REJECTED',
  'CANCELED',
  'CANCELLED',
  'WITHDRAWN',
  'DELETED',
]);

/** One language of a LocalizableString: the session's own language, else English, else the first given. */
function localized(
  reading: ScheduleReading,
  field: string,
  value: unknown,
  language: string | undefined,
): unknown {
  if (!isRecord(value)) return value;
  const languages = Object.keys(value);
  const chosen = [language, 'en', languages[0]].find((key) => key !== undefined && optionalText(value[key]));
  if (languages.length > 1) {
    reading.skip(
      eventScope,
      field,
      "only one language of a translated text is imported: the session's own, else English",
    );
  }
  return chosen === undefined ? undefined : value[chosen];
}

function minutes(reading: ScheduleReading, label: string, event: Record<string, unknown>): number {
  const start = Date.parse(String(event.start));
  const end = Date.parse(String(event.end ?? ''));
  if (!Number.isNaN(end) && !Number.isNaN(start))
    return wholeMinutes(reading, label, 'end - start', (end - start) / 60_000);
  return sessionMinutes(reading, label, 'duration', event.duration);
}

interface Lookups {
  roomNames: Set<string>;
  roomByGuid: Map<string, string>;
  roomBySlug: Map<string, string>;
  trackBySlug: Map<string, string>;
  personByGuid: Map<string, Record<string, unknown>>;
}

function roomName(
  reading: ScheduleReading,
  where: string,
  room: unknown,
  lookups: Lookups,
): string | undefined {
  if (!isRecord(room)) return optionalText(room);
  // A listed name wins over the guid: exports give two rooms one guid (see the democon example).
  const byName = optionalText(room.name);
  if (byName !== undefined && lookups.roomNames.has(byName)) return byName;
  const byGuid = lookups.roomByGuid.get(optionalText(room.guid) ?? '');
  const bySlug = lookups.roomBySlug.get(optionalText(room.slug) ?? '');
  if (
    byGuid === undefined &&
    byName === undefined &&
    bySlug === undefined &&
    optionalText(room.guid) !== undefined
  ) {
    reading.fail(where, `room guid ${String(room.guid)} is not one of conference.rooms`);
  }
  return byGuid ?? bySlug ?? byName;
}

function trackName(
  reading: ScheduleReading,
  where: string,
  track: unknown,
  lookups: Lookups,
): string | undefined {
  if (!isRecord(track)) return optionalText(track);
  const slug = optionalText(track.slug);
  const name = optionalText(track.name) ?? lookups.trackBySlug.get(slug ?? '');
  if (name === undefined && slug !== undefined) {
    reading.notes.push(
      `${where}: track slug "${slug}" is not one of conference.tracks: the slug is its name`,
    );
  }
  return name ?? slug;
}

function linksOf(reading: ScheduleReading, value: unknown, baseUrl: string | undefined): ImportedLink[] {
  const scope = `${eventScope}.links[]`;
  const entries = list(value)
    .filter(isRecord)
    .filter((entry) => {
      reading.skipFields(scope, entry, linkFields, format);
      // The origin and feedback pages are the event's pages at its source, not material for attendees.
      const type = optionalText(entry.type)?.toUpperCase();
      if (type !== 'ORIGIN' && type !== 'FEEDBACK') return true;
      reading.skip(scope, `type ${type}`, "the source system's own pages are not linked");
      return false;
    })
    .map((entry) => ({ url: entry.url, title: entry.title, type: entry.type }));
  return links(reading, scope, entries, baseUrl);
}

function event(
  reading: ScheduleReading,
  where: string,
  value: Record<string, unknown>,
  lookups: Lookups,
  baseUrl: string | undefined,
): ImportedSession {
  reading.skipFields(eventScope, value, schema2EventFields, format);
  const language = optionalText(value.language);
  return sessionFrom(
    reading,
    { where, scope: eventScope },
    {
      guid: value.guid,
      code: value.code,
      url: value.url,
      title: value.title,
      subtitle: value.subtitle,
      abstract: localized(reading, 'abstract', value.abstract, language),
      description: localized(reading, 'description', value.description, language),
      start: value.start,
      startField: 'start',
      minutes: (label) => minutes(reading, label, value),
      room: roomName(reading, where, value.room, lookups),
      track: trackName(reading, where, value.track, lookups),
      type: value.type,
      language,
      persons: (label) =>
        list(value.participants).map((entry, index) => {
          const place = { where: `${label}: participants[${index}]`, scope: `${eventScope}.participants[]` };
          if (!isRecord(entry)) return reading.fail(place.where, 'a speaker without a name');
          reading.skipFields(place.scope, entry, participantFields, format);
          const known = lookups.personByGuid.get(optionalText(entry.guid) ?? '');
          return person(reading, place, {
            name: firstText(entry.name, known?.name, known?.public_name),
            guid: entry.guid,
            code: known?.code,
            biography: known?.biography,
          });
        }),
      links: () => linksOf(reading, value.links, baseUrl),
    },
    baseUrl,
  );
}

function lookupsFor(
  reading: ScheduleReading,
  schedule: Record<string, unknown>,
  conference: Record<string, unknown>,
): Lookups {
  const lookups: Lookups = {
    roomNames: new Set(),
    roomByGuid: new Map(),
    roomBySlug: new Map(),
    trackBySlug: new Map(),
    personByGuid: new Map(),
  };
  for (const room of list(conference.rooms)) {
    const name = isRecord(room) ? optionalText(room.name) : undefined;
    if (!isRecord(room) || name === undefined) continue;
    lookups.roomNames.add(name);
    const guid = optionalText(room.guid);
    if (guid !== undefined && !lookups.roomByGuid.has(guid)) lookups.roomByGuid.set(guid, name);
    const slug = optionalText(room.slug);
    if (slug !== undefined) lookups.roomBySlug.set(slug, name);
  }
  for (const track of list(conference.tracks)) {
    if (!isRecord(track)) continue;
    const [slug, name] = [optionalText(track.slug), optionalText(track.name)];
    if (slug !== undefined && name !== undefined) lookups.trackBySlug.set(slug, name);
  }
  for (const entry of list(schedule.persons)) {
    if (!isRecord(entry)) continue;
    reading.skipFields('schedule.persons[]', entry, personFields, format);
    const guid = optionalText(entry.guid);
    if (guid !== undefined) lookups.personByGuid.set(guid, entry);
  }
  return lookups;
}

export function parseSchema2Json(
  reading: ScheduleReading,
  document: Record<string, unknown>,
): ImportedSchedule {
  reading.skipFields('(top level)', document, scheduleFields, format);
  const schedule = document.schedule as Record<string, unknown>;
  reading.skipFields('schedule', schedule, schema2ScheduleFields, format);
  const conference = schedule.conference;
  if (!isRecord(conference)) reading.fail('schedule.conference', 'missing: not a schema2 schedule');
  reading.skipFields('conference', conference, conferenceFields, format);
  for (const day of list(conference.days)) {
    if (isRecord(day)) reading.skipFields('conference.days[]', day, dayFields, format);
  }
  const baseUrl = webAddress(schedule.base_url, undefined);
  const lookups = lookupsFor(reading, schedule, conference);
  const sessions: ImportedSession[] = [];
  for (const [index, value] of list(schedule.events).entries()) {
    const where = `schedule.events[${index}]`;
    if (!isRecord(value)) reading.fail(where, 'not an event object');
    const type = optionalText(value.type)?.toUpperCase();
    const state = optionalText(value.state)?.toUpperCase();
    if (type === 'BREAK' || type === 'META') {
      reading.skip(eventScope, `type ${type}`, 'breaks and meta events are not sessions');
    } else if (state !== undefined && unpublishedStates.has(state)) {
      reading.skip(eventScope, `state ${state}`, 'an event in this state is not on the program');
    } else if (
      optionalText(isRecord(value.room) ? (value.room.name ?? value.room.guid) : value.room) === undefined
    ) {
      // Real schema2 files list self-organised events with no room (39C3: a quarter of them); the
      // program places every session in a room, so these are left out, each named in the report.
      reading.skip(
        `${where} (guid ${String(value.guid)})`,
        'room',
        'an event without a room is not on the program',
      );
    } else {
      sessions.push(event(reading, where, value, lookups, baseUrl));
    }
  }
  return assembleSchedule(
    reading,
    jsonScheduleParts(
      reading,
      { schedule, conference },
      { format: 'schema2-json', formatName: format },
      sessions,
    ),
  );
}

import { isoInZone } from '../../program.ts';
import type { ImportedSchedule, ImportedSession, ScheduleFormat } from './imported-schedule.ts';
import {
  hexColor,
  optionalText,
  positiveInteger,
  type ScheduleReading,
  webAddress,
} from './schedule-reading.ts';

/** What a format parser read, before the checks every format shares. */
export interface ScheduleParts {
  format: ScheduleFormat;
  version: unknown;
  baseUrl: unknown;
  conference: {
    where: string;
    title: unknown;
    acronym: unknown;
    start: unknown;
    end: unknown;
    timeZone: unknown;
    url: unknown;
  };
  /** The rooms the export lists, in its order; rooms only named by sessions are added after them. */
  rooms: Array<{ where: string; name: unknown; guid?: unknown; capacity?: unknown }>;
  tracks: Array<{ where: string; name: unknown; color?: unknown }>;
  sessions: ImportedSession[];
}

function listRooms(reading: ScheduleReading, parts: ScheduleParts): ImportedSchedule['rooms'] {
  const rooms: ImportedSchedule['rooms'] = [];
  const guidOwner = new Map<string, string>();
  for (const declared of parts.rooms) {
    const name = optionalText(declared.name);
    if (name === undefined) reading.fail(declared.where, 'a room without a name');
    if (rooms.some((room) => room.name === name)) {
      reading.notes.push(`${declared.where}: room "${name}" is listed twice; kept once`);
      continue;
    }
    const room: ImportedSchedule['rooms'][number] = { name };
    const guid = optionalText(declared.guid);
    const owner = guid === undefined ? undefined : guidOwner.get(guid);
    if (guid !== undefined && owner !== undefined) {
      reading.notes.push(
        `rooms "${owner}" and "${name}" carry the same guid ${guid}: kept for "${owner}" only, "${name}" is known by its name`,
      );
    } else if (guid !== undefined) {
      guidOwner.set(guid, name);
      room.guid = guid;
    }
    const capacity = positiveInteger(declared.capacity);
    if (capacity !== undefined) room.capacity = capacity;
    else if (optionalText(declared.capacity) !== undefined) {
      reading.skip(declared.where, 'capacity', 'not a positive whole number');
    }
    rooms.push(room);
  }
  const named = new Set(rooms.map((room) => room.name));
  const added: string[] = [];
  for (const session of parts.sessions) {
    if (named.has(session.room)) continue;
    named.add(session.room);
    added.push(session.room);
    rooms.push({ name: session.room });
  }
  if (parts.rooms.length === 0)
    reading.notes.push('the export lists no rooms: rooms are in order of first appearance');
  else if (added.length > 0) {
    reading.notes.push(
      `rooms named by sessions but not listed, added after the listed ones: ${added.join(', ')}`,
    );
  }
  return rooms;
}

function listTracks(reading: ScheduleReading, parts: ScheduleParts): ImportedSchedule['tracks'] {
  const tracks: ImportedSchedule['tracks'] = [];
  for (const declared of parts.tracks) {
    const name = optionalText(declared.name);
    if (name === undefined) {
      reading.skip(declared.where, 'name', 'a track without a name');
      continue;
    }
    if (tracks.some((track) => track.name === name)) continue;
    const color = hexColor(declared.color);
    if (color === undefined && optionalText(declared.color) !== undefined) {
      reading.skip(declared.where, 'color', 'not a #rrggbb colour');
    }
    tracks.push(color === undefined ? { name } : { name, color });
  }
  for (const session of parts.sessions) {
    if (session.track !== undefined && !tracks.some((track) => track.name === session.track)) {
      tracks.push({ name: session.track });
    }
  }
  return tracks;
}

function checkUniqueGuids(reading: ScheduleReading, sessions: ImportedSession[]): void {
  const seen = new Map<string, string>();
  for (const session of sessions) {
    const first = seen.get(session.guid);
    if (first !== undefined) {
      reading.fail(
        session.where,
        `guid ${session.guid} is also the guid of ${first}: a guid names one session`,
      );
    }
    seen.set(session.guid, session.where);
  }
}

function validTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The offset a zone has at an instant, as ±HH:MM. */
const zoneOffset = (timeZone: string, at: string) => isoInZone(Date.parse(at), timeZone).slice(19);

function timeZoneOf(reading: ScheduleReading, parts: ScheduleParts): string | undefined {
  const offsets = new Set(parts.sessions.map((session) => session.start.slice(19)));
  const carried = [...offsets].sort().join(', ');
  const name = optionalText(parts.conference.timeZone);
  if (name === undefined) {
    reading.notes.push(
      `no time_zone_name: the times carry ${carried || 'no offsets'}, and are kept as instants`,
    );
    return undefined;
  }
  if (!validTimeZone(name)) {
    reading.notes.push(
      `time_zone_name "${name}" is not an IANA time zone: left out (the times carry ${carried})`,
    );
    return undefined;
  }
  const off = parts.sessions.filter((session) => zoneOffset(name, session.start) !== session.start.slice(19));
  if (off.length > 0) {
    reading.notes.push(
      `time_zone_name says ${name} but times carry ${carried} (${off.length} of ${parts.sessions.length} sessions): the instants are kept as written`,
    );
  }
  return name;
}

const datePattern = /^\d{4}-\d{2}-\d{2}/;

function conferenceDay(
  reading: ScheduleReading,
  parts: ScheduleParts,
  field: 'start' | 'end',
  fallback: string,
): string {
  const text = optionalText(parts.conference[field]);
  if (text !== undefined && datePattern.test(text) && !Number.isNaN(Date.parse(text.slice(0, 10)))) {
    return text.slice(0, 10);
  }
  reading.notes.push(
    `${parts.conference.where}.${field} is ${text === undefined ? 'missing' : `"${text}", not a date`}: ${fallback} from the sessions`,
  );
  return fallback;
}

/** The checks and lists every format shares: rooms, tracks, unique guids, dates and the time zone. */
export function assembleSchedule(reading: ScheduleReading, parts: ScheduleParts): ImportedSchedule {
  const { sessions } = parts;
  if (sessions.length === 0) reading.fail(parts.conference.where, 'the schedule holds no sessions');
  checkUniqueGuids(reading, sessions);
  const title = optionalText(parts.conference.title);
  if (title === undefined) reading.fail(parts.conference.where, 'no conference title');
  const days = sessions.map((session) => session.start.slice(0, 10)).sort();
  const conference: ImportedSchedule['conference'] = {
    title,
    start: conferenceDay(reading, parts, 'start', days[0] ?? ''),
    end: conferenceDay(reading, parts, 'end', days.at(-1) ?? ''),
  };
  const acronym = optionalText(parts.conference.acronym);
  if (acronym !== undefined) conference.acronym = acronym;
  const timeZone = timeZoneOf(reading, parts);
  if (timeZone !== undefined) conference.timeZone = timeZone;
  const url = webAddress(parts.conference.url, undefined);
  if (url !== undefined) conference.url = url;
  const version = optionalText(parts.version);
  if (version === undefined) reading.notes.push('the schedule has no version');
  const baseUrl = webAddress(parts.baseUrl, undefined);
  const schedule: ImportedSchedule = {
    format: parts.format,
    version: version ?? '',
    conference,
    rooms: listRooms(reading, parts),
    tracks: listTracks(reading, parts),
    sessions,
    skipped: reading.skipped(),
    notes: reading.notes,
  };
  return baseUrl === undefined ? schedule : { ...schedule, baseUrl };
}

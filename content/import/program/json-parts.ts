import type { ScheduleParts } from './assemble-schedule.ts';
import { roomFields, trackFields } from './frab-fields.ts';
import type { ImportedSession, ScheduleFormat } from './imported-schedule.ts';
import { isRecord, list, type ScheduleReading } from './schedule-reading.ts';

/** The rooms a JSON export's `conference.rooms` lists, in its order. */
export function declaredRooms(
  reading: ScheduleReading,
  conference: Record<string, unknown>,
  format: string,
): ScheduleParts['rooms'] {
  return list(conference.rooms).map((room, index) => {
    const where = `conference.rooms[${index}]`;
    if (!isRecord(room)) return { where, name: room };
    reading.skipFields('conference.rooms[]', room, roomFields, format);
    return { where, name: room.name, guid: room.guid, capacity: room.capacity };
  });
}

/** The tracks a JSON export's `conference.tracks` lists; schema2 gives `colors.light` instead of `color`. */
export function declaredTracks(
  reading: ScheduleReading,
  conference: Record<string, unknown>,
  format: string,
): ScheduleParts['tracks'] {
  return list(conference.tracks).map((track, index) => {
    const where = `conference.tracks[${index}]`;
    if (!isRecord(track)) return { where, name: track };
    reading.skipFields('conference.tracks[]', track, trackFields, format);
    const color = track.color ?? (isRecord(track.colors) ? track.colors.light : undefined);
    return { where, name: track.name, color };
  });
}

/** What both JSON formats say of the schedule and its conference, in the same fields. */
export function jsonScheduleParts(
  reading: ScheduleReading,
  { schedule, conference }: { schedule: Record<string, unknown>; conference: Record<string, unknown> },
  { format, formatName }: { format: ScheduleFormat; formatName: string },
  sessions: ImportedSession[],
): ScheduleParts {
  return {
    format,
    version: schedule.version,
    baseUrl: schedule.base_url,
    conference: {
      where: 'schedule.conference',
      title: conference.title,
      acronym: conference.acronym,
      start: conference.start,
      end: conference.end,
      timeZone: conference.time_zone_name,
      url: conference.url,
    },
    rooms: declaredRooms(reading, conference, formatName),
    tracks: declaredTracks(reading, conference, formatName),
    sessions,
  };
}

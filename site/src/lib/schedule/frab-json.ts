import {
  dayStartInstant,
  durationHoursMinutes,
  frabIdOf,
  isoInZone,
  pretalxCodeOf,
  roomGuid,
  sessionDay,
  sessionEnd,
  sessionGuid,
  sessionStart,
  sessionStartTime,
  speakerGuid,
} from '../../../../content/program.ts';
import type { Edition } from '../../../../content/schemas/edition.ts';
import type { Program, Session } from '../../../../content/schemas/program.ts';
import {
  absoluteUrl,
  conferenceAcronym,
  conferenceDates,
  indexProgram,
  type ProgramIndex,
  type ScheduleOptions,
  scheduleVersion,
  sessionNotes,
  sessionSlug,
  sessionUrl,
  speakerUrl,
} from './schedule-context.ts';

/**
 * A person in pretalx's shape: `name` without frab's `public_name`, so it matches exactly one branch
 * of the schema's `oneOf` (frab's branch needs both `public_name` and `id`). The legacy `id` is kept
 * for apps that still key speakers by number.
 */
export interface FrabPerson {
  id: number;
  code: string;
  guid: string;
  name: string;
  biography: string;
  url: string;
  links: Array<{ url: string; title: string }>;
}

export interface FrabEvent {
  id: number;
  guid: string;
  code: string;
  date: string;
  start: string;
  end: string;
  duration: string;
  room: string;
  slug: string;
  url: string;
  title: string;
  subtitle: string;
  track: string | null;
  type: string;
  language: string;
  abstract: string | null;
  description: string | null;
  /** Present when the program says: an import keeps what the schedule stated. */
  recording_license?: string;
  do_not_record?: boolean;
  /** The session's page at the system the program was imported from. */
  origin_url?: string;
  persons: FrabPerson[];
  links: Array<{ url: string; title: string }>;
  attachments: [];
}

export interface FrabRoom {
  name: string;
  slug: string;
  guid: string;
  description: string;
  capacity: number | null;
}

export interface FrabTrack {
  name: string;
  slug: string;
  color: string;
}

export interface FrabDay {
  index: number;
  date: string;
  day_start: string;
  day_end: string;
  /** Every room of the conference by its name, in the rooms' order, with that day's events. */
  rooms: Record<string, FrabEvent[]>;
}

export interface FrabScheduleDocument {
  $schema: string;
  generator: { name: string };
  schedule: {
    version: string;
    base_url: string;
    conference: {
      acronym: string;
      title: string;
      description: string;
      start: string;
      end: string;
      daysCount: number;
      timeslot_duration: string;
      time_zone_name: string;
      url: string;
      tracks: FrabTrack[];
      rooms: FrabRoom[];
      days: FrabDay[];
    };
  };
}

export const frabSchemaUrl = 'https://c3voc.de/schedule/schema.json';
export const generatorName = 'Wuzhen portal';

function frabEvent(
  session: Session,
  edition: Edition,
  index: ProgramIndex,
  options: ScheduleOptions,
): FrabEvent {
  const { locale } = options;
  const paragraphs = [
    ...(session.description ? [session.description[locale]] : []),
    ...sessionNotes(session, locale),
  ];
  const { recording } = session;
  return {
    id: frabIdOf('session', session),
    guid: sessionGuid(session),
    code: pretalxCodeOf('session', session),
    date: sessionStart(session, edition.timeZone),
    start: sessionStartTime(session),
    end: sessionEnd(session, edition.timeZone),
    duration: durationHoursMinutes(session.duration),
    room: index.room(session.room).name[locale],
    slug: sessionSlug(edition, session),
    url: sessionUrl(options, session),
    title: session.title[locale],
    subtitle: session.subtitle?.[locale] ?? '',
    track: session.track ? index.track(session.track).name[locale] : null,
    type: session.type,
    language: session.language,
    abstract: session.abstract?.[locale] ?? null,
    description: paragraphs.length > 0 ? paragraphs.join('\n\n') : null,
    ...(recording?.license === undefined ? {} : { recording_license: recording.license }),
    ...(recording?.optOut === undefined ? {} : { do_not_record: recording.optOut }),
    ...(session.url === undefined ? {} : { origin_url: session.url }),
    persons: session.speakers.map((id) => {
      const speaker = index.speaker(id);
      return {
        id: frabIdOf('speaker', speaker),
        code: pretalxCodeOf('speaker', speaker),
        guid: speakerGuid(speaker),
        name: speaker.name[locale],
        biography: speaker.bio?.[locale] ?? '',
        url: speakerUrl(options, speaker),
        links: speaker.links.map((link) => ({ url: link.url, title: link.title[locale] })),
      };
    }),
    links: (session.links ?? []).map((link) => ({ url: link.url, title: link.title[locale] })),
    attachments: [],
  };
}

/**
 * A day runs from its first session's start to its last session's end, so grid views do not open on
 * empty hours; a day without sessions spans the calendar day. Sessions never pass midnight.
 */
function frabDay(
  date: string,
  index: number,
  events: FrabEvent[],
  rooms: string[],
  timeZone: string,
): FrabDay {
  // By instant: on the day the clocks change, offsets differ and the strings sort wrong.
  const byInstant = (a: string, b: string) => Date.parse(a) - Date.parse(b);
  const starts = events.map(({ date }) => date).sort(byInstant);
  const ends = events.map(({ end }) => end).sort(byInstant);
  const nextDay = new Date(Date.parse(`${date}T00:00:00Z`) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return {
    index,
    date,
    day_start: starts[0] ?? isoInZone(dayStartInstant(date, timeZone), timeZone),
    day_end: ends.at(-1) ?? isoInZone(dayStartInstant(nextDay, timeZone) - 1000, timeZone),
    rooms: Object.fromEntries(rooms.map((room) => [room, events.filter((event) => event.room === room)])),
  };
}

/** The frab/pretalx JSON schedule (c3voc's schema.json) of the program, in one language. */
export function frabSchedule(
  program: Program,
  edition: Edition,
  options: ScheduleOptions,
): FrabScheduleDocument {
  const { locale } = options;
  const index = indexProgram(program);
  const roomNames = program.rooms.map(({ name }) => name[locale]);
  const dates = conferenceDates(edition);
  return {
    $schema: frabSchemaUrl,
    generator: { name: generatorName },
    schedule: {
      version: scheduleVersion(program, edition),
      base_url: new URL('/', options.siteUrl).href,
      conference: {
        acronym: conferenceAcronym(edition),
        title: edition.name[locale],
        description: edition.summary[locale],
        start: edition.startDate,
        end: edition.endDate,
        daysCount: dates.length,
        timeslot_duration: '00:05',
        time_zone_name: edition.timeZone,
        url: absoluteUrl(options, '/program/'),
        tracks: program.tracks.map((track) => ({
          name: track.name[locale],
          slug: track.id,
          color: track.color,
        })),
        rooms: program.rooms.map((room) => ({
          name: room.name[locale],
          slug: room.id,
          guid: roomGuid(room),
          description: room.location?.[locale] ?? '',
          capacity: room.capacity ?? null,
        })),
        days: dates.map((date, dayIndex) =>
          frabDay(
            date,
            dayIndex + 1,
            program.sessions
              .filter((session) => sessionDay(session) === date)
              .map((session) => frabEvent(session, edition, index, options)),
            roomNames,
            edition.timeZone,
          ),
        ),
      },
    },
  };
}

import {
  fixedOffsetMinutes,
  isoOffset,
  sessionEnd,
  sessionGuid,
  sessionStart,
} from '../../../../content/program.ts';
import type { Edition } from '../../../../content/schemas/edition.ts';
import type { Program, Session } from '../../../../content/schemas/program.ts';
import type { Locale } from '../../i18n/locales.ts';
import {
  indexProgram,
  type ProgramIndex,
  type ScheduleOptions,
  sessionNotes,
  sessionUrl,
} from './schedule-context.ts';

export interface CalendarOptions extends ScheduleOptions {
  /**
   * DTSTAMP of every event. RFC 5545 means the time the calendar was made; the caller passes a value
   * fixed by the build input rather than the clock, so the same input builds the same file.
   */
  stamp: Date;
}

const speakersLabel: Record<Locale, string> = { en: 'Speakers:', zh: '演讲嘉宾：' };
/** Between the parts of a place or of a speaker's line: Chinese writes a full-width comma. */
const separator: Record<Locale, string> = { en: ', ', zh: '，' };

// RFC 5545 TEXT allows no control characters but HTAB; newlines are escaped before this applies.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const notTextCharacters = /[\u0000-\u0008\u000a-\u001f\u007f]/g;

/** An RFC 5545 TEXT value: backslash, semicolon, comma and newlines escaped. */
export function escapeText(text: string): string {
  return text
    .replace(/[\\;,]/g, (character) => `\\${character}`)
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(notTextCharacters, '');
}

/**
 * A content line folded as RFC 5545 asks: at most 75 octets of UTF-8 per line, continuation lines
 * starting with a space, never inside a character (a code point; clients rejoin the octets anyway).
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8');
    if (octets + size > 75) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += character;
    octets += size;
  }
  lines.push(current);
  return lines.join('\r\n');
}

/** "20271117T093000": a wall-clock time in the edition's time zone, from an ISO string with offset. */
const localDateTime = (iso: string) => iso.slice(0, 19).replace(/[-:]/g, '');

/** "20271117T013000Z": an instant in UTC. */
const utcDateTime = (instant: Date) => `${instant.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/** Abbreviations Intl does not give (it names China Standard Time "GMT+8"). */
const zoneAbbreviations: Record<string, string> = { 'Asia/Shanghai': 'CST' };

/**
 * How events state their times. A zone with one offset through the conference's years is described
 * by a single STANDARD rule and events keep their wall clock (China has had UTC+8 all year since
 * 1991); a zone with daylight saving time would need all its rules written out, which clients then
 * trust over their own, so events are written in UTC instead and every client shows them right.
 */
function calendarTime(edition: Edition): {
  zoneLines: string[];
  dateTime: (property: string, iso: string) => string;
} {
  const { timeZone } = edition;
  const offset = fixedOffsetMinutes(
    timeZone,
    Number(edition.startDate.slice(0, 4)),
    Number(edition.endDate.slice(0, 4)),
  );
  if (offset === undefined) {
    return { zoneLines: [], dateTime: (property, iso) => `${property}:${utcDateTime(new Date(iso))}` };
  }
  const icalOffset = isoOffset(offset).replace(':', '');
  const abbreviation = zoneAbbreviations[timeZone];
  return {
    zoneLines: [
      'BEGIN:VTIMEZONE',
      `TZID:${timeZone}`,
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      `TZOFFSETFROM:${icalOffset}`,
      `TZOFFSETTO:${icalOffset}`,
      ...(abbreviation ? [`TZNAME:${abbreviation}`] : []),
      'END:STANDARD',
      'END:VTIMEZONE',
    ],
    dateTime: (property, iso) => `${property};TZID=${timeZone}:${localDateTime(iso)}`,
  };
}

function eventLines(
  session: Session,
  edition: Edition,
  index: ProgramIndex,
  options: CalendarOptions,
  dateTime: ReturnType<typeof calendarTime>['dateTime'],
): string[] {
  const { locale } = options;
  const room = index.room(session.room);
  const speakers = session.speakers.map((id) => {
    const speaker = index.speaker(id);
    return [speaker.name[locale], ...(speaker.affiliation ? [speaker.affiliation[locale]] : [])].join(
      separator[locale],
    );
  });
  const description = [
    ...[session.subtitle, session.abstract, session.description].flatMap((text) =>
      text ? [text[locale]] : [],
    ),
    ...sessionNotes(session, locale),
    ...(speakers.length > 0 ? [[speakersLabel[locale], ...speakers].join('\n')] : []),
  ].join('\n\n');
  return [
    'BEGIN:VEVENT',
    // Kept short and unfolded: pages find a session's event by this exact line.
    `UID:${sessionGuid(session)}`,
    `DTSTAMP:${utcDateTime(options.stamp)}`,
    dateTime('DTSTART', sessionStart(session, edition.timeZone)),
    dateTime('DTEND', sessionEnd(session, edition.timeZone)),
    `SUMMARY:${escapeText(session.title[locale])}`,
    `DESCRIPTION:${escapeText(description)}`,
    `LOCATION:${escapeText([room.name[locale], ...(room.location ? [room.location[locale]] : []), edition.venue[locale]].join(separator[locale]))}`,
    `URL:${sessionUrl(options, session)}`,
    ...(session.track ? [`CATEGORIES:${escapeText(index.track(session.track).name[locale])}`] : []),
    'END:VEVENT',
  ];
}

/** An iCalendar (RFC 5545) file of the given sessions of the program, in one language. */
export function sessionsCalendar(
  program: Program,
  edition: Edition,
  sessions: Session[],
  options: CalendarOptions,
): string {
  const index = indexProgram(program);
  const { zoneLines, dateTime } = calendarTime(edition);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//World Internet Conference//Wuzhen portal//${options.locale.toUpperCase()}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(edition.name[options.locale])}`,
    `X-WR-TIMEZONE:${edition.timeZone}`,
    ...zoneLines,
    ...sessions.flatMap((session) => eventLines(session, edition, index, options, dateTime)),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** The whole program as one calendar, for /schedule.ics. */
export function programCalendar(program: Program, edition: Edition, options: CalendarOptions): string {
  return sessionsCalendar(program, edition, program.sessions, options);
}

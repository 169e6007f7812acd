/** What a schedule parser hands the program writer: one shape for every export format. */

/** A file the importer refuses; the message names the file and the item, e.g. a session by its place and guid. */
export class ScheduleImportError extends Error {
  override name = 'ScheduleImportError';
}

export type ScheduleFormat = 'frab-json' | 'schema2-json' | 'frab-xml';

export interface ImportedPerson {
  name: string;
  guid?: string;
  code?: string;
  frabId?: number;
  biography?: string;
}

export interface ImportedLink {
  title: string;
  url: string;
}

export interface ImportedSession {
  /** Required: a session without one is an error. */
  guid: string;
  frabId?: number;
  code?: string;
  url?: string;
  /** Text fields hold plain text: HTML is already reduced. */
  title: string;
  subtitle?: string;
  abstract?: string;
  description?: string;
  /** ISO 8601 instant with its offset, from the event's `date` (schema2: `start`): 2020-12-14T09:00:00+01:00. */
  start: string;
  durationMinutes: number;
  /** A room's name, one of `rooms`. */
  room: string;
  track?: string;
  type?: string;
  language?: string;
  persons: ImportedPerson[];
  links: ImportedLink[];
  recording: { optOut?: boolean; license?: string };
  /** How to find it in the file, for messages: "conference.days[0].rooms['Gray Room'][2]". */
  where: string;
}

export interface ImportedSchedule {
  format: ScheduleFormat;
  version: string;
  baseUrl?: string;
  /** start/end: YYYY-MM-DD; timeZone: the export's time_zone_name when it is a valid IANA zone. */
  conference: {
    title: string;
    acronym?: string;
    start: string;
    end: string;
    timeZone?: string;
    url?: string;
  };
  /** In the export's order. */
  rooms: Array<{ name: string; guid?: string; capacity?: number }>;
  /** color as #rrggbb (lower case) when the export gives one. */
  tracks: Array<{ name: string; color?: string }>;
  sessions: ImportedSession[];
  /** Fields kept out and why, one entry per place and field. */
  skipped: Array<{ where: string; field: string; reason: string }>;
  /** What the parser noticed and did about it, e.g. "time_zone_name says UTC but times carry +01:00". */
  notes: string[];
}

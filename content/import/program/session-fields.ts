import type { ImportedLink, ImportedPerson, ImportedSession } from './imported-schedule.ts';
import {
  instant,
  optionalProse,
  optionalText,
  positiveInteger,
  pretalxCode,
  type ScheduleReading,
  webAddress,
  withOptional,
} from './schedule-reading.ts';

/** A session's fields as a format parser found them; `label` names the session in messages. */
export interface SessionFields {
  guid: unknown;
  frabId?: unknown;
  code?: unknown;
  url?: unknown;
  title: unknown;
  subtitle?: unknown;
  abstract?: unknown;
  description?: unknown;
  start: unknown;
  /** The field the start came from, for messages: `date` or `start`. */
  startField: string;
  minutes: (label: string) => number;
  room: unknown;
  track?: unknown;
  type?: unknown;
  language?: unknown;
  persons: (label: string) => ImportedPerson[];
  links: () => ImportedLink[];
  recording?: { optOut?: boolean; license?: unknown };
}

/**
 * Checks one session in a fixed order (guid first, so every later message can name it). `where` finds
 * it in the file; `scope` names every session's place at once, for the skipped list.
 */
export function sessionFrom(
  reading: ScheduleReading,
  { where, scope }: { where: string; scope: string },
  fields: SessionFields,
  baseUrl: string | undefined,
): ImportedSession {
  const guid = optionalText(fields.guid);
  if (guid === undefined) reading.fail(where, 'a session without a guid');
  const label = `${where} (guid ${guid})`;
  // Titles go through the HTML reduction too: some exports escape them ("Fish &amp; chips").
  const title = optionalProse(fields.title);
  if (title === undefined) reading.fail(label, 'no title');
  const start = instant(reading, label, fields.startField, fields.start);
  const durationMinutes = fields.minutes(label);
  const room = optionalText(fields.room);
  if (room === undefined) reading.fail(label, 'a session without a room');
  const recording: ImportedSession['recording'] = {};
  if (fields.recording?.optOut !== undefined) recording.optOut = fields.recording.optOut;
  const license = optionalText(fields.recording?.license);
  if (license !== undefined) recording.license = license;
  const code = pretalxCode(fields.code) ?? codeInTalkAddress(fields.url);
  if (pretalxCode(fields.code) === undefined && optionalText(fields.code) !== undefined) {
    reading.skip(scope, 'code', 'not a pretalx code ([0-9A-Z]{1,16})');
  }
  return withOptional(
    {
      guid,
      title,
      start,
      durationMinutes,
      room,
      persons: fields.persons(label),
      links: fields.links(),
      recording,
      where,
    } satisfies ImportedSession,
    {
      frabId: positiveInteger(fields.frabId),
      code,
      url: webAddress(fields.url, baseUrl),
      subtitle: optionalProse(fields.subtitle),
      abstract: optionalProse(fields.abstract),
      description: optionalProse(fields.description),
      track: optionalText(fields.track),
      type: optionalText(fields.type),
      language: optionalText(fields.language),
    },
  );
}

/**
 * pretalx's classic schedule.json gives a talk's code only inside its address (".../talk/G9JGWY/"), and
 * the code is what new ids fall back to and what apps that know pretalx match on.
 */
function codeInTalkAddress(url: unknown): string | undefined {
  const [, code] = /\/talk\/([0-9A-Z]{1,16})\/?$/.exec(optionalText(url) ?? '') ?? [];
  return pretalxCode(code);
}

/** A yes/no as JSON or XML writes it (true, "true", "True", "1"), or undefined. */
export function yesNo(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = optionalText(value)?.toLowerCase();
  if (text === 'true' || text === '1' || text === 'yes') return true;
  if (text === 'false' || text === '0' || text === 'no') return false;
  return undefined;
}

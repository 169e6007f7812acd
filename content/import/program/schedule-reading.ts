import {
  type ImportedLink,
  type ImportedPerson,
  type ImportedSchedule,
  type ImportedSession,
  ScheduleImportError,
} from './imported-schedule.ts';
import { reduceHtml } from './reduce-html.ts';

/** What a field is to the portal: used (null), or known and left out for the reason given. */
export type KnownFields = Record<string, string | null>;

/** A value worth reporting as skipped: not null, not blank, not an empty list or object. */
function hasContent(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The state of one parse: the file's name for messages, the skipped fields (one entry per place and
 * field, counted) and the notes. Every format parser reads through it, so messages read alike.
 */
export class ScheduleReading {
  readonly fileName: string;
  readonly notes: string[] = [];
  readonly #skipped = new Map<string, { where: string; field: string; reason: string; count: number }>();

  constructor(fileName: string) {
    this.fileName = fileName;
  }

  /** Throws the import error: "democon.json: conference.days[1].rooms['Gray Room'][3] (guid …): persons[0]: …". */
  fail(where: string, problem: string): never {
    throw new ScheduleImportError(`${this.fileName}: ${where}: ${problem}`);
  }

  skip(where: string, field: string, reason: string): void {
    const key = `${where}\u0000${field}`;
    const entry = this.#skipped.get(key);
    if (entry) entry.count += 1;
    else this.#skipped.set(key, { where, field, reason, count: 1 });
  }

  /** Lists every field of `record` that is not used, with its reason, or as unknown to `format`. */
  skipFields(where: string, record: Record<string, unknown>, known: KnownFields, format: string): void {
    for (const [field, value] of Object.entries(record)) {
      const reason = Object.hasOwn(known, field)
        ? known[field]
        : `not a field of ${format} the importer knows`;
      if (reason !== null && reason !== undefined && hasContent(value)) this.skip(where, field, reason);
    }
  }

  skipped(): ImportedSchedule['skipped'] {
    return [...this.#skipped.values()].map(({ where, field, reason, count }) => ({
      where,
      field,
      reason: count > 1 ? `${reason} (${count} times)` : reason,
    }));
  }
}

/** A trimmed non-empty string, or undefined; numbers become their decimal text. */
export function optionalText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' ? undefined : text;
}

/** The first of `values` that is a non-blank text: exports leave `name` empty and fill `public_name`. */
export function firstText(...values: unknown[]): string | undefined {
  for (const value of values) {
    const text = optionalText(value);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** A text that may hold HTML, reduced to plain text; undefined when nothing readable is left. */
export function optionalProse(value: unknown): string | undefined {
  const text = optionalText(value);
  if (text === undefined) return undefined;
  return optionalText(reduceHtml(text));
}

const instantPattern = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An ISO 8601 instant with its offset, written back as YYYY-MM-DDTHH:MM:SS±HH:MM (Z as +00:00). A time
 * without an offset is refused: the wall clock alone does not say when a session starts.
 */
export function instant(reading: ScheduleReading, where: string, field: string, value: unknown): string {
  const text = optionalText(value);
  if (text === undefined) reading.fail(where, `no start (${field})`);
  const [, date = '', time = '', seconds = '00', zone = 'Z'] = instantPattern.exec(text) ?? [];
  const offset = zone === 'Z' ? '+00:00' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const written = `${date}T${time}:${seconds}${offset}`;
  const [hours = 99, minutes = 99] = time.split(':').map(Number);
  // Date.parse rolls 2020-02-30 over to March; a real date reads back as itself.
  const day = new Date(`${date}T00:00:00Z`);
  const real =
    !Number.isNaN(day.getTime()) &&
    day.toISOString().startsWith(date) &&
    hours < 24 &&
    minutes < 60 &&
    Number(seconds) < 60 &&
    !Number.isNaN(Date.parse(written));
  if (!real) {
    reading.fail(
      where,
      `${field} "${text}" is not a date and time with an offset (2020-12-14T09:00:00+01:00)`,
    );
  }
  return written;
}

/**
 * Minutes of a frab duration: "HH:MM"; "HH:MM:SS" (the XSD's, hours zero-padded to two digits);
 * "D:HH:MM", which pretalx writes for a day or more with the days unpadded ("1:02:30"), so three parts
 * read as days first when the first has one digit; or ISO 8601 as schema2 writes it ("PT1H30M").
 */
export function durationMinutes(text: string): number | undefined {
  const two = /^(\d{1,3}):([0-5]\d)$/.exec(text);
  if (two) return Number(two[1]) * 60 + Number(two[2]);
  const days = /^(\d):([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (days) return Number(days[1]) * 1440 + Number(days[2]) * 60 + Number(days[3]);
  const seconds = /^(\d\d):([0-5]\d):([0-5]\d)$/.exec(text);
  if (seconds) return Number(seconds[1]) * 60 + Number(seconds[2]) + Number(seconds[3]) / 60;
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (iso && text !== 'P' && !text.endsWith('T')) {
    const [, d = '0', h = '0', m = '0', s = '0'] = iso;
    return Number(d) * 1440 + Number(h) * 60 + Number(m) + Number(s) / 60;
  }
  return undefined;
}

/** The portal's sessions last 1 to 1440 whole minutes; part of a minute counts as a minute. */
export function sessionMinutes(
  reading: ScheduleReading,
  where: string,
  field: string,
  value: unknown,
): number {
  const text = optionalText(value);
  if (text === undefined) reading.fail(where, `no ${field}`);
  const minutes = durationMinutes(text);
  if (minutes === undefined)
    reading.fail(where, `${field} "${text}" is not a duration (HH:MM, HH:MM:SS, D:HH:MM or PT1H30M)`);
  return wholeMinutes(reading, where, field, minutes);
}

export function wholeMinutes(
  reading: ScheduleReading,
  where: string,
  field: string,
  minutes: number,
): number {
  if (minutes <= 0) reading.fail(where, `${field} of ${minutes} minutes: a session lasts at least a minute`);
  if (minutes > 1440)
    reading.fail(where, `${field} of ${minutes} minutes: the portal's sessions last a day at most`);
  if (!Number.isInteger(minutes))
    reading.skip('sessions', 'seconds of a duration', 'rounded up to a whole minute');
  return Math.ceil(minutes);
}

/** A positive integer id (frab's `id`), from a number or its decimal text. */
export function positiveInteger(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? number : undefined;
}

/** pretalx codes, as the content schema keeps them. */
export function pretalxCode(value: unknown): string | undefined {
  const code = optionalText(value);
  return code !== undefined && /^[0-9A-Z]{1,16}$/.test(code) ? code : undefined;
}

/** An http(s) address, relative ones resolved against the schedule's base URL when it has one. */
export function webAddress(value: unknown, baseUrl: string | undefined): string | undefined {
  const text = optionalText(value);
  if (text === undefined) return undefined;
  try {
    const url = new URL(text, baseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function person(
  reading: ScheduleReading,
  { where, scope }: { where: string; scope: string },
  fields: { name: unknown; guid?: unknown; code?: unknown; frabId?: unknown; biography?: unknown },
): ImportedPerson {
  const name = optionalText(fields.name);
  if (name === undefined) reading.fail(where, 'a speaker without a name');
  const result: ImportedPerson = { name };
  const guid = optionalText(fields.guid);
  if (guid !== undefined) result.guid = guid;
  const code = pretalxCode(fields.code);
  if (code !== undefined) result.code = code;
  else if (optionalText(fields.code) !== undefined)
    reading.skip(scope, 'code', 'not a pretalx code ([0-9A-Z]{1,16})');
  const frabId = positiveInteger(fields.frabId);
  if (frabId !== undefined) result.frabId = frabId;
  const biography = optionalProse(fields.biography);
  if (biography !== undefined) result.biography = biography;
  return result;
}

/**
 * The links the pages can show: http(s) only, relative ones resolved against the base URL; a title
 * falls back to the link's type, then its address. Others are listed as skipped under `scope`.
 */
export function links(
  reading: ScheduleReading,
  scope: string,
  entries: Array<{ url: unknown; title?: unknown; type?: unknown }>,
  baseUrl: string | undefined,
): ImportedLink[] {
  const found: ImportedLink[] = [];
  for (const entry of entries) {
    const url = webAddress(entry.url, baseUrl);
    if (url === undefined) reading.skip(scope, 'url', 'not an http(s) address');
    else found.push({ title: optionalText(entry.title) ?? optionalText(entry.type) ?? url, url });
  }
  return found;
}

/** A colour as #rrggbb in lower case (#rgb is widened), or undefined. */
export function hexColor(value: unknown): string | undefined {
  const text = optionalText(value)?.toLowerCase();
  if (text === undefined) return undefined;
  if (/^#[0-9a-f]{6}$/.test(text)) return text;
  if (/^#[0-9a-f]{3}$/.test(text)) return `#${[...text.slice(1)].map((digit) => digit + digit).join('')}`;
  return undefined;
}

/** The optional parts of a session, written only when present so the writer sees no undefined keys. */
export function withOptional<T extends object>(
  base: T,
  optional: Partial<Record<keyof ImportedSession, unknown>>,
): T {
  const result = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) result[key] = value;
  return result as T;
}

import * as z from 'zod/mini';
import { localizedText } from './localized.ts';

/**
 * Ids become URL slugs and frab slugs, which conference apps match with `^[a-z0-9_-]+[a-z0-9]$`:
 * ASCII only, at least two characters, ending in a letter or digit.
 */
export const programId = z
  .string()
  .check(
    z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case ASCII letters, digits and single hyphens'),
    z.minLength(2),
    z.maxLength(60),
  );

/**
 * Text in both languages, or one plain string meaning "as given, not translated" (what an importer
 * writes): the string stands for both languages, so every page keeps reading `{ en, zh }`.
 */
export const programText = z.pipe(
  z.union([localizedText, z.string().check(z.trim(), z.minLength(1))]),
  z.transform((value) => (typeof value === 'string' ? { en: value, zh: value } : value)),
);

export const sessionTypes = ['keynote', 'talk', 'panel', 'forum', 'workshop', 'ceremony'] as const;
export type SessionType = (typeof sessionTypes)[number];

/** The languages the portal itself is written in; a session may be held in any other. */
export const sessionLanguages = ['en', 'zh'] as const;
export type SessionLanguage = (typeof sessionLanguages)[number];
export const isPortalLanguage = (tag: string): tag is SessionLanguage =>
  (sessionLanguages as readonly string[]).includes(tag);

/** A BCP 47 language tag ("en", "zh", "de", "pt-BR"), kept in its canonical spelling. */
export const languageTag = z.pipe(
  z.string().check(
    z.refine((value) => {
      try {
        return Intl.getCanonicalLocales(value).length === 1;
      } catch {
        return false;
      }
    }, 'a BCP 47 language tag such as "en", "zh" or "pt-BR"'),
  ),
  z.transform((value) => Intl.getCanonicalLocales(value)[0] ?? value),
);

/** Kept from an imported schedule, so exports and re-imports name the same thing the same way. */
const importedGuid = z.optional(z.guid());
const pretalxCodeField = z.optional(
  z.string().check(z.regex(/^[0-9A-Z]{1,16}$/, 'a pretalx code: [0-9A-Z]{1,16}')),
);
const frabIdField = z.optional(z.number().check(z.int(), z.positive()));
const webAddress = z.url({ protocol: /^https?$/, error: 'an http:// or https:// address' });

export const roomSchema = z.strictObject({
  id: programId,
  guid: importedGuid,
  name: programText,
  /** Where in the convention center, so a first-time visitor finds it (imports seldom say). */
  location: z.optional(programText),
  capacity: z.optional(z.number().check(z.int(), z.positive())),
});

export const trackSchema = z.strictObject({
  id: programId,
  name: programText,
  color: z.string().check(z.regex(/^#[0-9a-f]{6}$/, 'a colour written #rrggbb in lower case')),
});

export const speakerSchema = z.strictObject({
  id: programId,
  guid: importedGuid,
  code: pretalxCodeField,
  frabId: frabIdField,
  name: programText,
  affiliation: z.optional(programText),
  bio: z.optional(programText),
  links: z._default(
    z.array(
      z.strictObject({
        title: programText,
        url: z.url({ protocol: /^https$/, error: 'an https:// address' }),
      }),
    ),
    [],
  ),
  /** An invented placeholder, shown as such: never a real person's name on an invented talk. */
  sample: z._default(z.boolean(), false),
});

/** "2027-11-17 09:30": a wall-clock time in the edition's time zone. */
export const localDateTime = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, 'write the local time as "YYYY-MM-DD HH:MM"'),
  z.refine((value) => {
    const [date = '', time = ''] = value.split(' ');
    const [hours = 99, minutes = 99] = time.split(':').map(Number);
    const day = new Date(`${date}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(date) && hours < 24 && minutes < 60;
  }, 'not a real date and time'),
);

export const sessionSchema = z.strictObject({
  id: programId,
  /** Kept from an import; a session that has one was imported (the checks are milder on those). */
  guid: importedGuid,
  code: pretalxCodeField,
  frabId: frabIdField,
  title: programText,
  subtitle: z.optional(programText),
  /** Plain text, blank lines between paragraphs. */
  abstract: z.optional(programText),
  description: z.optional(programText),
  type: z.enum(sessionTypes),
  /** The export's own name for the type, when it says more than `type` ("Lightning talk"). */
  typeName: z.optional(programText),
  language: languageTag,
  /** Simultaneous interpretation into the other language. */
  interpretation: z._default(z.boolean(), false),
  room: programId,
  track: z.optional(programId),
  start: localDateTime,
  /**
   * Minutes. Hand-written sessions keep to steps of five up to eight hours (the program checks say
   * so); an import keeps what the schedule says.
   */
  duration: z.number().check(z.int(), z.gte(1), z.lte(24 * 60)),
  speakers: z._default(z.array(programId), []),
  links: z.optional(z.array(z.strictObject({ title: programText, url: webAddress }))),
  recording: z.optional(
    z.strictObject({
      optOut: z.optional(z.boolean()),
      license: z.optional(z.string().check(z.trim(), z.minLength(1))),
    }),
  ),
  /** The session's page at the source the program was imported from. */
  url: z.optional(webAddress),
});

/** Where an imported program came from (written by the importer only). */
export const programSourceSchema = z.strictObject({
  format: z.enum(['frab-json', 'schema2-json', 'frab-xml']),
  /** The imported file's name, without directories. */
  file: z.string().check(z.regex(/^[^/\\]+$/, 'a file name without directories')),
  /** The schedule's own version string. */
  version: z.string(),
  baseUrl: z.optional(webAddress),
});

export type Room = z.infer<typeof roomSchema>;
export type Track = z.infer<typeof trackSchema>;
export type Speaker = z.infer<typeof speakerSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type ProgramSource = z.infer<typeof programSourceSchema>;

/** The conference program: everything the program pages and the schedule exports are made from. */
export const programSchema = z.strictObject({
  rooms: z.array(roomSchema),
  tracks: z.array(trackSchema),
  speakers: z.array(speakerSchema),
  /** In order of start, then of room as the rooms are listed. */
  sessions: z.array(sessionSchema),
  source: z.optional(programSourceSchema),
});

export type Program = z.infer<typeof programSchema>;

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

export const sessionTypes = ['keynote', 'talk', 'panel', 'forum', 'workshop', 'ceremony'] as const;
export type SessionType = (typeof sessionTypes)[number];

/** The language a session is held in; the other one is interpreted where `interpretation` says so. */
export const sessionLanguages = ['en', 'zh'] as const;
export type SessionLanguage = (typeof sessionLanguages)[number];

export const roomSchema = z.strictObject({
  id: programId,
  name: localizedText,
  /** Where in the convention center, so a first-time visitor finds it. */
  location: localizedText,
  capacity: z.optional(z.number().check(z.int(), z.positive())),
});

export const trackSchema = z.strictObject({
  id: programId,
  name: localizedText,
  color: z.string().check(z.regex(/^#[0-9a-f]{6}$/, 'a colour written #rrggbb in lower case')),
});

export const speakerSchema = z.strictObject({
  id: programId,
  name: localizedText,
  affiliation: localizedText,
  bio: localizedText,
  links: z._default(
    z.array(
      z.strictObject({
        title: localizedText,
        url: z.url({ protocol: /^https$/, error: 'an https:// address' }),
      }),
    ),
    [],
  ),
  /** An invented placeholder, shown as such: never a real person's name on an invented talk. */
  sample: z._default(z.boolean(), false),
});

/** "2027-11-17 09:30": a wall-clock time in the conference's time zone (Asia/Shanghai). */
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
  title: localizedText,
  abstract: localizedText,
  type: z.enum(sessionTypes),
  language: z.enum(sessionLanguages),
  /** Simultaneous interpretation into the other language. */
  interpretation: z._default(z.boolean(), false),
  room: programId,
  track: programId,
  start: localDateTime,
  /** Minutes, in steps of five: the program grid's time slot. */
  duration: z.number().check(z.int(), z.gte(5), z.lte(8 * 60), z.multipleOf(5, 'in steps of 5 minutes')),
  speakers: z._default(z.array(programId), []),
});

export type Room = z.infer<typeof roomSchema>;
export type Track = z.infer<typeof trackSchema>;
export type Speaker = z.infer<typeof speakerSchema>;
export type Session = z.infer<typeof sessionSchema>;

/** The conference program: everything the program pages and the schedule exports are made from. */
export const programSchema = z.strictObject({
  rooms: z.array(roomSchema),
  tracks: z.array(trackSchema),
  speakers: z.array(speakerSchema),
  /** In order of start, then of room as the rooms are listed. */
  sessions: z.array(sessionSchema),
});

export type Program = z.infer<typeof programSchema>;

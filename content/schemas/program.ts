import * as z from 'zod';
import { localizedText } from './localized.ts';

/**
 * Ids become URL slugs and frab slugs, which conference apps match with `^[a-z0-9_-]+[a-z0-9]$`:
 * ASCII only, at least two characters, ending in a letter or digit.
 */
export const programId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case ASCII letters, digits and single hyphens')
  .min(2)
  .max(60);

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
  capacity: z.number().int().positive().optional(),
});

export const trackSchema = z.strictObject({
  id: programId,
  name: localizedText,
  color: z.string().regex(/^#[0-9a-f]{6}$/, 'a colour written #rrggbb in lower case'),
});

export const speakerSchema = z.strictObject({
  id: programId,
  name: localizedText,
  affiliation: localizedText,
  bio: localizedText,
  links: z
    .array(
      z.strictObject({
        title: localizedText,
        url: z.url({ protocol: /^https$/, error: 'an https:// address' }),
      }),
    )
    .default([]),
  /** An invented placeholder, shown as such: never a real person's name on an invented talk. */
  sample: z.boolean().default(false),
});

/** "2027-11-17 09:30": a wall-clock time in the conference's time zone (Asia/Shanghai). */
export const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, 'write the local time as "YYYY-MM-DD HH:MM"')
  .refine((value) => {
    const [date = '', time = ''] = value.split(' ');
    const [hours = 99, minutes = 99] = time.split(':').map(Number);
    const day = new Date(`${date}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(date) && hours < 24 && minutes < 60;
  }, 'not a real date and time');

export const sessionSchema = z.strictObject({
  id: programId,
  title: localizedText,
  abstract: localizedText,
  type: z.enum(sessionTypes),
  language: z.enum(sessionLanguages),
  /** Simultaneous interpretation into the other language. */
  interpretation: z.boolean().default(false),
  room: programId,
  track: programId,
  start: localDateTime,
  /** Minutes, in steps of five: the program grid's time slot. */
  duration: z
    .number()
    .int()
    .min(5)
    .max(8 * 60)
    .multipleOf(5, 'in steps of 5 minutes'),
  speakers: z.array(programId).default([]),
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

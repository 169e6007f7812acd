import { createHash } from 'node:crypto';
import type { Edition } from '../../../../content/schemas/edition.ts';
import {
  isPortalLanguage,
  type Program,
  type Room,
  type Session,
  type SessionLanguage,
  type Speaker,
  type Track,
} from '../../../../content/schemas/program.ts';
import { type Locale, localizedPath } from '../../i18n/locales.ts';

/** What every export needs besides the program: the language of its text and where the site lives. */
export interface ScheduleOptions {
  locale: Locale;
  /** The site's origin, e.g. "https://wuzhen.example.org"; every URL in an export is absolute. */
  siteUrl: string | URL;
}

export function absoluteUrl(options: ScheduleOptions, path: string): string {
  return new URL(localizedPath(options.locale, path), options.siteUrl).href;
}

export const sessionUrl = (options: ScheduleOptions, session: Pick<Session, 'id'>) =>
  absoluteUrl(options, `/program/${session.id}/`);

export const speakerUrl = (options: ScheduleOptions, speaker: Pick<Speaker, 'id'>) =>
  absoluteUrl(options, `/speakers/${speaker.id}/`);

/**
 * The conference's short name in frab's form, "wicwuzhen2027": lower-case ASCII as both the JSON
 * schema (`^[a-z0-9_-][a-z0-9_]{3,}…`) and the XSD (`[a-z0-9_-]{4,}`) require.
 */
export function conferenceAcronym(edition: Pick<Edition, 'id'>): string {
  return `wicwuzhen${edition.id}`;
}

/**
 * "wicwuzhen2027-opening-ceremony": unique across conferences, ASCII because session ids are, and
 * long enough for the XSD's `[a-z0-9_]{4,}-[a-z0-9\-_]{4,}` because session ids have four characters
 * or more (content/program-checks.ts).
 */
export function sessionSlug(edition: Pick<Edition, 'id'>, session: Pick<Session, 'id'>): string {
  return `${conferenceAcronym(edition)}-${session.id}`;
}

/**
 * The schedule's version: a digest of everything the exports are made from, the same in both
 * languages, so apps that compare versions reload exactly when something changed.
 */
export function scheduleVersion(program: Program, edition: Edition): string {
  return createHash('sha256').update(JSON.stringify({ program, edition })).digest('hex').slice(0, 12);
}

/** Every day of the edition, "2027-11-17" onwards, including days without sessions. */
export function conferenceDates(edition: Pick<Edition, 'startDate' | 'endDate'>): string[] {
  const dates: string[] = [];
  for (
    let day = new Date(`${edition.startDate}T00:00:00Z`);
    day.toISOString().slice(0, 10) <= edition.endDate;
    day = new Date(day.getTime() + 86_400_000)
  ) {
    dates.push(day.toISOString().slice(0, 10));
  }
  return dates;
}

/** The rooms, tracks and speakers of a program by id; the loader guarantees every reference resolves. */
export interface ProgramIndex {
  room(id: string): Room;
  track(id: string): Track;
  speaker(id: string): Speaker;
}

function lookup<T extends { id: string }>(kind: string, items: T[]): (id: string) => T {
  const byId = new Map(items.map((item) => [item.id, item]));
  return (id) => {
    const item = byId.get(id);
    if (!item) throw new Error(`the program has no ${kind} "${id}"`);
    return item;
  };
}

export function indexProgram(program: Program): ProgramIndex {
  return {
    room: lookup('room', program.rooms),
    track: lookup('track', program.tracks),
    speaker: lookup('speaker', program.speakers),
  };
}

const interpretationNote: Record<Locale, Record<SessionLanguage, string>> = {
  en: {
    en: 'Held in English, with simultaneous interpretation into Chinese.',
    zh: 'Held in Chinese, with simultaneous interpretation into English.',
  },
  zh: {
    en: '英文进行，提供中文同声传译。',
    zh: '中文进行，提供英文同声传译。',
  },
};

/** What a visitor should know beyond the abstract, one paragraph each (none for most sessions). */
export function sessionNotes(session: Session, locale: Locale): string[] {
  // Interpretation is into the portal's other language, so it is only spoken of for en and zh.
  return session.interpretation && isPortalLanguage(session.language)
    ? [interpretationNote[locale][session.language]]
    : [];
}

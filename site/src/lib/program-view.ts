import { overlapsBy, sessionDay, sessionEnd, sessionGuid, sessionStart } from '../../../content/program.ts';
import type { Edition } from '../../../content/schemas/edition.ts';
import {
  type Program,
  type Room,
  type Session,
  type Speaker,
  sessionLanguages,
  type Track,
} from '../../../content/schemas/program.ts';
import { intlLocale, type Locale } from '../i18n/locales.ts';

/** The program with its references resolved, as the program, session and speaker pages show it. */
export interface ProgramView {
  program: Program;
  /** The edition's time zone: session times are wall-clock times there. */
  timeZone: string;
  /** The edition's program is invented for illustration, and the pages say so. */
  sample: boolean;
  room(id: string): Room;
  track(id: string): Track;
  speaker(id: string): Speaker;
  /** The sessions at the same time as this one in its room, or with one of its speakers. */
  clashes(sessionId: string): SessionClashes;
}

/**
 * What an imported schedule may hold and the pages show as it is: hand-written programs never get
 * here, the program checks refuse them.
 */
export interface SessionClashes {
  sameRoom: Session[];
  sameSpeakers: Array<{ session: Session; speakers: Speaker[] }>;
}

export function programView(program: Program, edition: Pick<Edition, 'timeZone' | 'sample'>): ProgramView {
  const { timeZone, sample } = edition;
  const find = <T extends { id: string }>(items: T[]) => {
    const byId = new Map(items.map((item) => [item.id, item]));
    // The content loader has checked every reference, so a miss is a bug worth failing the build on.
    return (id: string): T => {
      const item = byId.get(id);
      if (!item) throw new Error(`unknown program id ${id}`);
      return item;
    };
  };
  const speaker = find(program.speakers);
  const entries = program.sessions.map((session) => ({ session }));
  const clashes = new Map<string, SessionClashes>();
  const of = (id: string) => {
    const found = clashes.get(id) ?? { sameRoom: [], sameSpeakers: [] };
    clashes.set(id, found);
    return found;
  };
  for (const [a, b] of overlapsBy(entries, timeZone, ({ session }) => [session.room])) {
    of(a.session.id).sameRoom.push(b.session);
    of(b.session.id).sameRoom.push(a.session);
  }
  // One line per other session, naming every speaker the two share.
  for (const [a, b, shared] of overlapsBy(entries, timeZone, ({ session }) => session.speakers)) {
    for (const [one, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const list = of(one.session.id).sameSpeakers;
      const line = list.find((each) => each.session === other.session);
      if (line) line.speakers.push(speaker(shared));
      else list.push({ session: other.session, speakers: [speaker(shared)] });
    }
  }
  return {
    program,
    timeZone,
    sample,
    room: find(program.rooms),
    track: find(program.tracks),
    speaker,
    clashes: (sessionId) => clashes.get(sessionId) ?? { sameRoom: [], sameSpeakers: [] },
  };
}

/**
 * The languages a session can be followed in: its own, and with interpretation the portal's two
 * (into the other one, or into both from a third language).
 */
export const followedIn = (session: Session): string[] =>
  session.interpretation ? [...new Set([...sessionLanguages, session.language])] : [session.language];

/** Every language the program can be followed in: the portal's two first, then the others. */
export function programLanguages(program: Program): string[] {
  const used = new Set(program.sessions.flatMap(followedIn));
  return [...sessionLanguages, ...[...used].sort()].filter(
    (language, index, all) => used.has(language) && all.indexOf(language) === index,
  );
}

/** Items grouped by a key, in the order the keys first appear. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups];
}

/** Sessions, already in program order, by conference day. */
export const sessionsByDay = (sessions: readonly Session[]) => groupBy(sessions, sessionDay);

/** Speakers in the alphabetical order of the page's language (pinyin order in Chinese). */
export function speakersInOrder(speakers: readonly Speaker[], locale: Locale): Speaker[] {
  const collator = new Intl.Collator(intlLocale[locale]);
  return [...speakers].sort((a, b) => collator.compare(a.name[locale], b.name[locale]));
}

/** The sessions a speaker speaks in, in program order. */
export const sessionsOf = (view: ProgramView, speakerId: string) =>
  view.program.sessions.filter((session) => session.speakers.includes(speakerId));

/**
 * What the agenda page needs of each session to draw the reader's starred sessions: short keys,
 * because the whole program travels in the page.
 */
export function agendaEntries(view: ProgramView, locale: Locale) {
  return view.program.sessions.map((session) => ({
    id: session.id,
    uid: sessionGuid(session),
    title: session.title[locale],
    start: sessionStart(session, view.timeZone),
    end: sessionEnd(session, view.timeZone),
    room: view.room(session.room).name[locale],
  }));
}

export type AgendaEntry = ReturnType<typeof agendaEntries>[number];

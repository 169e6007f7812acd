import { sessionDay, sessionEnd, sessionGuid, sessionStart } from '../../../content/program.ts';
import type { Program, Room, Session, Speaker, Track } from '../../../content/schemas/program.ts';
import { intlLocale, type Locale } from '../i18n/locales.ts';

/** The program with its references resolved, as the program, session and speaker pages show it. */
export interface ProgramView {
  program: Program;
  /** The edition's time zone: session times are wall-clock times there. */
  timeZone: string;
  room(id: string): Room;
  track(id: string): Track;
  speaker(id: string): Speaker;
}

export function programView(program: Program, timeZone: string): ProgramView {
  const find = <T extends { id: string }>(items: T[]) => {
    const byId = new Map(items.map((item) => [item.id, item]));
    // The content loader has checked every reference, so a miss is a bug worth failing the build on.
    return (id: string): T => {
      const item = byId.get(id);
      if (!item) throw new Error(`unknown program id ${id}`);
      return item;
    };
  };
  return {
    program,
    timeZone,
    room: find(program.rooms),
    track: find(program.tracks),
    speaker: find(program.speakers),
  };
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

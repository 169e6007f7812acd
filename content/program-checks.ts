import { frabNumber, sessionDay, sessionEnd, sessionStart } from './program.ts';
import type { Edition } from './schemas/edition.ts';
import type { Room, Session, Track } from './schemas/program.ts';

interface ProgramDraft {
  rooms: Room[];
  tracks: Track[];
  speakerIds: string[];
  /** Each session with the file it was written in, so a problem points at the file to fix. */
  sessions: Array<{ file: string; session: Session }>;
  edition: Edition;
}

function duplicates(ids: string[]): string[] {
  return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
}

/** Pairs of sessions that share something (a room, a speaker) and overlap in time. */
function overlaps(
  sessions: ProgramDraft['sessions'],
  sharedBy: (session: Session) => string[],
): Array<[ProgramDraft['sessions'][number], ProgramDraft['sessions'][number], string]> {
  const byKey = new Map<string, ProgramDraft['sessions']>();
  for (const entry of sessions) {
    // A speaker listed twice in one session is reported as such, not as a clash with itself.
    for (const key of new Set(sharedBy(entry.session))) byKey.set(key, [...(byKey.get(key) ?? []), entry]);
  }
  const found: Array<[ProgramDraft['sessions'][number], ProgramDraft['sessions'][number], string]> = [];
  for (const [key, entries] of byKey) {
    const ordered = [...entries].sort((a, b) => a.session.start.localeCompare(b.session.start));
    // Every earlier session, not just the previous one: a long session can overlap several that
    // follow it without those overlapping each other.
    for (const [index, later] of ordered.entries()) {
      for (const earlier of ordered.slice(0, index)) {
        if (Date.parse(sessionStart(later.session)) < Date.parse(sessionEnd(earlier.session))) {
          found.push([earlier, later, key]);
        }
      }
    }
  }
  return found;
}

const at = ({ file, session }: ProgramDraft['sessions'][number]) => `${file}: ${session.id}`;
const span = (session: Session) => `${session.start}–${sessionEnd(session).slice(11, 16)}`;

/** Everything wrong with a program as a whole, one readable line per problem. */
export function programProblems({ rooms, tracks, speakerIds, sessions, edition }: ProgramDraft): string[] {
  const problems: string[] = [];
  for (const [kind, ids] of [
    ['room', rooms.map(({ id }) => id)],
    ['track', tracks.map(({ id }) => id)],
  ] as const) {
    for (const id of duplicates(ids)) problems.push(`${kind} id "${id}" is used more than once`);
  }
  // Sessions are spread over several files: name the ones to look in.
  for (const id of duplicates(sessions.map(({ session }) => session.id))) {
    const files = [...new Set(sessions.filter(({ session }) => session.id === id).map(({ file }) => file))];
    problems.push(`${files.join(', ')}: session id "${id}" is used more than once`);
  }
  // The schedule exports key a day's rooms by name, so two rooms with one name would merge.
  for (const locale of ['en', 'zh'] as const) {
    for (const name of duplicates(rooms.map((room) => room.name[locale]))) {
      problems.push(`room name "${name}" is used more than once`);
    }
  }
  // frab's XML schema wants at least four characters after the conference in a slug (wicwuzhen2027-<id>).
  for (const entry of sessions) {
    if (entry.session.id.length < 4) {
      problems.push(`${at(entry)}: id: session ids need at least four characters for the frab schedule`);
    }
  }
  const numbers = new Map<number, string>();
  for (const { session } of sessions) {
    const number = frabNumber('session', session.id);
    const other = numbers.get(number);
    // A repeated id derives the same number too; that mistake is reported above already.
    if (other && other !== session.id)
      problems.push(`sessions "${other}" and "${session.id}" derive the same frab id; rename one`);
    numbers.set(number, session.id);
  }

  const roomIds = new Set(rooms.map(({ id }) => id));
  const trackIds = new Set(tracks.map(({ id }) => id));
  const speakers = new Set(speakerIds);
  for (const entry of sessions) {
    const { session } = entry;
    if (!roomIds.has(session.room))
      problems.push(`${at(entry)}: room: "${session.room}" is not a room in rooms.yaml`);
    if (!trackIds.has(session.track)) {
      problems.push(`${at(entry)}: track: "${session.track}" is not a track in tracks.yaml`);
    }
    for (const speaker of session.speakers) {
      if (!speakers.has(speaker))
        problems.push(`${at(entry)}: speakers: "${speaker}" has no file in speakers/`);
    }
    for (const speaker of duplicates(session.speakers)) {
      problems.push(`${at(entry)}: speakers: "${speaker}" is listed twice`);
    }
    const day = sessionDay(session);
    if (day < edition.startDate || day > edition.endDate) {
      problems.push(
        `${at(entry)}: start: ${session.start} is outside the conference (${edition.startDate} to ${edition.endDate})`,
      );
    } else if (sessionDay({ start: sessionEnd(session).replace('T', ' ') }) !== day) {
      problems.push(`${at(entry)}: duration: ${span(session)} runs past midnight`);
    }
  }

  for (const [earlier, later, room] of overlaps(sessions, ({ room }) => [room])) {
    problems.push(
      `${at(later)}: room "${room}" is double-booked: ${span(later.session)} overlaps "${earlier.session.id}" (${span(earlier.session)})`,
    );
  }
  for (const [earlier, later, speaker] of overlaps(sessions, ({ speakers }) => speakers)) {
    problems.push(
      `${at(later)}: speaker "${speaker}" is in two places at once: ${span(later.session)} overlaps "${earlier.session.id}" (${span(earlier.session)})`,
    );
  }
  return problems;
}

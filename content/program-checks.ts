import { frabIdOf, overlapsBy, sessionEnd, sessionEndDay, startExists } from './program.ts';
import type { Edition } from './schemas/edition.ts';
import type { Room, Session, Track } from './schemas/program.ts';

interface ProgramDraft {
  rooms: Room[];
  tracks: Track[];
  speakerIds: string[];
  /** Each session with the file it was written in, so a problem points at the file to fix. */
  sessions: Array<{ file: string; session: Session }>;
  edition: Pick<Edition, 'startDate' | 'endDate' | 'timeZone'>;
}

type Entry = ProgramDraft['sessions'][number];

/**
 * Errors stop the build. Warnings are facts of an imported schedule the portal shows as they are
 * (a room booked twice, a session past midnight): the organizer's tool allowed them, and refusing
 * them would leave the portal without the real program.
 */
export interface ProgramProblems {
  errors: string[];
  warnings: string[];
}

function duplicates(ids: string[]): string[] {
  return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
}

/** A session with a `guid` came from an import. */
const imported = (...entries: Entry[]) => entries.every(({ session }) => session.guid !== undefined);

const at = ({ file, session }: Entry) => `${file}: ${session.id}`;

/** The grid hand-written sessions keep to: five-minute steps, five minutes to eight hours. */
const onTheGrid = (duration: number) => duration % 5 === 0 && duration >= 5 && duration <= 8 * 60;

/** Everything wrong with a program as a whole, one readable line per problem. */
export function programProblems({
  rooms,
  tracks,
  speakerIds,
  sessions,
  edition,
}: ProgramDraft): ProgramProblems {
  const errors: string[] = [];
  const warnings: string[] = [];
  /** What an import may carry is a warning when every session involved was imported. */
  const tolerated = (entries: Entry[], message: string) =>
    (imported(...entries) ? warnings : errors).push(message);
  const { timeZone } = edition;
  const span = (session: Session) => `${session.start}–${sessionEnd(session, timeZone).slice(11, 16)}`;

  for (const [kind, ids] of [
    ['room', rooms.map(({ id }) => id)],
    ['track', tracks.map(({ id }) => id)],
  ] as const) {
    for (const id of duplicates(ids)) errors.push(`${kind} id "${id}" is used more than once`);
  }
  // Sessions are spread over several files: name the ones to look in.
  for (const id of duplicates(sessions.map(({ session }) => session.id))) {
    const files = [...new Set(sessions.filter(({ session }) => session.id === id).map(({ file }) => file))];
    errors.push(`${files.join(', ')}: session id "${id}" is used more than once`);
  }
  for (const guid of duplicates(sessions.flatMap(({ session }) => session.guid ?? []))) {
    const ids = sessions.filter(({ session }) => session.guid === guid).map(({ session }) => session.id);
    errors.push(`sessions ${ids.map((id) => `"${id}"`).join(', ')} share the guid ${guid}`);
  }
  // The schedule exports key a day's rooms by name, so two rooms with one name would merge.
  for (const locale of ['en', 'zh'] as const) {
    for (const name of duplicates(rooms.map((room) => room.name[locale]))) {
      errors.push(`room name "${name}" is used more than once`);
    }
  }
  // frab's XML schema wants at least four characters after the conference in a slug (wicwuzhen2027-<id>).
  for (const entry of sessions) {
    if (entry.session.id.length < 4) {
      errors.push(`${at(entry)}: id: session ids need at least four characters for the frab schedule`);
    }
  }
  const numbers = new Map<number, string>();
  for (const { session } of sessions) {
    const number = frabIdOf('session', session);
    const other = numbers.get(number);
    // A repeated id derives the same number too; that mistake is reported above already.
    if (other && other !== session.id)
      errors.push(
        `sessions "${other}" and "${session.id}" have the same frab id; rename one or change its frabId`,
      );
    numbers.set(number, session.id);
  }

  const roomIds = new Set(rooms.map(({ id }) => id));
  const trackIds = new Set(tracks.map(({ id }) => id));
  const speakers = new Set(speakerIds);
  for (const entry of sessions) {
    const { session } = entry;
    if (!roomIds.has(session.room))
      errors.push(`${at(entry)}: room: "${session.room}" is not a room in rooms.yaml`);
    if (session.track !== undefined && !trackIds.has(session.track)) {
      errors.push(`${at(entry)}: track: "${session.track}" is not a track in tracks.yaml`);
    }
    for (const speaker of session.speakers) {
      if (!speakers.has(speaker))
        errors.push(`${at(entry)}: speakers: "${speaker}" has no file in speakers/`);
    }
    for (const speaker of duplicates(session.speakers)) {
      errors.push(`${at(entry)}: speakers: "${speaker}" is listed twice`);
    }
    if (!onTheGrid(session.duration)) {
      tolerated(
        [entry],
        `${at(entry)}: duration: ${session.duration} minutes is off the program grid (5 minutes to 8 hours, in steps of 5)`,
      );
    }
    if (!startExists(session, timeZone)) {
      errors.push(`${at(entry)}: start: ${session.start} does not exist in ${timeZone} (the clocks skip it)`);
      continue;
    }
    const day = session.start.slice(0, 10);
    if (day < edition.startDate || day > edition.endDate) {
      errors.push(
        `${at(entry)}: start: ${session.start} is outside the conference (${edition.startDate} to ${edition.endDate})`,
      );
    } else if (sessionEndDay(session, timeZone) !== day) {
      tolerated([entry], `${at(entry)}: duration: ${span(session)} runs past midnight`);
    }
  }

  // A start the clocks skip has no instant to compare; it is reported above.
  const timed = sessions.filter(({ session }) => startExists(session, timeZone));
  for (const [earlier, later, room] of overlapsBy(timed, timeZone, ({ session }) => [session.room])) {
    tolerated(
      [earlier, later],
      `${at(later)}: room "${room}" is double-booked: ${span(later.session)} overlaps "${earlier.session.id}" (${span(earlier.session)})`,
    );
  }
  for (const [earlier, later, speaker] of overlapsBy(timed, timeZone, ({ session }) => session.speakers)) {
    tolerated(
      [earlier, later],
      `${at(later)}: speaker "${speaker}" is in two places at once: ${span(later.session)} overlaps "${earlier.session.id}" (${span(earlier.session)})`,
    );
  }
  return { errors, warnings };
}

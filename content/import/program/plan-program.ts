import { isDeepStrictEqual } from 'node:util';
import { contrastWithWhite } from '../../colour-contrast.ts';
import { frabNumber } from '../../program.ts';
import { newId, shortHash, slugOf } from '../slug.ts';
import { languageTag } from './language-tag.ts';
import { type ImportedSchedule, ScheduleImportError } from './parse-schedule.ts';
import {
  originalText,
  type ProgramDocuments,
  type RoomDocument,
  type SessionDocument,
  type SpeakerDocument,
  type TrackDocument,
  type WrittenText,
} from './program-documents.ts';
import { portalSessionType } from './session-type.ts';
import { unusedTrackColor } from './track-palette.ts';
import { wallClock } from './wall-clock.ts';

export const changeKinds = ['added', 'updated', 'moved', 'renamed', 'unchanged', 'removed'] as const;
export type ChangeKind = (typeof changeKinds)[number];

/** One entity an import touched: its id, its name or title, and for a move or rename what changed. */
export interface EntityChange {
  id: string;
  name: string;
  detail?: string;
}

/** A session both moved and renamed is listed under both; "updated" means changed in other ways only. */
export type EntityChanges = Record<ChangeKind, EntityChange[]>;

export interface ProgramPlan extends ProgramDocuments {
  changes: { sessions: EntityChanges; speakers: EntityChanges; rooms: EntityChanges; tracks: EntityChanges };
  /** What the report tells the editor: shared guids, replaced translations, unreadable languages. */
  notes: string[];
}

type ImportedSession = ImportedSchedule['sessions'][number];
type ImportedPerson = ImportedSession['persons'][number];

const noChanges = (): EntityChanges => ({
  added: [],
  updated: [],
  moved: [],
  renamed: [],
  unchanged: [],
  removed: [],
});

/** The object without its undefined keys, so a document compares equal to the file it was read from. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);

/** A text written empty in an export is no text. */
const given = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);

/**
 * The text to write: the editor's translation while the schedule's text is still the one it
 * translates (its `en`), else the schedule's text as given (none when it has none), with a note
 * when a translation goes.
 */
function importedText(
  current: WrittenText | undefined,
  text: string | undefined,
  where: string,
  notes: string[],
): WrittenText | undefined {
  const imported = given(text);
  if (current === undefined || typeof current === 'string') return imported;
  if (current.en === imported) return current;
  notes.push(
    imported === undefined
      ? `${where}: the schedule has none any more, so its translation ("${excerpt(current.en)}") was removed`
      : `${where}: the schedule changed "${excerpt(current.en)}" to "${excerpt(imported)}", which replaces the translation`,
  );
  return imported;
}

/**
 * Files an entity under what happened to it: added when nothing matched it; else moved and renamed
 * as `facets` say, updated when any field not compared apart changed, unchanged when nothing did.
 */
function record<T extends { id: string }>(
  changes: EntityChanges,
  before: T | undefined,
  after: T,
  name: string,
  facets: { moved?: string; renamed?: string; comparedApart: Array<keyof T> },
): void {
  const entry = { id: after.id, name };
  if (!before) {
    changes.added.push(entry);
    return;
  }
  if (facets.moved) changes.moved.push({ ...entry, detail: facets.moved });
  if (facets.renamed) changes.renamed.push({ ...entry, detail: facets.renamed });
  const rest = (document: T) =>
    Object.fromEntries(
      Object.entries(document).filter(([key]) => !facets.comparedApart.includes(key as keyof T)),
    );
  if (!isDeepStrictEqual(rest(before), rest(after))) changes.updated.push(entry);
  else if (!facets.moved && !facets.renamed) changes.unchanged.push(entry);
}

const renaming = (before: WrittenText | undefined, after: WrittenText) =>
  before !== undefined && originalText(before) !== originalText(after)
    ? `"${originalText(before)}" → "${originalText(after)}"`
    : undefined;

function recordRemoved<T extends { id: string }>(
  changes: EntityChanges,
  existing: T[],
  kept: Set<T>,
  name: (document: T) => WrittenText | undefined,
): void {
  for (const document of existing.filter((candidate) => !kept.has(candidate))) {
    changes.removed.push({ id: document.id, name: originalText(name(document)) ?? document.id });
  }
}

/**
 * Rooms in the export's order, matched to the current ones by guid, else by name. Guids the
 * export gives to several rooms (pretalx's democon gives both rooms one) say nothing about which
 * room is which: those rooms are matched by name and keep no guid.
 */
function planRooms(
  schedule: ImportedSchedule,
  existing: RoomDocument[],
  changes: EntityChanges,
  notes: string[],
) {
  const guidUses = new Map<string, string[]>();
  for (const { guid, name } of schedule.rooms)
    if (guid) guidUses.set(guid, [...(guidUses.get(guid) ?? []), name]);
  for (const [guid, names] of guidUses) {
    if (names.length > 1)
      notes.push(`rooms ${names.join(', ')} share the guid ${guid}: matched by name, the guid not kept`);
  }
  const claimed = new Set<RoomDocument>();
  const taken = new Set(existing.map(({ id }) => id));
  const idByName = new Map<string, string>();
  const rooms = schedule.rooms.map((room) => {
    const guid = room.guid && guidUses.get(room.guid)?.length === 1 ? room.guid : undefined;
    const match =
      existing.find(
        (candidate) => !claimed.has(candidate) && guid !== undefined && candidate.guid === guid,
      ) ??
      existing.find((candidate) => !claimed.has(candidate) && originalText(candidate.name) === room.name);
    if (match) claimed.add(match);
    const id =
      match?.id ??
      newId(slugOf(room.name), `room-${shortHash(room.guid ?? room.name)}`, (id) => !taken.has(id));
    taken.add(id);
    idByName.set(room.name, id);
    const document: RoomDocument = compact({
      id,
      guid,
      name: importedText(match?.name, room.name, `room "${id}": name`, notes) ?? room.name,
      location: match?.location,
      capacity: room.capacity ?? match?.capacity,
    });
    record(changes, match, document, room.name, {
      renamed: renaming(match?.name, document.name),
      comparedApart: ['name'],
    });
    return document;
  });
  recordRemoved(changes, existing, claimed, ({ name }) => name);
  return { rooms, idByName };
}

/**
 * Tracks by name: the schedule's list, then any track only its sessions name. Colour: the
 * export's, else the one the track has, else the next unused colour of the palette.
 */
function planTracks(
  schedule: ImportedSchedule,
  existing: TrackDocument[],
  changes: EntityChanges,
  notes: string[],
) {
  const imported = [...schedule.tracks];
  for (const { track } of schedule.sessions) {
    if (track && !imported.some(({ name }) => name === track)) imported.push({ name: track });
  }
  const claimed = new Set<TrackDocument>();
  const taken = new Set(existing.map(({ id }) => id));
  const matches = imported.map((track) => {
    const match = existing.find(
      (candidate) => !claimed.has(candidate) && originalText(candidate.name) === track.name,
    );
    if (match) claimed.add(match);
    return match;
  });
  // Taken before any new track picks one: the export's colours and those the tracks keep.
  const usedColors = imported.flatMap(
    (track, index) => track.color?.toLowerCase() ?? matches[index]?.color ?? [],
  );
  const idByName = new Map<string, string>();
  const tracks = imported.map((track, index) => {
    const match = matches[index];
    const id =
      match?.id ?? newId(slugOf(track.name), `track-${shortHash(track.name)}`, (id) => !taken.has(id));
    taken.add(id);
    idByName.set(track.name, id);
    const color = track.color?.toLowerCase() ?? match?.color ?? unusedTrackColor(usedColors);
    if (!track.color && !match) usedColors.push(color);
    if (contrastWithWhite(color) < 4.5) {
      notes.push(
        `track "${id}": colour ${color} has a contrast of ${contrastWithWhite(color).toFixed(1)}:1 with white text (4.5:1 wanted)`,
      );
    }
    const document: TrackDocument = {
      id,
      name: importedText(match?.name, track.name, `track "${id}": name`, notes) ?? track.name,
      color,
    };
    record(changes, match, document, track.name, {
      renamed: renaming(match?.name, document.name),
      comparedApart: ['name'],
    });
    return document;
  });
  recordRemoved(changes, existing, claimed, ({ name }) => name);
  return { tracks, idByName };
}

const identifiers = ['guid', 'code', 'frabId'] as const;
type Identified = { guid?: string; code?: string; frabId?: number };

/**
 * The candidate that is this person: the same guid, else code, else frab id, else the same name
 * where no identifier both carry says they are two people.
 */
function samePerson<T extends Identified>(
  candidates: T[],
  person: ImportedPerson,
  nameOf: (candidate: T) => string | undefined,
): T | undefined {
  for (const key of identifiers) {
    const value = person[key];
    const found = value === undefined ? undefined : candidates.find((candidate) => candidate[key] === value);
    if (found) return found;
  }
  return candidates.find(
    (candidate) =>
      nameOf(candidate) === person.name &&
      identifiers.every(
        (key) => candidate[key] === undefined || person[key] === undefined || candidate[key] === person[key],
      ),
  );
}

/** Speakers matched by guid, code, frab id, then name; fields the export does not carry stay. */
function planSpeakers(
  schedule: ImportedSchedule,
  existing: SpeakerDocument[],
  changes: EntityChanges,
  notes: string[],
) {
  // One person appears once per session: gather them, each identifier or biography from wherever given.
  const people: ImportedPerson[] = [];
  const personOf = new Map<ImportedPerson, ImportedPerson>();
  for (const person of schedule.sessions.flatMap(({ persons }) => persons)) {
    const known = samePerson(people, person, ({ name }) => name);
    if (known) {
      for (const key of [...identifiers, 'biography'] as const)
        if (known[key] === undefined) Object.assign(known, { [key]: person[key] });
    } else people.push({ ...person });
    personOf.set(person, known ?? (people.at(-1) as ImportedPerson));
  }
  const claimed = new Set<SpeakerDocument>();
  const taken = new Set(existing.map(({ id }) => id));
  const idOf = new Map<ImportedPerson, string>();
  const speakers = people.map((person) => {
    const match = samePerson(
      existing.filter((candidate) => !claimed.has(candidate)),
      person,
      ({ name }) => originalText(name),
    );
    if (match) claimed.add(match);
    const key = person.code?.toLowerCase() ?? shortHash(person.guid ?? String(person.frabId ?? person.name));
    const id = match?.id ?? newId(slugOf(person.name), `speaker-${key}`, (id) => !taken.has(id));
    taken.add(id);
    idOf.set(person, id);
    const where = `speaker "${id}"`;
    const document: SpeakerDocument = compact({
      id,
      guid: person.guid ?? match?.guid,
      code: person.code ?? match?.code,
      frabId: person.frabId ?? match?.frabId,
      name: importedText(match?.name, person.name, `${where}: name`, notes) ?? person.name,
      affiliation: match?.affiliation,
      // frab XML and many exports carry no biography: one written here stays.
      bio: given(person.biography)
        ? importedText(match?.bio, person.biography, `${where}: bio`, notes)
        : match?.bio,
      links: match?.links?.length ? match.links : undefined,
      sample: match?.sample,
    });
    record(changes, match, document, person.name, {
      renamed: renaming(match?.name, document.name),
      comparedApart: ['name'],
    });
    return document;
  });
  recordRemoved(changes, existing, claimed, ({ name }) => name);
  return { speakers, speakerIdOf: (person: ImportedPerson) => idOf.get(personOf.get(person) ?? person) };
}

/**
 * Two sessions in one room starting at the same instant are not a tight schedule but a broken
 * file (the same talk entered twice, a wrong room): the import stops before anything is written.
 * Partial overlaps stay, reported as warnings by the program checks.
 */
function checkSessionsApart(schedule: ImportedSchedule, fileName: string): void {
  const byGuid = new Map<string, ImportedSession>();
  const byRoomAndStart = new Map<string, ImportedSession>();
  const named = (session: ImportedSession) => `${session.where} "${session.title}" (guid ${session.guid})`;
  for (const session of schedule.sessions) {
    const sameGuid = byGuid.get(session.guid);
    if (sameGuid)
      throw new ScheduleImportError(
        `${fileName}: ${named(sameGuid)} and ${named(session)} have the same guid`,
      );
    byGuid.set(session.guid, session);
    const slot = `${session.room}\n${Date.parse(session.start)}`;
    const sameSlot = byRoomAndStart.get(slot);
    if (sameSlot) {
      throw new ScheduleImportError(
        `${fileName}: ${named(sameSlot)} and ${named(session)} both start in ${session.room} at ${session.start}`,
      );
    }
    byRoomAndStart.set(slot, session);
  }
}

/**
 * What the program becomes: the schedule's rooms, tracks, speakers and sessions, matched to the
 * edition's current program so that ids (in agenda stars, .ics subscriptions and shared links)
 * and editors' translations survive a re-import. Whatever the schedule no longer has is removed.
 */
export function planProgram(
  schedule: ImportedSchedule,
  existing: ProgramDocuments,
  { fileName, timeZone }: { fileName: string; timeZone: string },
): ProgramPlan {
  checkSessionsApart(schedule, fileName);
  const notes: string[] = [];
  const changes = { sessions: noChanges(), speakers: noChanges(), rooms: noChanges(), tracks: noChanges() };
  const { rooms, idByName: roomIdByName } = planRooms(schedule, existing.rooms, changes.rooms, notes);
  const { tracks, idByName: trackIdByName } = planTracks(schedule, existing.tracks, changes.tracks, notes);
  const { speakers, speakerIdOf } = planSpeakers(schedule, existing.speakers, changes.speakers, notes);

  const byGuid = new Map(
    existing.sessions.filter(({ guid }) => guid).map((session) => [session.guid, session]),
  );
  // Ids of removed sessions are not given to new ones: a star or link to the old one must not
  // quietly point at another talk.
  const taken = new Set(existing.sessions.map(({ id }) => id));
  const numbers = new Set([...taken].map((id) => frabNumber('session', id)));
  const isFree = (id: string) => !taken.has(id) && !numbers.has(frabNumber('session', id));
  const claimed = new Set<SessionDocument>();
  const unreadableLanguages: string[] = [];
  const sessions = schedule.sessions.map((session) => {
    const match = byGuid.get(session.guid);
    if (match) claimed.add(match);
    const fallback = `s-${session.code?.toLowerCase() ?? shortHash(session.guid)}`;
    const id = match?.id ?? newId(slugOf(session.title), fallback, isFree, 4);
    taken.add(id);
    numbers.add(frabNumber('session', id));
    const where = `session "${id}"`;
    const { type, typeName } = portalSessionType(session.type);
    const language = languageTag(session.language ?? '');
    if (!language) unreadableLanguages.push(`${id} (${session.language ?? 'none given'})`);
    const speakerIds = session.persons.map((person) => speakerIdOf(person) ?? '');
    const roomId = roomIdByName.get(session.room);
    if (!roomId)
      throw new ScheduleImportError(
        `${fileName}: ${session.where}: room "${session.room}" is not among the rooms`,
      );
    const recording = compact(session.recording);
    const document: SessionDocument = compact({
      id,
      guid: session.guid,
      // An export that carries no code or frab id (schema2 has no frab id) leaves the ones apps know.
      code: session.code ?? match?.code,
      frabId: session.frabId ?? match?.frabId,
      title: importedText(match?.title, session.title, `${where}: title`, notes) ?? session.title,
      subtitle: importedText(match?.subtitle, session.subtitle, `${where}: subtitle`, notes),
      abstract: importedText(match?.abstract, session.abstract, `${where}: abstract`, notes),
      description: importedText(match?.description, session.description, `${where}: description`, notes),
      type,
      typeName: importedText(match?.typeName, typeName, `${where}: typeName`, notes),
      language: language ?? 'und',
      interpretation: match?.interpretation ?? false,
      room: roomId,
      track: session.track ? trackIdByName.get(session.track) : undefined,
      start: wallClock(session.start, timeZone),
      duration: session.durationMinutes,
      speakers: [...new Set(speakerIds)],
      links: session.links.length > 0 ? session.links : undefined,
      recording: Object.keys(recording).length > 0 ? recording : undefined,
      url: session.url,
    });
    const moved =
      match && (match.start !== document.start || match.room !== document.room)
        ? `${match.start} ${match.room} → ${document.start} ${document.room}`
        : undefined;
    record(changes.sessions, match, document, session.title, {
      moved,
      renamed: renaming(match?.title, document.title),
      comparedApart: ['title', 'start', 'room'],
    });
    return document;
  });
  recordRemoved(changes.sessions, existing.sessions, claimed, ({ title }) => title);
  if (unreadableLanguages.length > 0) {
    notes.push(
      `language written as "und" (undetermined), the export giving no BCP 47 tag: ${unreadableLanguages.join(', ')}`,
    );
  }
  return { rooms, tracks, speakers, sessions, changes, notes };
}

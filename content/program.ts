import { createHash } from 'node:crypto';
import type { Session } from './schemas/program.ts';

const minute = 60_000;
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in a zone at an instant, "2027-11-17T09:30:00". */
function wallClockAt(instant: number, timeZone: string): string {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClockFormats.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(instant).map(({ type, value }) => [type, value]));
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}`;
}

/** A zone's offset from UTC at an instant, in minutes (Europe/Berlin in summer: 120). */
export function offsetMinutes(instant: number, timeZone: string): number {
  return Math.round((Date.parse(`${wallClockAt(instant, timeZone)}Z`) - instant) / minute);
}

/** "+08:00", "-03:30", "+00:00": an offset as ISO 8601 writes it. */
export function isoOffset(minutes: number): string {
  const size = Math.abs(minutes);
  const hours = String(Math.floor(size / 60)).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${hours}:${String(size % 60).padStart(2, '0')}`;
}

/** "2027-11-17T09:30:00+08:00": an instant written in a zone's wall clock and offset there. */
export function isoInZone(instant: number, timeZone: string): string {
  return `${wallClockAt(instant, timeZone)}${isoOffset(offsetMinutes(instant, timeZone))}`;
}

/**
 * The zone's one offset from UTC through the given years, in minutes, or undefined when it changes
 * (daylight saving time, or a zone that moved): calendars then need every rule, or times in UTC.
 */
export function fixedOffsetMinutes(
  timeZone: string,
  fromYear: number,
  toYear = fromYear,
): number | undefined {
  const day = 24 * 60 * minute;
  const offsets = new Set<number>();
  for (let instant = Date.UTC(fromYear, 0, 1); instant < Date.UTC(toYear + 1, 0, 1); instant += day) {
    offsets.add(offsetMinutes(instant, timeZone));
  }
  return offsets.size === 1 ? [...offsets][0] : undefined;
}

/** The first instant of a calendar day in a zone (midnight, or the hour after when the clocks skip it). */
export function dayStartInstant(date: string, timeZone: string): number {
  return (
    wallClockInstant(`${date} 00:00`, timeZone) ?? (wallClockInstant(`${date} 01:00`, timeZone) as number)
  );
}

/**
 * The instant a wall-clock time ("2027-11-17 09:30") stands for in a zone, in milliseconds; the
 * earlier one when the clocks go back and it happens twice, undefined when the clocks skip it.
 */
export function wallClockInstant(wallClock: string, timeZone: string): number | undefined {
  const key = `${timeZone} ${wallClock}`;
  if (!wallClockInstants.has(key)) wallClockInstants.set(key, findWallClockInstant(wallClock, timeZone));
  return wallClockInstants.get(key);
}

// Pages, exports and checks ask for the same sessions' starts over and over; each answer takes
// several Intl formatting calls, and a program has only so many starts.
const wallClockInstants = new Map<string, number | undefined>();

function findWallClockInstant(wallClock: string, timeZone: string): number | undefined {
  const asUtc = Date.parse(`${wallClock.replace(' ', 'T')}:00Z`);
  const day = 24 * 60 * minute;
  // A zone changes its offset at most once around any given day, so these two offsets cover it.
  const candidates = [offsetMinutes(asUtc - day, timeZone), offsetMinutes(asUtc + day, timeZone)]
    .map((offset) => asUtc - offset * minute)
    .filter((instant) => wallClockAt(instant, timeZone) === `${wallClock.replace(' ', 'T')}:00`);
  return candidates.length > 0 ? Math.min(...candidates) : undefined;
}

/** Whether a session's start is a time the zone's clocks show (not skipped by daylight saving). */
export const startExists = (session: Pick<Session, 'start'>, timeZone: string) =>
  wallClockInstant(session.start, timeZone) !== undefined;

function startInstant(session: Pick<Session, 'start'>, timeZone: string): number {
  const instant = wallClockInstant(session.start, timeZone);
  // The program checks refuse such a start, so only unchecked content gets here.
  if (instant === undefined) throw new RangeError(`${session.start} does not exist in ${timeZone}`);
  return instant;
}

/** "2027-11-17T09:30:00+08:00": the start in the edition's zone, with the offset in force then. */
export function sessionStart(session: Pick<Session, 'start'>, timeZone: string): string {
  return isoInZone(startInstant(session, timeZone), timeZone);
}

export function sessionEnd(session: Pick<Session, 'start' | 'duration'>, timeZone: string): string {
  return isoInZone(startInstant(session, timeZone) + session.duration * minute, timeZone);
}

/** The conference day a session belongs to (the day it starts), "2027-11-17". */
export function sessionDay(session: Pick<Session, 'start'>): string {
  return session.start.slice(0, 10);
}

/** The day a session ends on, in the edition's zone: later than its own day past midnight. */
export function sessionEndDay(session: Pick<Session, 'start' | 'duration'>, timeZone: string): string {
  return sessionEnd(session, timeZone).slice(0, 10);
}

/** "09:30": the wall-clock start in the edition's zone. */
export function sessionStartTime(session: Pick<Session, 'start'>): string {
  return session.start.slice(11, 16);
}

/** "01:30": a duration as frab writes it. */
export function durationHoursMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

// Random once, fixed forever: every build derives the same UUIDs from the same ids.
const portalNamespace = '6f1c3a52-8d4e-4b7a-9f20-5e8c1d7a3b94';

/** An RFC 9562 version 5 UUID: the same name in the same namespace always gives the same UUID. */
export function uuidV5(name: string, namespace = portalNamespace): string {
  const namespaceBytes = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The GUID kept from an import, else one derived from the id. */
export const sessionGuid = (session: Pick<Session, 'id'> & { guid?: string }) =>
  session.guid ?? uuidV5(`session/${session.id}`);
export const speakerGuid = (speaker: { id: string; guid?: string }) =>
  speaker.guid ?? uuidV5(`speaker/${speaker.id}`);
export const roomGuid = (room: { id: string; guid?: string }) => room.guid ?? uuidV5(`room/${room.id}`);

function idDigest(kind: string, id: string): Buffer {
  return createHash('sha1').update(`${kind}/${id}`).digest();
}

/**
 * frab's legacy positive integer id, derived from the id so it stays the same across builds and
 * across reordering; the program loader rejects the (unlikely) collision.
 */
export function frabNumber(kind: 'session' | 'speaker', id: string): number {
  return (idDigest(kind, id).readUInt32BE(0) % 2_000_000_000) + 1;
}

const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** pretalx's six-character code (`[0-9A-Z]{6}`), derived from the id like the number. */
export function pretalxCode(kind: 'session' | 'speaker', id: string): string {
  const digest = idDigest(kind, id);
  return Array.from(digest.subarray(4, 10), (byte) => codeAlphabet[byte % codeAlphabet.length]).join('');
}

/** The frab id kept from an import, else the one derived from the portal's id. */
export const frabIdOf = (kind: 'session' | 'speaker', item: { id: string; frabId?: number }) =>
  item.frabId ?? frabNumber(kind, item.id);

/** The pretalx code kept from an import, else the one derived from the portal's id. */
export const pretalxCodeOf = (kind: 'session' | 'speaker', item: { id: string; code?: string }) =>
  item.code ?? pretalxCode(kind, item.id);

/**
 * Pairs of sessions that share something (a room, a speaker) and overlap in time, with what they
 * share: the program checks report them, the pages say so on both sessions.
 */
export function overlapsBy<T extends { session: Pick<Session, 'start' | 'duration'> }>(
  entries: T[],
  timeZone: string,
  sharedBy: (entry: T) => string[],
): Array<[T, T, string]> {
  const byKey = new Map<string, T[]>();
  for (const entry of entries) {
    // A speaker listed twice in one session is not a clash with itself.
    for (const key of new Set(sharedBy(entry))) byKey.set(key, [...(byKey.get(key) ?? []), entry]);
  }
  const start = (entry: T) => startInstant(entry.session, timeZone);
  const found: Array<[T, T, string]> = [];
  for (const [key, sharing] of byKey) {
    // By instant, not by wall clock: when the clocks go back, 02:30 can come before 02:15.
    const ordered = [...sharing].sort((a, b) => start(a) - start(b));
    // Every earlier session, not just the previous one: a long session can overlap several that
    // follow it without those overlapping each other.
    for (const [index, later] of ordered.entries()) {
      for (const earlier of ordered.slice(0, index)) {
        if (start(later) < start(earlier) + earlier.session.duration * minute)
          found.push([earlier, later, key]);
      }
    }
  }
  return found;
}

/** Sessions in program order: by start, then by room as the rooms are listed. */
export function inProgramOrder(sessions: Session[], rooms: Array<{ id: string }>): Session[] {
  const roomOrder = new Map(rooms.map(({ id }, index) => [id, index]));
  return [...sessions].sort(
    (a, b) => a.start.localeCompare(b.start) || (roomOrder.get(a.room) ?? 0) - (roomOrder.get(b.room) ?? 0),
  );
}

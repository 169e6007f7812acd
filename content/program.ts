import { createHash } from 'node:crypto';
import type { Session } from './schemas/program.ts';

/** The conference's time zone. China has kept UTC+8 without daylight saving since 1991. */
export const conferenceTimeZone = 'Asia/Shanghai';
export const conferenceUtcOffset = '+08:00';
const offsetMilliseconds = 8 * 60 * 60 * 1000;

/** "2027-11-17T09:30:00+08:00": an instant written in the conference's own offset. */
function conferenceIsoString(instant: Date): string {
  return `${new Date(instant.getTime() + offsetMilliseconds).toISOString().slice(0, 19)}${conferenceUtcOffset}`;
}

export function sessionStart(session: Pick<Session, 'start'>): string {
  return `${session.start.replace(' ', 'T')}:00${conferenceUtcOffset}`;
}

export function sessionEnd(session: Pick<Session, 'start' | 'duration'>): string {
  const start = new Date(sessionStart(session));
  return conferenceIsoString(new Date(start.getTime() + session.duration * 60_000));
}

/** The conference day a session belongs to, "2027-11-17". */
export function sessionDay(session: Pick<Session, 'start'>): string {
  return session.start.slice(0, 10);
}

/** "09:30": the wall-clock start in the conference's time zone. */
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

export const sessionGuid = (session: Pick<Session, 'id'>) => uuidV5(`session/${session.id}`);
export const speakerGuid = (speaker: { id: string }) => uuidV5(`speaker/${speaker.id}`);
export const roomGuid = (room: { id: string }) => uuidV5(`room/${room.id}`);

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

/** Sessions in program order: by start, then by room as the rooms are listed. */
export function inProgramOrder(sessions: Session[], rooms: Array<{ id: string }>): Session[] {
  const roomOrder = new Map(rooms.map(({ id }, index) => [id, index]));
  return [...sessions].sort(
    (a, b) => a.start.localeCompare(b.start) || (roomOrder.get(a.room) ?? 0) - (roomOrder.get(b.room) ?? 0),
  );
}

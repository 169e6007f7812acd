import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * Program content as written in its files, before the loader reads it: a text is a plain string
 * (as given, not translated) or `{ en, zh }` (translated by an editor). The importer reads the
 * files this way because the loaded program no longer tells the two apart.
 */
export type WrittenText = string | { en: string; zh: string };

export interface RoomDocument {
  id: string;
  guid?: string;
  name: WrittenText;
  location?: WrittenText;
  capacity?: number;
}

export interface TrackDocument {
  id: string;
  name: WrittenText;
  color: string;
}

export interface SpeakerDocument {
  id: string;
  guid?: string;
  code?: string;
  frabId?: number;
  name: WrittenText;
  affiliation?: WrittenText;
  bio?: WrittenText;
  links?: Array<{ title: WrittenText; url: string }>;
  sample?: boolean;
}

export interface SessionDocument {
  id: string;
  guid?: string;
  code?: string;
  frabId?: number;
  title: WrittenText;
  subtitle?: WrittenText;
  abstract?: WrittenText;
  description?: WrittenText;
  type: string;
  typeName?: WrittenText;
  language: string;
  interpretation?: boolean;
  room: string;
  track?: string;
  start: string;
  duration: number;
  speakers?: string[];
  links?: Array<{ title: WrittenText; url: string }>;
  recording?: { optOut?: boolean; license?: string };
  url?: string;
}

export interface ProgramDocuments {
  rooms: RoomDocument[];
  tracks: TrackDocument[];
  speakers: SpeakerDocument[];
  sessions: SessionDocument[];
}

/** The English (or only) form of a text, the one an import compares with. */
export function originalText(text: WrittenText | undefined): string | undefined {
  return typeof text === 'string' ? text : text?.en;
}

async function documentIn(path: string): Promise<unknown> {
  try {
    return parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function documentsIn(folder: string): Promise<unknown[]> {
  const names = await readdir(folder).catch(() => []);
  const yamlNames = names.filter((name) => /\.ya?ml$/.test(name)).sort();
  return Promise.all(yamlNames.map((name) => documentIn(join(folder, name))));
}

const listOf = <T>(document: unknown): T[] => (Array.isArray(document) ? (document as T[]) : []);

/**
 * An edition's program folder as written (empty lists for a new edition). The site's loader
 * checked these files when it last built; the import's own check covers whatever it writes.
 */
export async function readProgramDocuments(folder: string): Promise<ProgramDocuments> {
  const [rooms, tracks, speakers, sessionFiles] = await Promise.all([
    documentIn(join(folder, 'rooms.yaml')),
    documentIn(join(folder, 'tracks.yaml')),
    documentsIn(join(folder, 'speakers')),
    documentsIn(join(folder, 'sessions')),
  ]);
  return {
    rooms: listOf(rooms),
    tracks: listOf(tracks),
    speakers: speakers as SpeakerDocument[],
    sessions: sessionFiles.flatMap((document) => listOf<SessionDocument>(document)),
  };
}

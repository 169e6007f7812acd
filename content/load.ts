import { access, readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import * as z from 'zod/mini';
import '../functions/contract/english-messages.ts';
import { inProgramOrder } from './program.ts';
import { programProblems } from './program-checks.ts';
import { type Edition, editionSchema } from './schemas/edition.ts';
import { type PrivacyNotice, privacyNoticeSchema } from './schemas/privacy-notice.ts';
import {
  type Program,
  programSourceSchema,
  roomSchema,
  sessionSchema,
  speakerSchema,
  trackSchema,
} from './schemas/program.ts';
import type { Venue } from './schemas/venue.ts';
import { venueContentSchema } from './schemas/venue-content.ts';

/**
 * The content tree every loader reads by default: this module's own folder (`content/`, or beside a
 * function's bundle), or the folder `CONTENT_DIR` names, so an importer's staged tree and the tests'
 * copies are checked and built exactly as the real one.
 */
export const contentRoot = process.env.CONTENT_DIR
  ? resolve(process.env.CONTENT_DIR)
  : fileURLToPath(new URL('.', import.meta.url));
const projectRoot = join(contentRoot, '..');

/** Where an edition's program lives: one folder per edition, named by its id. */
export function programFolder(editionId: string, root = contentRoot): string {
  return join(root, 'program', editionId);
}

/** Bad content names the file and every bad field, so the build log points straight at the fix. */
export class ContentError extends Error {
  override name = 'ContentError';
}

/**
 * ' ("welcome")' when an issue lies in an entry of a list file (sessions, rooms) that has an id:
 * "3.start" alone sends the reader counting entries.
 */
function idAt(document: unknown, path: PropertyKey[]): string {
  const [index] = path;
  if (!Array.isArray(document) || typeof index !== 'number') return '';
  const id: unknown = (document[index] as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? ` ("${id}")` : '';
}

async function loadYamlFile<S extends z.ZodMiniType>(
  path: string,
  schema: S,
): Promise<{ file: string; data: z.output<S> }> {
  const file = relative(projectRoot, path);
  let document: unknown;
  try {
    document = parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ContentError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  const result = schema.safeParse(document);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(document)'}${idAt(document, issue.path)}: ${issue.message}`,
    );
    throw new ContentError(`${file}: invalid content\n${problems.join('\n')}`);
  }
  return { file, data: result.data };
}

/** A file only some content trees have (an imported program's source.yaml). */
async function loadOptionalYamlFile<S extends z.ZodMiniType>(
  path: string,
  schema: S,
): Promise<{ file: string; data: z.output<S> } | undefined> {
  const present = await access(path).then(
    () => true,
    () => false,
  );
  return present ? loadYamlFile(path, schema) : undefined;
}

async function loadYamlFolder<S extends z.ZodMiniType>(
  folder: string,
  schema: S,
): Promise<Array<{ file: string; data: z.output<S> }>> {
  const names = (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return Promise.all(names.map((name) => loadYamlFile(join(folder, name), schema)));
}

/** Ids printed in URLs are tied to file names, so an edit cannot make them drift. */
function checkIdsMatchFileNames(entries: Array<{ file: string; data: { id: string } }>): void {
  for (const { file, data } of entries) {
    if (!file.endsWith(`/${data.id}.yaml`)) {
      throw new ContentError(`${file}: id: "${data.id}" must match the file name`);
    }
  }
}

/** Hours the evaluator reads replace the mapped text it could not: a page shows one or the other. */
function checkOneFormOfOpeningHours(entries: Array<{ file: string; data: Venue }>): void {
  for (const { file, data } of entries) {
    if (data.openingHours && data.openingHoursText) {
      throw new ContentError(`${file}: openingHoursText: remove it once openingHours gives the hours`);
    }
  }
}

export async function loadVenues(folder = join(contentRoot, 'venues')): Promise<Venue[]> {
  const entries = await loadYamlFolder(folder, venueContentSchema);
  checkIdsMatchFileNames(entries);
  checkOneFormOfOpeningHours(entries);
  // The importer's digests are its own bookkeeping: pages and the API never see them.
  return entries.map(({ data: { imported: _imported, ...venue } }) => venue);
}

export async function loadEditions(folder = join(contentRoot, 'editions')): Promise<Edition[]> {
  const entries = await loadYamlFolder(folder, editionSchema);
  const current = entries.filter(({ data }) => data.current);
  if (current.length !== 1) {
    const files = current.map(({ file }) => file).join(', ') || 'none';
    throw new ContentError(
      `${relative(projectRoot, folder)}: current: exactly one edition must be current (found ${files})`,
    );
  }
  return entries.map(({ data }) => data);
}

/** The privacy notice in force: the one registrations agree to. */
export async function loadPrivacyNotice(
  file = join(contentRoot, 'privacy', 'notice.yaml'),
): Promise<PrivacyNotice> {
  return (await loadYamlFile(file, privacyNoticeSchema)).data;
}

export function currentEdition(editions: Edition[]): Edition {
  const edition = editions.find(({ current }) => current);
  if (!edition) throw new ContentError('content/editions: current: no current edition');
  return edition;
}

/**
 * The program of an edition (the current one unless named), checked as a whole: every reference
 * resolves, no room or speaker is booked twice at once, and every session lies within one of the
 * edition's days. Throws on errors; hands back the warnings (what an imported schedule may carry,
 * see `programProblems`) for the importer to print.
 */
export async function loadProgramWithWarnings(
  folder?: string,
  edition?: Edition,
): Promise<{ program: Program; warnings: string[] }> {
  const conference = edition ?? currentEdition(await loadEditions());
  folder ??= programFolder(conference.id);
  const [rooms, tracks, speakers, sessionFiles, source] = await Promise.all([
    loadYamlFile(join(folder, 'rooms.yaml'), z.array(roomSchema).check(z.minLength(1))),
    loadYamlFile(join(folder, 'tracks.yaml'), z.array(trackSchema)),
    loadYamlFolder(join(folder, 'speakers'), speakerSchema),
    loadYamlFolder(join(folder, 'sessions'), z.array(sessionSchema)),
    loadOptionalYamlFile(join(folder, 'source.yaml'), programSourceSchema),
  ]);
  checkIdsMatchFileNames(speakers);
  const sessions = sessionFiles.flatMap(({ file, data }) => data.map((session) => ({ file, session })));
  const { errors, warnings } = programProblems({
    rooms: rooms.data,
    tracks: tracks.data,
    speakerIds: speakers.map(({ data }) => data.id),
    sessions,
    edition: conference,
  });
  if (errors.length > 0) {
    throw new ContentError(
      `${relative(projectRoot, folder)}: the program does not add up\n${errors.map((problem) => `  ${problem}`).join('\n')}`,
    );
  }
  const program: Program = {
    rooms: rooms.data,
    tracks: tracks.data,
    speakers: speakers.map(({ data }) => data),
    sessions: inProgramOrder(
      sessions.map(({ session }) => session),
      rooms.data,
    ),
  };
  if (source) program.source = source.data;
  return { program, warnings };
}

/** The program of an edition, as `loadProgramWithWarnings` loads it, for readers that only show it. */
export async function loadProgram(folder?: string, edition?: Edition): Promise<Program> {
  return (await loadProgramWithWarnings(folder, edition)).program;
}

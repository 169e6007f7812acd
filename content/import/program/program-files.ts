import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document, isScalar, visit } from 'yaml';
import type { ProgramDocuments } from './program-documents.ts';

/** What `source.yaml` records of the imported file. */
export interface ProgramSource {
  format: string;
  file: string;
  version: string;
  baseUrl?: string;
}

const header = [
  'Written by `npm run import:program` from the schedule named in source.yaml; a re-import rewrites it.',
  'Ids never change. To translate a text, write it as { en, zh }: a re-import keeps it while the',
  "schedule's text stays the en one.",
].join('\n');

/**
 * YAML the way the hand-written content looks: dates and times quoted (no YAML 1.1 reader takes
 * them for timestamps), lists of ids on one line, paragraphs as literal blocks.
 */
export function programYaml(value: unknown, comment = header): string {
  const document = new Document(value);
  // yaml writes each comment line after its '#' as given.
  document.commentBefore = comment.replace(/^/gm, ' ');
  visit(document, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
    Seq(_, node) {
      if (node.items.length > 0 && node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return document.toString({ lineWidth: 100, blockQuote: 'literal', flowCollectionPadding: false });
}

const byStartThenRoom =
  (roomOrder: Map<string, number>) => (a: { start: string; room: string }, b: typeof a) =>
    a.start.localeCompare(b.start) || (roomOrder.get(a.room) ?? 0) - (roomOrder.get(b.room) ?? 0);

/**
 * Writes the program into an edition's folder: rooms.yaml and tracks.yaml, one file per speaker,
 * one file of sessions per start day, and source.yaml. The files of the program before are
 * removed first, so a speaker or a day the schedule no longer has leaves no file behind.
 */
export async function writeProgramFiles(
  folder: string,
  program: ProgramDocuments,
  source: ProgramSource,
): Promise<void> {
  await Promise.all(
    ['rooms.yaml', 'tracks.yaml', 'source.yaml', 'speakers', 'sessions'].map((name) =>
      rm(join(folder, name), { recursive: true, force: true }),
    ),
  );
  await mkdir(join(folder, 'speakers'), { recursive: true });
  await mkdir(join(folder, 'sessions'), { recursive: true });
  const roomOrder = new Map(program.rooms.map(({ id }, index) => [id, index]));
  const days = Map.groupBy(program.sessions.toSorted(byStartThenRoom(roomOrder)), ({ start }) =>
    start.slice(0, 10),
  );
  await Promise.all([
    writeFile(join(folder, 'rooms.yaml'), programYaml(program.rooms)),
    writeFile(join(folder, 'tracks.yaml'), programYaml(program.tracks)),
    writeFile(
      join(folder, 'source.yaml'),
      programYaml(source, 'The schedule this program was last imported from.'),
    ),
    ...program.speakers.map((speaker) =>
      writeFile(join(folder, 'speakers', `${speaker.id}.yaml`), programYaml(speaker)),
    ),
    ...[...days].map(([day, sessions]) =>
      writeFile(join(folder, 'sessions', `${day}.yaml`), programYaml(sessions)),
    ),
  ]);
}

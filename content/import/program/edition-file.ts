import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { programYaml } from './program-files.ts';

/** What a schedule says of its conference, as the edition takes it. */
export interface ScheduleEdition {
  id: string;
  title: string;
  startDate: string;
  endDate: string;
  timeZone: string;
  /** The schedule's file name, for the new edition's placeholder summary. */
  fileName: string;
}

/** The fields of a new edition the importer cannot know, left for an editor (the report lists them). */
export const editionFieldsToComplete = ['name.zh', 'venue', 'summary', 'ordinal'];

/**
 * Brings an edition's file in line with the schedule: name, dates and time zone; any other field
 * (and every comment) stays as written. The edition name must be in both languages: an English
 * name the schedule changed is written in both until an editor translates it. A new id creates the
 * file, not current, its other required fields saying plainly that they are to be completed.
 * Answers whether the file was created, and what an editor should look at.
 */
export async function writeEditionFile(
  folder: string,
  edition: ScheduleEdition,
): Promise<{ created: boolean; notes: string[] }> {
  const path = join(folder, `${edition.id}.yaml`);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) {
    const created = {
      id: edition.id,
      name: { en: edition.title, zh: edition.title },
      startDate: edition.startDate,
      endDate: edition.endDate,
      timeZone: edition.timeZone,
      venue: { en: 'To be announced', zh: '待公布' },
      summary: {
        en: `${edition.title}: the program imported from ${edition.fileName}.`,
        zh: `${edition.title}：议程导入自 ${edition.fileName}。`,
      },
    };
    const comment = `Created by \`npm run import:program\` from ${edition.fileName}: ${editionFieldsToComplete.join(', ')} to be completed.`;
    await writeFile(path, programYaml(created, comment));
    return { created: true, notes: [] };
  }
  const document = parseDocument(text);
  const updates: Array<[string, unknown]> = [
    ['startDate', edition.startDate],
    ['endDate', edition.endDate],
    ['timeZone', edition.timeZone],
  ];
  const notes: string[] = [];
  if (document.getIn(['name', 'en']) !== edition.title) {
    updates.push(['name', { en: edition.title, zh: edition.title }]);
    notes.push(
      `edition ${edition.id}: name set to the schedule's title "${edition.title}" in both languages; name.zh awaits a translation`,
    );
  }
  if (document.get('sample') === true) {
    notes.push(
      `edition ${edition.id} is still marked sample: true (shown as invented); remove that once the program is real`,
    );
  }
  // YAML hands unquoted dates over as strings here (core schema), as the loader reads them.
  const changed = updates.filter(
    ([key, value]) => String(document.get(key)) !== value || typeof value === 'object',
  );
  for (const [key, value] of changed) document.set(key, value);
  // Written only when something changed: a rewrite of the same values could still refold lines.
  if (changed.length > 0) await writeFile(path, document.toString({ lineWidth: 100 }));
  return { created: false, notes };
}

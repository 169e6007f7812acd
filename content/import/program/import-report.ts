import { changedFileLines, reportSection } from '../report-lines.ts';
import { editionFieldsToComplete } from './edition-file.ts';
import type { ProgramImport } from './import-schedule.ts';
import { changeKinds, type EntityChange } from './plan-program.ts';

const entities = ['sessions', 'speakers', 'rooms', 'tracks'] as const;

function table(result: ProgramImport): string[] {
  const width = 10;
  const lines = [`${''.padEnd(width)}${changeKinds.map((kind) => kind.padStart(width)).join('')}`];
  for (const entity of entities) {
    const changes = result.plan.changes[entity];
    // Only sessions have a place and time to move from.
    const cells = changeKinds.map((kind) =>
      kind === 'moved' && entity !== 'sessions' ? '-' : String(changes[kind].length),
    );
    lines.push(`${entity.padEnd(width)}${cells.map((cell) => cell.padStart(width)).join('')}`);
  }
  return lines;
}

/** Sections stand apart by a blank line here, under the counts table. */
function section(title: string, lines: string[]): string[] {
  return lines.length === 0 ? [] : ['', ...reportSection(title, lines)];
}

const listed = (changes: EntityChange[]) =>
  changes.map(({ id, name, detail }) => (detail ? `${id}: ${detail}` : `${id}: ${name}`));

/** Skipped fields grouped by field and reason: an export repeats the same one on every session. */
function skippedLines(skipped: ProgramImport['skipped']): string[] {
  const groups = Map.groupBy(skipped, ({ field, reason }) => `${field}: ${reason}`);
  return [...groups].map(([key, items]) =>
    items.length === 1
      ? `${items[0]?.where}: ${key}`
      : `${key} (${items.length} times, first at ${items[0]?.where})`,
  );
}

/** The report printed at the end of an import (or of a dry run: what would change). */
export function importReport(result: ProgramImport, elapsedMilliseconds: number): string {
  const fileLines = changedFileLines(result.files);
  return [
    `${result.dryRun ? 'Dry run: would import' : 'Imported'} ${result.fileName} into edition ${result.editionId}${result.editionCreated ? ' (a new edition)' : ''}`,
    '',
    ...table(result),
    ...section('Sessions removed', listed(result.plan.changes.sessions.removed)),
    ...section('Sessions moved', listed(result.plan.changes.sessions.moved)),
    ...section('Sessions renamed', listed(result.plan.changes.sessions.renamed)),
    ...section('Skipped from the file', skippedLines(result.skipped)),
    ...section('Notes', result.notes),
    ...section(
      'Warnings (imported content may carry these; the site shows them as they are)',
      result.warnings,
    ),
    ...section(
      'To be completed',
      result.editionCreated
        ? [
            `content/editions/${result.editionId}.yaml: ${editionFieldsToComplete.join(', ')} (placeholders written)`,
          ]
        : [],
    ),
    ...(fileLines.length > 0
      ? section(result.dryRun ? 'Files that would change' : 'Files changed', fileLines)
      : ['', 'No file changes.']),
    '',
    `${result.dryRun ? 'Nothing written; took' : 'Done in'} ${(elapsedMilliseconds / 1000).toFixed(2)} s`,
  ].join('\n');
}

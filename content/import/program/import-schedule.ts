import { readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import {
  ContentError,
  contentRoot,
  currentEdition,
  loadEditions,
  loadProgramWithWarnings,
  programFolder,
} from '../../load.ts';
import { defaultTimeZone } from '../../schemas/edition.ts';
import { type ContentChanges, changeContent } from '../staged-content.ts';
import { writeEditionFile } from './edition-file.ts';
import { type ImportedSchedule, parseSchedule, ScheduleImportError } from './parse-schedule.ts';
import { type ProgramPlan, planProgram } from './plan-program.ts';
import { readProgramDocuments } from './program-documents.ts';
import { writeProgramFiles } from './program-files.ts';

export interface ProgramImportOptions {
  file: string;
  /** The edition the program is for; the current one when not given. */
  editionId?: string;
  dryRun?: boolean;
  /** The content tree to change (the tests' copies); `contentRoot` when not given. */
  root?: string;
}

/** Everything the report tells: what changed, what was left out and why, what to look at. */
export interface ProgramImport {
  fileName: string;
  editionId: string;
  editionCreated: boolean;
  dryRun: boolean;
  plan: ProgramPlan;
  skipped: ImportedSchedule['skipped'];
  /** The parser's notes, then the importer's. */
  notes: string[];
  /** The program checks' warnings: what real schedules carry and hand-written content may not. */
  warnings: string[];
  files: ContentChanges;
}

/**
 * Paths in the loaders' messages point into the staged copy, which is gone by the time anyone
 * reads them: they are shown as the paths of the real tree.
 */
function asRealPaths(text: string, stagedRoot: string, root: string): string {
  const projectRoot = join(contentRoot, '..');
  return text.replaceAll(relative(projectRoot, stagedRoot), relative(projectRoot, root));
}

/** The days sessions start on, first and last ("2020-12-14" ...). */
function sessionDays(plan: ProgramPlan): string[] {
  return plan.sessions.map(({ start }) => start.slice(0, 10)).sort();
}

/**
 * Imports a schedule file as an edition's program, all or nothing: a bad file, a failed check or
 * two sessions in one room at one start throw, and the content tree stays as it was.
 */
export async function importProgram({
  file,
  editionId,
  dryRun = false,
  root = contentRoot,
}: ProgramImportOptions) {
  const fileName = basename(file);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ScheduleImportError(`${file}: cannot be read (${error.code ?? error.message})`);
  });
  const schedule = parseSchedule(text, fileName);
  const editions = await loadEditions(join(root, 'editions'));
  const id = editionId ?? currentEdition(editions).id;
  if (!/^\d{4}$/.test(id))
    throw new ContentError(`--edition: "${id}" is not an edition id (the year, four digits)`);
  const edition = editions.find((candidate) => candidate.id === id);
  const notes = [...schedule.notes];
  const timeZone = schedule.conference.timeZone ?? edition?.timeZone ?? defaultTimeZone;
  if (!schedule.conference.timeZone) {
    notes.push(`the schedule names no valid time zone: times are written in the edition's, ${timeZone}`);
  }
  const plan = planProgram(schedule, await readProgramDocuments(programFolder(id, root)), {
    fileName,
    timeZone,
  });
  notes.push(...plan.notes);
  const days = sessionDays(plan);
  const startDate = [schedule.conference.start, days[0] ?? schedule.conference.start].sort()[0] ?? '';
  const endDate = [schedule.conference.end, days.at(-1) ?? schedule.conference.end].sort().at(-1) ?? '';
  if (startDate !== schedule.conference.start || endDate !== schedule.conference.end) {
    notes.push(
      `the conference runs ${schedule.conference.start} to ${schedule.conference.end}, its sessions ${days[0]} to ${days.at(-1)} in ${timeZone}: the edition takes ${startDate} to ${endDate}`,
    );
  }
  let editionCreated = false;
  let warnings: string[] = [];
  const files = await changeContent(
    root,
    async (stagedRoot) => {
      const written = await writeEditionFile(join(stagedRoot, 'editions'), {
        id,
        title: schedule.conference.title,
        startDate,
        endDate,
        timeZone,
        fileName,
      });
      editionCreated = written.created;
      notes.push(...written.notes);
      await writeProgramFiles(programFolder(id, stagedRoot), plan, {
        format: schedule.format,
        file: fileName,
        version: schedule.version,
        ...(schedule.baseUrl ? { baseUrl: schedule.baseUrl } : {}),
      });
    },
    async (stagedRoot) => {
      try {
        const stagedEditions = await loadEditions(join(stagedRoot, 'editions'));
        const loaded = await loadProgramWithWarnings(
          programFolder(id, stagedRoot),
          stagedEditions.find((candidate) => candidate.id === id),
        );
        warnings = loaded.warnings.map((warning) => asRealPaths(warning, stagedRoot, root));
      } catch (error) {
        if (error instanceof ContentError)
          throw new ContentError(asRealPaths(error.message, stagedRoot, root));
        throw error;
      }
    },
    { dryRun },
  );
  return {
    fileName,
    editionId: id,
    editionCreated,
    dryRun,
    plan,
    skipped: schedule.skipped,
    notes,
    warnings,
    files,
  } satisfies ProgramImport;
}

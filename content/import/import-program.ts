/**
 * `npm run import:program -- FILE [--edition ID] [--dry-run]`: a pretalx or frab schedule
 * (schedule.json, schema2 JSON or frab XML) becomes the edition's program. Exit code 0 with a
 * report; 1 with a message naming the file and the item when the file or the result is bad (the
 * content left exactly as it was); 2 for a wrong command line.
 */
import { performance } from 'node:perf_hooks';
import { ContentError } from '../load.ts';
import { importCommandLine } from './import-command-line.ts';
import { importReport } from './program/import-report.ts';
import { importProgram } from './program/import-schedule.ts';
import { ScheduleImportError } from './program/parse-schedule.ts';

const usage = 'usage: npm run import:program -- FILE [--edition ID] [--dry-run]';

const { values, file } = importCommandLine(
  { edition: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  usage,
);

const started = performance.now();
try {
  const result = await importProgram({
    file,
    editionId: values.edition,
    dryRun: values['dry-run'],
  });
  console.log(importReport(result, performance.now() - started));
} catch (error) {
  // A bad file or bad content is told in its own words; anything else is a bug, shown with its stack.
  const expected = error instanceof ScheduleImportError || error instanceof ContentError;
  const told = expected ? error.message : error instanceof Error ? error.stack : String(error);
  console.error(`import:program: ${told}\nNothing was changed in the content.`);
  process.exitCode = 1;
}

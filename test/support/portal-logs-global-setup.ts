import { mkdir, rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { answerLogVariable } from '../../local/answer-recorder.ts';
import { readRecordedAnswers } from './answer-contract.ts';
import { checkLogLines, readPortalLines } from './portal-logs.ts';
import { portalLogVariable } from './portal-process.ts';

/**
 * For the projects whose tests talk to running portals: every portal writes its output to the folder
 * the project's env names; once the project's tests are done, every line is checked against the
 * answers the portals recorded (test/support/portal-logs.ts), and a failure fails the run. Listed
 * after api-answers-global-setup.ts, so this teardown runs first, while the answers are still there.
 */
export default async function checkPortalLogs(project: TestProject) {
  const directory = project.config.env[portalLogVariable];
  const answers = project.config.env[answerLogVariable];
  if (!directory || !answers)
    throw new Error(`The ${project.name} project must set ${portalLogVariable} and ${answerLogVariable}.`);
  await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true });

  return async () => {
    const check = checkLogLines(await readPortalLines(directory), await readRecordedAnswers(answers));
    console.log(
      `\n${project.name}: ${check.lines} portal log lines read: each JSON, ${check.requestLines} request lines matched to their answers, none holding any of ${check.personalValues} personal values sent`,
    );
    if (check.failures.length) {
      const listed = check.failures.slice(0, 20).join('\n  ');
      const more = check.failures.length > 20 ? `\n  …and ${check.failures.length - 20} more` : '';
      throw new Error(
        `${check.failures.length} problems in the ${project.name} portals' logs (kept in ${directory}):\n  ${listed}${more}`,
      );
    }
    await rm(directory, { recursive: true, force: true });
  };
}

import { mkdir, rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { answerLogVariable } from '../../local/answer-recorder.ts';
import { checkAnswers, readRecordedAnswers } from './answer-contract.ts';

/**
 * For the projects whose tests talk to running portals: the project's `env` names a folder where
 * every portal records its API answers (local/server.ts); once the project's tests are done, each
 * answer is checked against the contract, and one that matches no declared status or schema fails
 * the run (a thrown teardown makes `vitest run` exit 1 and prints the error).
 */
export default async function checkApiAnswers(project: TestProject) {
  const directory = project.config.env[answerLogVariable];
  if (!directory) throw new Error(`The ${project.name} project must set ${answerLogVariable} in its env.`);
  await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true });

  return async () => {
    const { byRoute, failures } = checkAnswers(await readRecordedAnswers(directory));
    const total = Object.values(byRoute).reduce((sum, count) => sum + count, 0);
    const routes = Object.entries(byRoute)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([route, count]) => `  ${count} ${route}`);
    console.log(`\n${project.name}: ${total} API answers checked against the contract\n${routes.join('\n')}`);
    if (failures.length) {
      // The same difference on many answers is one fault: each is listed once, with how often.
      const counted = new Map<string, number>();
      for (const failure of failures) counted.set(failure, (counted.get(failure) ?? 0) + 1);
      const listed = [...counted].map(([failure, count]) => (count > 1 ? `${count}× ${failure}` : failure));
      const more = listed.length > 20 ? `\n  …and ${listed.length - 20} more` : '';
      throw new Error(
        `${failures.length} of ${total} API answers in ${project.name} do not match the contract (recorded in ${directory}):\n  ${listed.slice(0, 20).join('\n  ')}${more}`,
      );
    }
    await rm(directory, { recursive: true, force: true });
  };
}

import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { bundleDeployedFunctions } from '../../local/function-bundles.ts';

/**
 * Bundles the functions once for the project's run, as the stack bundles them
 * (local/function-bundles.ts), into the folder its env names in BUNDLES_DIR, where its portals find
 * them (`--bundled`, test/support/portal-process.ts). Removed afterwards.
 */
export default async function bundleOnce(project: TestProject) {
  const directory = project.config.env.BUNDLES_DIR;
  if (!directory) throw new Error(`The ${project.name} project must set BUNDLES_DIR in its env.`);
  await bundleDeployedFunctions(directory);
  return () => rm(directory, { recursive: true, force: true });
}

import { buildSite, isSiteBuildStale } from '../../local/site-build.ts';

// Shared by the projects that use this set-up: vitest loads it once in its main process.
let built: Promise<void> | undefined;

/**
 * Builds the site once before the test files that start the portal, so that several portals
 * starting at once never run `astro build` side by side over the same folders.
 */
export default function buildSiteOnce(): Promise<void> {
  built ??= isSiteBuildStale().then((stale) => (stale ? buildSite() : undefined));
  return built;
}

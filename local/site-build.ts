import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const projectRoot = join(import.meta.dirname, '..');
export const siteEntry = join(projectRoot, 'site/dist/server/entry.mjs');

/**
 * What the built site is made from: a change to any of these makes the build stale. The content is
 * the tree CONTENT_DIR names when set, as content/load.ts reads it (an import into another tree).
 */
const buildInputs = [
  ...new Set([
    'site/src',
    'site/public',
    'site/offline',
    'site/astro.config.ts',
    'site/search-index.ts',
    'content',
    process.env.CONTENT_DIR ?? 'content',
    'package-lock.json',
  ]),
];

async function newestModification(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestModification(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

export async function isSiteBuildStale(): Promise<boolean> {
  const built = await stat(siteEntry).catch(() => undefined);
  if (!built) return true;
  const inputs = await Promise.all(
    buildInputs.map((input) => newestModification(resolve(projectRoot, input))),
  );
  return Math.max(...inputs) > built.mtimeMs;
}

export interface SiteBuildOptions {
  /** Somewhere other than site/dist, so a test's build never races the portal's. */
  outDir?: string;
  /** The origin in canonical URLs, the sitemap and robots.txt (SITE_ORIGIN). */
  origin?: string;
  /**
   * Another content tree (CONTENT_DIR), only with `outDir`: Astro's content store then goes beside
   * it (`<outDir>.astro-cache`; the build empties `outDir` first), so it never mixes with the store
   * of a build of content/ running at the same time.
   */
  contentDir?: string;
}

/** Runs `astro build` on this same Node, so the build never depends on the machine's own Node. */
export function buildSite({ outDir, origin, contentDir }: SiteBuildOptions = {}): Promise<void> {
  if (contentDir && !outDir)
    throw new Error('buildSite: a build of other content needs an outDir of its own');
  const astro = join(projectRoot, 'node_modules/astro/bin/astro.mjs');
  return new Promise((resolve, reject) => {
    const build = spawn(
      process.execPath,
      [astro, 'build', '--root', 'site', ...(outDir ? ['--outDir', outDir] : [])],
      {
        cwd: projectRoot,
        stdio: 'inherit',
        env: {
          ...process.env,
          ASTRO_TELEMETRY_DISABLED: '1',
          ...(origin && { SITE_ORIGIN: origin }),
          ...(contentDir && outDir && { CONTENT_DIR: contentDir, SITE_CACHE_DIR: `${outDir}.astro-cache` }),
        },
      },
    );
    build.once('error', reject);
    build.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`astro build failed (exit ${code})`)),
    );
  });
}
